// Property-based: generated reports that are consistent by construction must get no finding at
// all, and one deliberate inconsistency must always be caught, on its own line.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkDocument } from '../without-tr303.js';
import { formatShare } from '../../src/core/numbers.js';
import { twoSidedP } from '../../src/core/stats.js';

const LABELS = ['Placebo', 'Standard care', 'Alpha', 'Bravo', 'Charlie'];
const SECTIONS = ['Background', 'Methods', 'Results', 'Safety', 'Conclusions'];

interface ArmSpec {
  label: string;
  randomized: number;
  analysed: number;
  events: number;
  decimals: number;
  form: number;
}

const armSpec = (label: string): fc.Arbitrary<ArmSpec> =>
  fc
    .record({ randomized: fc.integer({ min: 8, max: 400 }), dropouts: fc.integer({ min: 0, max: 5 }), frac: fc.double({ min: 0, max: 1, noNaN: true }), decimals: fc.integer({ min: 0, max: 2 }), form: fc.integer({ min: 0, max: 4 }) })
    .map(({ randomized, dropouts, frac, decimals, form }) => {
      const analysed = Math.max(1, randomized - dropouts);
      return { label, randomized, analysed, events: Math.round(frac * analysed), decimals, form };
    });

const reportSpec = fc
  .integer({ min: 2, max: 4 })
  .chain((k) => fc.tuple(...LABELS.slice(0, k).map(armSpec)))
  .chain((arms) => fc.record({ arms: fc.constant(arms), weeks: fc.integer({ min: 4, max: 104 }), centres: fc.integer({ min: 2, max: 90 }), year: fc.integer({ min: 1995, max: 2024 }), mutation: fc.integer({ min: 0, max: 3 }), target: fc.integer({ min: 0, max: arms.length - 1 }), delta: fc.constantFrom(-3, -2, 2, 3) }));

type Spec = fc.Value<typeof reportSpec> extends never ? never : { arms: ArmSpec[]; weeks: number; centres: number; year: number; mutation: number; target: number; delta: number };

/**
 * Comparisons of the first arm with the second, computed from the counts the way a statistician
 * would: risk difference with a Wald interval and its z-test p, risk ratio with a log-scale
 * interval and its p; rounded to what a paper prints.
 */
function comparisonLines(arms: ArmSpec[]): string[] {
  const [a, b] = arms;
  if (!a || !b) return [];
  const p1 = a.events / a.analysed;
  const p2 = b.events / b.analysed;
  const lines: string[] = ['    comparisons:'];
  const se = Math.sqrt((p1 * (1 - p1)) / a.analysed + (p2 * (1 - p2)) / b.analysed);
  if (se > 0) {
    const rd = 100 * (p1 - p2);
    const lo = rd - 196 * se;
    const hi = rd + 196 * se;
    lines.push(`      - { arm: arm0, versus: arm1, measure: risk difference, estimate: ${rd.toFixed(1)}, ci: [${lo.toFixed(1)}, ${hi.toFixed(1)}], p: ${pText(twoSidedP((p1 - p2) / se))} }`);
  }
  if (a.events > 0 && b.events > 0 && a.events < a.analysed && b.events < b.analysed) {
    const lrr = Math.log(p1 / p2);
    const s = Math.sqrt(1 / a.events - 1 / a.analysed + 1 / b.events - 1 / b.analysed);
    lines.push(`      - { arm: arm0, versus: arm1, measure: risk ratio, estimate: ${Math.exp(lrr).toFixed(2)}, ci: [${Math.exp(lrr - 1.96 * s).toFixed(2)}, ${Math.exp(lrr + 1.96 * s).toFixed(2)}], p: ${pText(twoSidedP(lrr / s))} }`);
  }
  return lines.length > 1 ? lines : [];
}

/** A p value as papers print it: three decimals, or a bound below 0.001. */
function pText(p: number): string {
  if (p < 0.001) return '"<0.001"';
  return p >= 0.9995 ? '1.000' : p.toFixed(3);
}

/** The mention of one arm's result, in one of the forms of docs/format.md. */
function sentence(a: ArmSpec, events: number, share: string): string {
  const k = events;
  const n = a.analysed;
  switch (a.form) {
    case 0:
      return `Response was reached by ${k}/${n} (${share}%) of patients on ${a.label.toLowerCase()}.`;
    case 1:
      return `In the ${a.label.toLowerCase()} arm, ${share}% (${k}/${n}) of patients reached response.`;
    case 2:
      return `Response occurred in ${k} of ${n} patients (${share}%) on ${a.label.toLowerCase()}.`;
    case 3:
      return `Response occurred in ${share}% of patients on ${a.label.toLowerCase()}.`;
    default:
      return `On ${a.label.toLowerCase()}, response was seen in ${k} (${share}%) patients.`;
  }
}

/** Builds the report; with `mutate`, one number is made inconsistent and its line returned. */
function build(spec: Spec, mutate: boolean): { text: string; line?: number } {
  const total = spec.arms.reduce((s, a) => s + a.randomized, 0);
  const fm = [
    '---',
    'trial:',
    '  title: Generated report',
    `  randomized: ${mutate && spec.mutation === 3 ? total + spec.delta : total}`,
    'arms:',
    ...spec.arms.flatMap((a, i) => [`  - id: arm${i}`, `    label: ${a.label}`, `    randomized: ${a.randomized}`, `    analysed: ${a.analysed}`, `    aliases: [${a.label.toLowerCase()}]`]),
    'endpoints:',
    '  - id: response',
    '    label: Response',
    '    type: binary',
    '    aliases: [response]',
    '    results:',
    ...spec.arms.map((a, i) => `      arm${i}: { events: ${a.events}, n: ${a.analysed} }`),
    ...comparisonLines(spec.arms),
    '---',
  ];
  const lines = [...fm, '', '# Generated', ''];
  let mutatedLine: number | undefined = mutate && spec.mutation === 3 ? 4 : undefined;
  for (const title of SECTIONS) {
    lines.push(`## ${title}`, '');
    if (title === 'Methods') {
      const n = mutate && spec.mutation === 2 ? total + spec.delta : total;
      if (mutate && spec.mutation === 2) mutatedLine = lines.length + 1;
      lines.push(`Of ${n} patients randomized, all were followed for ${spec.weeks} weeks at ${spec.centres} centres between ${spec.year} and ${spec.year + 3}, with a 95% CI reported for each estimate.`, '');
    } else if (title === 'Results') {
      spec.arms.forEach((a, i) => {
        let events = a.events;
        let share = formatShare(a.events, a.analysed, a.decimals);
        if (mutate && i === spec.target && spec.mutation === 0 && a.form !== 3) {
          events = Math.min(a.analysed, Math.max(0, a.events + spec.delta));
          if (events === a.events) events = a.events + (a.events + 1 <= a.analysed ? 1 : -1);
          share = formatShare(events, a.analysed, a.decimals);
          mutatedLine = lines.length + 1;
        } else if (mutate && i === spec.target && (spec.mutation === 1 || a.form === 3)) {
          const unit = 10 ** -a.decimals;
          const v = Number(share) + spec.delta * unit;
          share = (v < 0 || v > 100 ? Number(share) - spec.delta * unit : v).toFixed(a.decimals);
          mutatedLine = lines.length + 1;
        }
        lines.push(sentence(a, events, share), '');
      });
    } else {
      lines.push(`${title} text.`, '');
    }
  }
  return { text: lines.join('\n'), ...(mutatedLine ? { line: mutatedLine } : {}) };
}

describe('property: generated reports', () => {
  it('a consistent report gets no finding; one inconsistency is caught on its line (2,400 reports)', () => {
    fc.assert(
      fc.property(reportSpec, (raw) => {
        const spec = raw as Spec;
        const clean = build(spec, false);
        const found = checkDocument(clean.text, { fileName: 'g.trial.md' }).findings;
        assert.deepEqual(found.map((f) => `${f.range.start.line}:${f.ruleId} ${f.message}`), [], `false alarm on:\n${clean.text}`);
        const bad = build(spec, true);
        const flagged = checkDocument(bad.text, { fileName: 'g.trial.md' }).findings.filter((f) => f.severity !== 'info');
        assert.ok(bad.line, 'a mutation was made');
        assert.ok(
          flagged.some((f) => f.range.start.line === bad.line),
          `mutation on line ${bad.line} missed; findings: ${flagged.map((f) => `${f.range.start.line}:${f.ruleId}`).join(', ')}\n${bad.text}`,
        );
      }),
      { numRuns: 1200, seed: 20261127 },
    );
  });
});
