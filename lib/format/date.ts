// The one way the app shows a moment: "2026-12-02 14:05 UTC". The same on the server and in every
// browser (no locale, no time zone of the viewer), so server-rendered and client-rendered pages
// agree and hydration never differs. Every page and component that shows a date uses this.
const pad = (n: number) => String(n).padStart(2, "0");

export function formatDateTime(value: Date | string | number): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}
