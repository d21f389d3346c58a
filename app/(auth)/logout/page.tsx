import { LogoutButton } from "./logout-button";

export const dynamic = "force-dynamic";

export default function LogoutPage() {
  return (
    <div className="panel login">
      <h1>Sign out</h1>
      <p className="sub">End your session on this browser.</p>
      <LogoutButton />
    </div>
  );
}
