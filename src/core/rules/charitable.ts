// Charitable reading (docs/linking.md, "Charitable reading"). A link the clause fallback inferred may be wrong
// where a construction's link is not; before a rule reports that such a number disagrees with the
// front matter, it tries the sentence's other readings: another arm the sentence names, the trial
// instead of an arm for a group size, or an arm instead of the trial. When one agrees nothing is
// reported (an info TR199 when `reportUnlinked` is on); when none does, a warning, never an error.
import type { Finding, Mention, MentionLink, TrialModel } from '../types.js';
import type { RuleContext } from './rule.js';

/** Whether a mention's link was inferred rather than made by a construction. */
export function isInferred(m: Mention): boolean {
  // A group size taken as the trial's by no construction ("152 patients in the trial") is a
  // reading too, as weak as a clause's.
  return !!m.link.inferred || (m.kind === 'sample-size' && !m.link.armId && !m.link.via && m.where === 'prose');
}

/** The other readings of an inferred link, in the order a reader would try them. */
export function otherReadings(model: TrialModel, m: Mention): MentionLink[] {
  if (!isInferred(m) || m.sentence < 0) return [];
  const s = model.sentences[m.sentence];
  if (!s) return [];
  const { armId: _arm, via: _via, inferred: _inferred, ...outcome } = m.link;
  const out: MentionLink[] = s.armIds.filter((a) => a !== m.link.armId).map((armId) => ({ ...outcome, armId, inferred: true }));
  // A group size read as an arm's may be the trial's, and the other way round.
  if (m.kind === 'sample-size' && m.link.armId) out.push({ ...outcome, inferred: true });
  return out;
}

/**
 * Applies the charitable reading to a disagreement a rule found on `m`: `agrees(link)` says
 * whether the number agrees with the front matter under another reading (undefined when that
 * reading has nothing to compare with). Returns the finding to report, if any.
 */
export function readCharitably(ctx: RuleContext, m: Mention, finding: Finding, agrees: (link: MentionLink) => boolean | undefined): Finding | undefined {
  if (!isInferred(m)) return finding;
  const other = otherReadings(ctx.model, m).find((link) => agrees(link) === true);
  if (other) {
    if (!ctx.reportUnlinked) return undefined;
    const who = other.armId ? ctx.model.arms.find((a) => a.id === other.armId)?.label ?? other.armId : 'the trial';
    return {
      ruleId: 'TR199',
      severity: 'info',
      message: `${m.text.replace(/\s+/g, ' ')} was linked by its ${m.link.via ?? 'sentence'} only; read as ${who}'s it agrees with the front matter, so it was not reported. Name its arm next to it to have it checked.`,
      range: finding.range,
    };
  }
  return {
    ...finding,
    severity: 'warning',
    message: `${finding.message} (Linked by its ${m.link.via ?? 'sentence'}; no other reading of the sentence agrees.)`,
  };
}
