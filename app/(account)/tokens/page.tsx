import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { ROLE_SCOPES } from "@/lib/auth/permissions";
import { listApiTokens } from "@/lib/services/api-tokens";
import { TokensPanel } from "./tokens-panel";

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const me = await requirePageUser(undefined, "/tokens");
  const tokens = await listApiTokens(await getDb(), me.id);
  return (
    <>
      <h1>API tokens</h1>
      <p className="sub">
        Personal tokens for scripts and the command line: send one as <code>Authorization: Bearer &lt;token&gt;</code> to any
        API route. A token may do only what its scopes allow, and never more than your role ({me.role}); it stops working when
        revoked, when it expires or when your account is deactivated. The token is shown once, when it is created; Attest
        keeps only its SHA-256.
      </p>
      <TokensPanel scopes={[...ROLE_SCOPES[me.role]]} initial={tokens} />
    </>
  );
}
