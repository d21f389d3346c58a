// The dashboard's loading state: the Suspense fallback sent with the page's shell while the figures
// are computed, shaped like what replaces it. (No loading.tsx: a route-level fallback would send
// 200 and the shell before the page's access check, so a refused user would get 200, not 403/307.)
export function FiguresLoading() {
  return (
    <div className="figures-loading" data-loading="figures" role="status" aria-live="polite">
      <p className="legend"><span className="spinner" aria-hidden="true" /> Computing the agreement figures (bootstrap intervals for every aspect)…</p>
      <div className="skeleton table-skeleton" aria-hidden="true" />
      <div className="chart-grid" aria-hidden="true">
        <div className="skeleton chart-skeleton" />
        <div className="skeleton chart-skeleton" />
      </div>
    </div>
  );
}
