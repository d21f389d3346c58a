"use client";
// The `?` overlay: every keyboard shortcut of the workspace.
const KEYS: [string, string][] = [
  ["0–9", "set the focused score (type 1 then 0 for 10; tenths on 0–1 scales)"],
  ["↑ ↓ ← → / Tab, Shift+Tab", "move between scores (sentence → words → phonemes)"],
  ["Space", "play / pause the recording"],
  ["P or Enter", "play the focused word or phoneme"],
  ["Backspace", "clear the focused score"],
  ["Ctrl+Enter", "submit"],
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
        <p className="legend">Drafts save as you go (in this browser at once, on the server a moment later).</p>
        <button type="button" onClick={onClose}>Close (Esc)</button>
      </div>
    </div>
  );
}
