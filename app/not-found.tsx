import Link from "next/link";

export default function NotFound() {
  return (
    <div className="panel" style={{ maxWidth: 560 }}>
      <h1>404 — not found</h1>
      <p className="sub">There is nothing here, or it is not yours to see. <Link href="/">Go to your start page</Link>.</p>
    </div>
  );
}
