// A dashboard table with its CSV download; numbers at 3 decimals, CI columns folded into the
// column they belong to (the interval on a second, smaller line). Headers are readable labels with
// a tooltip saying what each figure is (column-labels.ts); the CSV keeps the column ids.
import type { Table } from "@/lib/services/agreement/dashboard";
import { columnLabel } from "./column-labels";

const fmt = (v: string | number | null) => (v === null ? "—" : typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v);

export function DataTable({ table, csvHref }: { table: Table; csvHref: string }) {
  // Columns "<m>", "<m>_lo", "<m>_hi" are shown as one column "<m>" with its interval.
  const shown = table.columns.flatMap((c, i) => (c.endsWith("_lo") || c.endsWith("_hi") ? [] : [i]));
  const ci = (i: number) => {
    const lo = table.columns.indexOf(`${table.columns[i]}_lo`);
    return lo >= 0 ? [lo, lo + 1] : null;
  };
  const withCi = shown.some((i) => ci(i));
  return (
    <div className="table-block" data-table={table.name}>
      <h2>{table.title} <a className="legend" href={csvHref} download={`${table.name}.csv`}>CSV</a></h2>
      {withCi && <p className="legend">Each figure with its 95% interval below it. Hover a column header for what it measures.</p>}
      {/* Focusable so a keyboard can scroll a table wider than the page (WCAG 2.1.1). */}
      <div className="scroll" tabIndex={0} role="region" aria-label={table.title}>
        <table className="grid figures">
          <thead>
            <tr>
              {shown.map((i) => {
                const { label, title } = columnLabel(table.columns[i]);
                return <th key={i} className={i > 0 ? "num" : ""} data-col={table.columns[i]} title={title}>{label}</th>;
              })}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {shown.map((i) => {
                  const c = ci(i);
                  return (
                    <td key={i} className={i > 0 ? "num" : ""}>
                      {fmt(row[i])}
                      {c && row[c[0]] !== null && <span className="ci">{fmt(row[c[0]])}–{fmt(row[c[1]])}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
