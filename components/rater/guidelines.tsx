"use client";
// The guidelines beside the scoring form: the round's instructions (as the researcher wrote them,
// examples included) and, for every score the rater gives, what the rubric says each point means.
import type { Rubric } from "@/lib/rubric/rubric";
import { allowedText, anchorRange } from "@/lib/rubric/scale";
import { typedAspects } from "@/lib/rater/score-fields";

const GROUPS = [
  ["sentence", "Sentence"],
  ["word", "Each word"],
  ["phone", "Each phoneme"],
] as const;

export function Guidelines({ rubric, instructions, onClose }: { rubric: Rubric; instructions: string | null; onClose(): void }) {
  return (
    <section className="panel guidelines" aria-label="Guidelines" data-testid="guidelines">
      <div className="guide-head">
        <h2>Guidelines</h2>
        <button type="button" onClick={onClose}>Close (G)</button>
      </div>
      {instructions ? (
        <div className="instructions" data-testid="instructions">{instructions}</div>
      ) : (
        <p className="muted">This round has no instructions of its own; the rubric below applies.</p>
      )}
      <div className="guide-grid">
        {GROUPS.map(([g, title]) =>
          typedAspects(rubric[g]).map(([aspect, scale]) => (
            <div key={`${g}.${aspect}`} className="guide-aspect" data-guide={`${g}.${aspect}`}>
              <h3>
                {title}: {aspect} <span className="muted">({allowedText(scale)})</span>
              </h3>
              {scale.description && <p>{scale.description}</p>}
              {scale.anchors && (
                <table className="anchors">
                  <tbody>
                    {scale.anchors.map((a, i) => (
                      <tr key={i}>
                        <th scope="row">{anchorRange(a)}</th>
                        <td>
                          {a.meaning}
                          {a.example && <span className="example"> Example: {a.example}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          )),
        )}
      </div>
    </section>
  );
}
