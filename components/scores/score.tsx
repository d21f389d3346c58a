// A score with a colour band relative to its scale, or a dash where the rater gave none.
export function Score({ value, max, digits = 1 }: { value: number | null | undefined; max: number; digits?: number }) {
  if (value === null || value === undefined) return <span className="missing" title="missing">—</span>;
  const r = value / max;
  const cls = r >= 0.75 ? "s-good" : r >= 0.45 ? "s-mid" : "s-bad";
  return <span className={`score ${cls}`}>{Number.isInteger(value) ? value : value.toFixed(digits)}</span>;
}
