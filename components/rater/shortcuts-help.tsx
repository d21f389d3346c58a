"use client";
// The `?` overlay: every keyboard shortcut of the workspace.
const KEYS: [string, string][] = [
  ["0–9 .", "set the focused score; only values the scale allows (1 then 0 is 10; on 0–1 scales 1 is 1, 0 . 8 is 0.8; on stress 1 is 10)"],
  ["← →", "the focused score one point lower / higher"],
  ["E", "type any value into the focused score's box (Enter or Esc goes back)"],
  ["Backspace", "clear the focused score"],
  ["↑ ↓", "previous / next score (sentence → words → phonemes)"],
  ["Tab, Shift+Tab", "leave the form for the rest of the page (and back)"],
  ["Space", "play / pause the recording"],
  ["P or Enter", "play the focused word or phoneme"],
  ["Ctrl+Z, Ctrl+Shift+Z (or Ctrl+Y)", "undo / redo score changes"],
  ["Ctrl+Enter", "submit (after submitting: next item)"],
  ["Ctrl+Shift+Enter", "submit and go to the next item"],
  ["] and [", "next / previous item in your queue (the draft is saved first)"],
  ["S", "skip this item (asks why)"],
  ["G", "show / hide the guidelines"],
  ["?", "show / hide this help"],
];

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <div className="overlay" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcuts" onClick={onClose}>
      <div className="panel" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table className="grid">
          <tbody>
            {KEYS.map(([k, v]) => (
              <tr key={k}><td><kbd>{k}</kbd></td><td>{v}</td></tr>
            ))}
          </tbody>
        </table>
        <p className="legend">
          Drafts save as you go (in this browser at once, on the server a moment later), whatever they hold: a value outside the scale is kept and
          shown at its score until you fix it; only submitting needs every score set and fitting.
        </p>
        <button type="button" autoFocus onClick={onClose}>Close (Esc)</button>
      </div>
    </div>
  );
}
