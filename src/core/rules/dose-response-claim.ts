import type { Arm, Finding } from '../types.js';
import { armShare } from './arm-data.js';
import type { Rule } from './rule.js';

const CLAIM = /\bdose[- ](?:dependent|response|related)\b|\b(?:rose|increased|improved|fell|decreased) with (?:increasing )?dose\b/i;

/** The numeric dose of an arm from its `dose` or label ("1.0 million IU" → 1.0); placebo is 0. */
export function doseOf(arm: Arm): number | undefined {
  if (/placebo|vehicle|sham/i.test(arm.label) || arm.aliases.some((a) => /placebo/i.test(a))) return 0;
  // "3,200 IU" is 3200: thousands separators are part of the number.
  const m = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/.exec(arm.dose ?? '') ?? /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(?:mg|µg|ug|g|iu|miu|million|units|ml)\b/i.exec(arm.label);
  return m ? Number(`${m[1]!.replace(/,/g, '')}${m[2] ?? ''}`) : undefined;
}

/**
 * TR113 (info): a dose-dependent claim the data do not show. Responses across dose-ordered arms
 * must be monotone by interval: no later dose may lie wholly below an earlier one (for a rising
 * claim). Two dose levels can always be monotone, so at least three are needed.
 */
export const doseResponseClaim: Rule = {
  id: 'TR113',
  alias: 'dose-response-claim',
  defaultSeverity: 'info',
  description: '"dose-dependent" where the dose-ordered arms are not monotone',
  fixable: false,
  needsFrontMatter: true,
  run({ model, doc }) {
    const out: Finding[] = [];
    model.sentences.forEach((s) => {
      const claim = CLAIM.exec(s.text);
      if (!claim) return;
      const epId = s.endpointIds.length === 1 ? s.endpointIds[0] : model.endpoints.find((e) => e.primary)?.id;
      const ep = model.endpoints.find((e) => e.id === epId);
      if (!ep || ep.type !== 'binary') return;
      const points = model.arms
        .map((a) => ({ arm: a, dose: doseOf(a), share: armShare(model, ep, a.id) }))
        .filter((p): p is { arm: Arm; dose: number; share: NonNullable<typeof p.share> } => p.dose !== undefined && !!p.share)
        .sort((a, b) => a.dose - b.dose);
      if (new Set(points.map((p) => p.dose)).size < 3) return;
      const rising = points[points.length - 1]!.share.hi >= points[0]!.share.lo;
      for (let i = 0; i < points.length; i++) {
        for (let j = i + 1; j < points.length; j++) {
          const a = points[i]!;
          const b = points[j]!;
          const breaks = rising ? b.share.hi < a.share.lo : b.share.lo > a.share.hi;
          if (!breaks) continue;
          const start = doc.lines.offset(s.range.start);
          const at = doc.lines.text.indexOf(claim[0], start);
          out.push({
            ruleId: 'TR113',
            severity: 'info',
            message: `"${claim[0]}" is not what the data show for ${ep.label}: ${b.arm.label} (${pct(b.share)}) is ${rising ? 'lower' : 'higher'} than the smaller dose ${a.arm.label} (${pct(a.share)}).`,
            range: at >= 0 ? doc.lines.range(at, at + claim[0].length) : s.range,
          });
          return;
        }
      }
    });
    return out;
  },
};

function pct(s: { lo: number; hi: number }): string {
  return `${(50 * (s.lo + s.hi)).toFixed(1)}%`;
}
