// Colours and sizes of Attest's charts (kept apart from the statistics that feed them).
export const PALETTE = ["#2452c9", "#d68910", "#1e8449", "#c0392b", "#7d3c98", "#17a589", "#5d6d7e", "#ca6f1e", "#2e86c1", "#a93226"];
export const INK = "#1d2430";
export const MUTED = "#5b6678";
export const GRID_LINE = "#dfe3ea";
export const HEAT_RANGE = ["#fbe3e0", "#fdf0d9", "#e2f4e8", "#1e8449"];
export const BAND = "rgba(36, 82, 201, 0.35)";
export const CHART_SIZE = { width: 600, height: 340 };
export const FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
