import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/services/users";
import { UsersPanel } from "./users-panel";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const me = await requirePageUser("users:write", "/users");
  const users = await listUsers(await getDb());
  return (
    <>
      <h1>Users</h1>
      <p className="sub">
        Create accounts with a one-time invitation link (the person sets their own password) or with a password you give them;
        change roles, deactivate (their sessions and API tokens stop working at once) and reset passwords. Every change is
        written to the audit log.
      </p>
      <UsersPanel me={me.id} initial={users} />
    </>
  );
}
