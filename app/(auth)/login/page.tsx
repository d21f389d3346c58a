import { LoginForm, RATE_LIMITED } from "./login-form";
import { sameOriginPath } from "@/lib/http/same-origin-path";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; email?: string }> }) {
  const sp = await searchParams;
  // Only paths on this site: never bounce a user to another origin after sign-in.
  const callbackUrl = sameOriginPath(sp.callbackUrl);
  return (
    <div className="panel login">
      <h1>Sign in to Attest</h1>
      <p className="sub">L2 speech assessment with explanations you can check.</p>
      <LoginForm callbackUrl={callbackUrl} initialError={sp.error === "RateLimited" ? RATE_LIMITED : sp.error ? "Sign-in failed." : null} email={typeof sp.email === "string" ? sp.email.slice(0, 254) : undefined} />
    </div>
  );
}
