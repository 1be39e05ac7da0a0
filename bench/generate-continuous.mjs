// Generates a synthetic trial summary of about `lines` lines whose outcomes are continuous,
// time-to-event and rates, with the full format 1.1 participant flow: the continuous counterpart
// of generate.mjs, so that `npm run bench` can compare the two per line. Every number is
// consistent (the means are sums of whole scores over n, the SDs within the scale's bound, the
// medians inside their IQRs and CIs), so the report exercises TR115–TR119 and TR110 without a
// finding. Deterministic: the same `lines` always gives the same text.
import { adverseEvents, fillReport } from './generate.mjs';

const ARMS = [
  { id: 'usual', label: 'Usual care', n: 44, received: 44, discontinued: 2, lost: 1, completed: 41, analysed: 42 },
  { id: 'low', label: 'Exercise once weekly', n: 45, received: 44, discontinued: 3, lost: 2, completed: 40, analysed: 41 },
  { id: 'high', label: 'Exercise twice weekly', n: 43, received: 43, discontinued: 1, lost: 2, completed: 40, analysed: 41 },
];
const SCALE = { min: 0, max: 40, step: 1 };

/** A mean that n whole-number scores can give: `sum`/n written with two decimals. */
function mean(sum, n) {
  return (sum / n).toFixed(2);
}

function frontMatter() {
  const randomized = ARMS.reduce((s, a) => s + a.n, 0);
  const out = [
    '---',
    'trial:',
    '  title: A synthetic randomised trial of exercise for chronic pain (continuous benchmark)',
    '  registration: NCT07654321',
    '  phase: "3"',
    '  design: [randomized, single-blind, parallel-group]',
    '  population: Adults with chronic low back pain',
    `  assessed: ${randomized + 211}`,
    '  excluded: 211',
    '  exclusion_reasons:',
    '    did not meet inclusion criteria: 150',
    '    declined to participate: 49',
    '    other reasons: 12',
    `  randomized: ${randomized}`,
    '  allocation: "1:1:1"',
    '  duration: 26 weeks',
    'arms:',
  ];
  for (const a of ARMS) {
    out.push(`  - id: ${a.id}`, `    label: ${a.label}`, `    randomized: ${a.n}`, `    received: ${a.received}`, `    discontinued: ${a.discontinued}`);
    out.push(`    lost: ${a.lost}`, `    completed: ${a.completed}`, `    analysed: ${a.analysed}`, `    aliases: ["${a.label.toLowerCase()}"]`);
  }
  out.push('endpoints:');
  out.push('  - id: pain', '    label: Pain score at week 26', '    primary: true', '    type: continuous', '    aliases: [pain score]');
  out.push(`    scale: { min: ${SCALE.min}, max: ${SCALE.max}, step: ${SCALE.step} }`, '    results:');
  const sums = [871, 712, 603];
  ARMS.forEach((a, i) => out.push(`      ${a.id}: { mean: ${mean(sums[i], a.analysed)}, sd: ${(7.1 - i * 0.4).toFixed(1)}, n: ${a.analysed} }`));
  const d = (sums[2] / ARMS[2].analysed - sums[0] / ARMS[0].analysed).toFixed(2);
  out.push('    comparisons:', '      - arm: high', '        versus: usual', '        measure: mean difference', `        estimate: ${d}`);
  out.push('        ci: [-8.66, -3.09]', '        p: "<0.001"', '        adjusted: false');
  out.push('  - id: disability', '    label: Disability score at week 26', '    type: continuous', '    aliases: [disability score]');
  out.push('    scale: { min: 0, max: 24, step: 1 }', '    results:');
  const dsums = [402, 377, 311];
  ARMS.forEach((a, i) => out.push(`      ${a.id}: { mean: ${mean(dsums[i], a.analysed)}, sd: ${(4.8 - i * 0.3).toFixed(1)}, n: ${a.analysed} }`));
  out.push('  - id: sick-days', '    label: Days off work over 26 weeks', '    type: continuous', '    aliases: [days off work]');
  out.push('    scale: { min: 0, max: 182, step: 1 }', '    results:');
  ARMS.forEach((a, i) => out.push(`      ${a.id}: { median: ${12 - 2 * i}, iqr: [${4 - i}, ${30 - 3 * i}], range: [0, ${120 - 10 * i}], n: ${a.analysed} }`));
  out.push('  - id: return', '    label: Time to return to work (days)', '    type: time-to-event', '    aliases: [return to work]', '    results:');
  ARMS.forEach((a, i) => out.push(`      ${a.id}: { events: ${36 + i}, n: ${a.analysed}, median: ${42 - 6 * i}, median_ci: [${35 - 6 * i}, ${50 - 6 * i}] }`));
  out.push('  - id: flares', '    label: Pain flares', '    type: time-to-event', '    aliases: [pain flares]', '    results:');
  const flares = [[30, 20.4], [24, 20.1], [19, 19.8]];
  ARMS.forEach((a, i) => {
    const [k, py] = flares[i];
    out.push(`      ${a.id}: { events: ${k}, n: ${a.analysed}, person_years: ${py}, rate: ${((100 * k) / py).toFixed(1)}, rate_per: 100 }`);
  });
  out.push(...adverseEvents(ARMS.map((a) => [a.id, a.analysed]), [['Muscle soreness', [3, 9, 12]], ['Headache', [4, 5, 3]]]), '---', '');
  return out;
}

function visit(i) {
  // Whole-score sums per arm at this visit: each mean is possible for its n.
  const sums = ARMS.map((a, j) => 500 + ((i * 37 + j * 101) % 400));
  const sds = ARMS.map((a, j) => (4 + ((i + j) % 5) / 2).toFixed(1));
  const med = ARMS.map((a, j) => 8 + ((i + 3 * j) % 9));
  const rows = ARMS.map((a, j) => `| ${a.label} | ${a.analysed} | ${mean(sums[j], a.analysed)} (${sds[j]}) | ${med[j]} (${med[j] - 4}–${med[j] + 6}) |`);
  return [
    `### Visit ${i + 1}`,
    '',
    `At visit ${i + 1}, the mean pain score was ${mean(sums[0], ARMS[0].analysed)} ± ${sds[0]} with usual care, ${mean(sums[1], ARMS[1].analysed)} (SD ${sds[1]})`,
    `with exercise once weekly and ${mean(sums[2], ARMS[2].analysed)} (SD ${sds[2]}) with exercise twice weekly. Days off work since the last visit were`,
    `a median of ${med[0]} (IQR ${med[0] - 4}–${med[0] + 6}) with usual care and ${med[2]} (range 0–${med[2] + 30}) with exercise twice weekly. See the \`visit-${i + 1}\` listing.`,
    '',
    '| Arm | n | Mean (SD) | Median (IQR) |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `- Missed sessions by visit ${i + 1}: ${i % 6} with exercise once weekly, ${(i + 2) % 5} with exercise twice weekly`,
    `- Protocol deviations: ${(i * 3) % 11}, none **major**`,
    `- Missing questionnaires: ${(i * 5) % 13} (multiply imputed)`,
    '',
  ];
}

/** A report of about `lines` lines. */
export function generateContinuousReport(lines) {
  const randomized = ARMS.reduce((s, a) => s + a.n, 0);
  const head = [
    ...frontMatter(),
    '# A synthetic trial of exercise for chronic pain',
    '',
    '## Background',
    '',
    'Chronic low back pain is common; this benchmark report exercises the continuous checks.',
    '',
    '## Methods',
    '',
    `Of ${randomized + 211} adults assessed for eligibility, ${randomized} were randomised 1:1:1 to usual care or exercise once or twice weekly.`,
    'The primary outcome was the pain score (0 to 40) at week 26.',
    '',
    '## Results',
    '',
    `In all, ${ARMS.reduce((s, a) => s + a.lost, 0)} participants were lost to follow-up and ${ARMS.reduce((s, a) => s + a.completed, 0)} completed the study.`,
    `At week 26 the mean pain score was ${mean(871, 42)} ± 7.1 with usual care and ${mean(603, 41)} ± 6.3 with exercise twice weekly`,
    `(mean difference ${(603 / 41 - 871 / 42).toFixed(2)}, 95% CI -8.66 to -3.09; p < 0.001).`,
    '',
  ];
  const tail = [
    '## Safety',
    '',
    'Muscle soreness was reported by 3/42 (7.1%) with usual care and 12/41 (29.3%) with exercise twice weekly.',
    '',
    '## Conclusions',
    '',
    'Exercise twice weekly reduced pain at week 26.',
    '',
    '## Funding',
    '',
    'Funded by a public research grant; the funder had no role in the analysis.',
    '',
  ];
  return fillReport(head, visit, tail, lines);
}
