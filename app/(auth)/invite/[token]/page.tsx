import { getDb } from "@/lib/db/client";
import { invitationFor } from "@/lib/services/users";
import { SetPasswordForm } from "./set-password-form";

export const dynamic = "force-dynamic";

// A one-time invitation or password-reset link: no sign-in; the link's secret is the credential.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const inv = await invitationFor(await getDb(), token);
  return (
    <div className="panel login">
      <h1>{inv?.purpose === "reset" ? "Choose a new password" : "Welcome to Attest"}</h1>
      {inv ? (
        <>
          <p className="sub">Set the password for <b>{inv.email}</b>. This link works once.</p>
          <SetPasswordForm token={token} email={inv.email} />
        </>
      ) : (
        <p className="error">This link is not valid: it was used already, has expired or was replaced by a newer one. Ask an admin for a new link.</p>
      )}
    </div>
  );
}
