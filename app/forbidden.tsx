import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="panel" style={{ maxWidth: 560 }}>
      <h1>403 — not allowed</h1>
      <p className="sub">Your role cannot open this page. <Link href="/">Go to your start page</Link>.</p>
    </div>
  );
}
