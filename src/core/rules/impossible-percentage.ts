import { describeCounts, fittingDenominators, formatShare, grim, joinWords, nearestCounts, scaled, shareTestable, type RoundingPolicy, type Scaled } from '../numbers.js';
import type { Finding, Mention, RelatedLocation, Range, Severity, TrialModel, WrittenNumber } from '../types.js';
import { bodyDenominator, linkedResult, percentUnit } from './body.js';
import { readCharitably } from './charitable.js';
import { allResults, armById, denominator, type Rule } from './rule.js';

export interface ShareClaim {
  /** The percentage as written, without `%`. */
  text: string;
  range: Range;
  /** Who the share belongs to, for the message: "SRI-4 response at week 24, Placebo". */
  subject: string;
  n: WrittenNumber;
  /** Other denominators stated for the same arm (randomised, analysed, result n). */
  others: WrittenNumber[];
  /** Suffix for replacement values: '' in YAML, '%' in prose. */
  unit: string;
  rounding: RoundingPolicy;
  /**
   * The n is the arm's, not one stated for this share: impossible only under that default
   * assumption, so a warning (docs/rules/README.md, "Severities").
   */
  defaultN: boolean;
}

/**
 * GRIM for one share: silent when it fits or cannot fail (rule 6); a warning when only
 * truncation or another stated denominator explains it; otherwise an error that names the
 * nearest k/n and the denominators within ±15% that would fit (rule 5).
 */
export function grimFinding(claim: ShareClaim): Finding | undefined {
  const p: Scaled | undefined = scaled(claim.text);
  const n = claim.n.value;
  if (!p || !Number.isInteger(n) || n <= 0 || !shareTestable(p.decimals, n)) return undefined;
  const verdict = grim(p, n, claim.rounding);
  if (verdict.kind === 'fits') return undefined;
  const shown = Math.max(1, p.decimals);
  const related: RelatedLocation[] = [{ message: `n = ${n} declared here`, range: claim.n.range }];
  if (verdict.kind === 'truncated') {
    const k = verdict.k;
    const exact = formatShare(k, n, shown);
    const fitsRounded = fittingDenominators(p, n, 0.15, claim.rounding);
    return {
      ruleId: 'TR104',
      severity: 'warning',
      message: `${claim.subject}: ${claim.text}% of ${n} patients is consistent only if ${exact}% (${k}/${n}) was truncated to ${claim.text}%; rounded, ${describeCounts(nearestCounts(p, n), n, shown)}.${fitsRounded.length ? ` Rounded, it fits ${joinWords(fitsRounded.map(String), 'or')} patients.` : ''}`,
      range: claim.range,
      expected: [`${exact}${claim.unit}`, `${formatShare(k, n, p.decimals)}${claim.unit}`].filter(uniq),
      related,
    };
  }
  const ks = verdict.nearest;
  const fits = fittingDenominators(p, n, 0.15, claim.rounding);
  const other = claim.others.find((o) => o.value !== n && Number.isInteger(o.value) && o.value > 0 && grim(p, o.value, claim.rounding).kind === 'fits');
  let severity: Severity = claim.defaultN ? 'warning' : 'error';
  let tail = fits.length ? ` It fits ${joinWords(fits.map(String), 'or')} patients. Is the analysed n different?` : ' No denominator within 15% of it fits either.';
  if (claim.defaultN && !other) tail += ` The share was tested against the arm's ${n}; if it is a share of another group, give that n (or \`n: null\` when it is not known).`;
  if (other) {
    severity = 'warning';
    tail = ` It fits the ${other.value} also stated for this arm; say which denominator the share uses.`;
    related.push({ message: `n = ${other.value} also stated here`, range: other.range });
  }
  const byCloseness = [...ks].sort((a, b) => Math.abs(a * 100 - Number(claim.text) * n) - Math.abs(b * 100 - Number(claim.text) * n));
  return {
    ruleId: 'TR104',
    severity,
    message: `${claim.subject}: ${claim.text}% cannot be a share of ${n} patients: ${describeCounts(ks, n, shown)}.${tail}`,
    range: claim.range,
    // At the writer's own precision first (each is the rounding of some k/n, so it fits), then
    // with one decimal more where that says more ("60.5%" for 23/38).
    expected: [...byCloseness.map((k) => formatShare(k, n, p.decimals)), ...byCloseness.map((k) => formatShare(k, n, shown))].map((v) => `${v}${claim.unit}`).filter(uniq),
    related,
  };
}

function uniq<T>(v: T, i: number, a: T[]): boolean {
  return a.indexOf(v) === i;
}

/** TR104: a percentage without a count (front matter, prose, tables), against the linked n. */
export const impossiblePercentage: Rule = {
  id: 'TR104',
  alias: 'impossible-percentage',
  defaultSeverity: 'error',
  description: 'a share no whole number of patients gives (GRIM), with the nearest k/n and the n that would fit',
  fixable: true,
  needsFrontMatter: false,
  run(ctx) {
    const { model, rounding } = ctx;
    const out: Finding[] = [];
    for (const { owner, result } of allResults(model)) {
      // With events the count decides (TR103); an adjusted estimate is not a share of n.
      if (!result.percent || result.events || result.estimate) continue;
      const arm = armById(model, result.armId);
      const n = denominator(result, arm);
      if (!n) continue;
      const others = [result.n, arm?.analysed, arm?.randomized].filter((x): x is WrittenNumber => !!x && x !== n);
      const f = grimFinding({ text: result.percent.text, range: result.percent.range, subject: `${owner}, ${arm?.label ?? result.armId}`, n, others, unit: '', defaultN: !result.n, rounding });
      if (f) out.push(f);
    }
    for (const m of model.mentions) {
      // A share TR105 already found disagreeing with the front matter is one defect, reported once.
      if (!isPatientShare(model, m)) continue;
      const f = grimOfMention(model, m, rounding);
      if (!f) continue;
      // An inferred link is read charitably: the share may be another named arm's.
      const reported = readCharitably(ctx, m, f, (link) => {
        const other = { ...m, link };
        return isPatientShare(model, other) && bodyDenominator(model, other) ? !grimOfMention(model, other, rounding) : undefined;
      });
      if (reported) out.push(reported);
    }
    return out;
  },
};

/** GRIM for a body share against the denominator of its linked arm (and result). */
function grimOfMention(model: TrialModel, m: Mention, rounding: RoundingPolicy): Finding | undefined {
  const den = bodyDenominator(model, m);
  const arm = armById(model, m.link.armId!);
  if (!den || !arm) return undefined;
  const linked = linkedResult(model, m);
  // When the front matter gives the count for the same n, TR105 decides (one finding per defect).
  if (linked?.result.events && denominator(linked.result, arm)?.value === den.n.value) return undefined;
  const subject = linked ? `${linked.owner}, ${arm.label}` : arm.label;
  return grimFinding({ text: m.share!.text, range: m.share!.range, subject, n: den.n, others: den.others, unit: percentUnit(m), defaultN: den.n !== m.total && den.n !== linked?.result.n, rounding });
}

/**
 * A percentage in the body that is a share of an arm's patients: linked to an arm and to a
 * binary endpoint or an adverse event, with no count beside it, not a relative change and not
 * an adjusted estimate. Anything else is not a share of n and is not tested.
 */
function isPatientShare(model: TrialModel, m: Mention): boolean {
  if (m.kind !== 'share' || !m.share || m.events || m.relative || m.nonShare || m.adjusted || !m.link.armId) return false;
  const linked = linkedResult(model, m);
  if (linked?.result.estimate) return false;
  if (m.link.endpointId) return model.endpoints.find((e) => e.id === m.link.endpointId)?.type === 'binary';
  return m.link.adverseEvent !== undefined;
}
