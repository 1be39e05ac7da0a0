// Generates a synthetic trial summary of about `lines` lines: YAML front matter (trial, three
// arms, endpoints with results and comparisons, adverse events), then the five required sections,
// the Results section repeated as visits with prose full of numbers, a table and a list each.
// Deterministic: the same `lines` always gives the same text.

const ARMS = [
  { id: 'placebo', label: 'Placebo', n: 120 },
  { id: 'low', label: 'Drug 10 mg', n: 118 },
  { id: 'high', label: 'Drug 20 mg', n: 122 },
];

function pct(k, n, d = 1) {
  return ((100 * k) / n).toFixed(d);
}

function frontMatter() {
  const out = [
    '---',
    'trial:',
    '  title: A synthetic randomised trial of Drug in moderate disease (benchmark)',
    '  registration: NCT01234567',
    '  phase: "3"',
    '  design: [randomized, double-blind, placebo-controlled, parallel-group]',
    '  population: Adults with moderate disease',
    `  randomized: ${ARMS.reduce((s, a) => s + a.n, 0)}`,
    '  allocation: "1:1:1"',
    '  duration: 52 weeks',
    'arms:',
  ];
  for (const a of ARMS) out.push(`  - id: ${a.id}`, `    label: ${a.label}`, `    randomized: ${a.n}`, `    aliases: ["${a.label.toLowerCase()}"]`);
  out.push('endpoints:');
  out.push('  - id: resp', '    label: Response at week 52', '    primary: true', '    type: binary', '    aliases: [response]', '    results:');
  const resp = [30, 45, 60];
  ARMS.forEach((a, i) => out.push(`      ${a.id}: { events: ${resp[i]}, n: ${a.n}, percent: ${pct(resp[i], a.n)} }`));
  out.push('    comparisons:', '      - arm: high', '        versus: placebo', '        measure: risk difference', '        estimate: 24.2', '        ci: [12.3, 36.1]', '        p: "<0.001"');
  out.push('  - id: remission', '    label: Remission at week 52', '    type: binary', '    results:');
  const rem = [12, 20, 28];
  ARMS.forEach((a, i) => out.push(`      ${a.id}: { events: ${rem[i]}, n: ${a.n} }`));
  out.push(...adverseEvents(ARMS.map((a) => [a.id, a.n]), [['Headache', [10, 12, 15]], ['Nausea', [5, 9, 14]]]), '---', '');
  return out;
}

/** The `adverse_events` list: `arms` as [id, n], `terms` as [term, events per arm]. */
export function adverseEvents(arms, terms) {
  const out = ['adverse_events:'];
  for (const [term, ks] of terms) {
    out.push(`  - term: ${term}`, '    results:');
    arms.forEach(([id, n], i) => out.push(`      ${id}: { events: ${ks[i]}, n: ${n} }`));
  }
  return out;
}

/** `head`, then `block(0)`, `block(1)`, … until the report has about `lines` lines, then `tail`. */
export function fillReport(head, block, tail, lines) {
  const body = [];
  for (let i = 0; head.length + body.length + tail.length < lines; i++) body.push(...block(i));
  return [...head, ...body, ...tail].join('\n');
}

function visit(i) {
  const k = (i * 7) % 50;
  const ks = ARMS.map((a, j) => 10 + ((k + 9 * j) % 40));
  const rows = ARMS.map((a, j) => `| ${a.label} | ${a.n} | ${ks[j]} (${pct(ks[j], a.n)}) | ${(1.2 + j * 0.3 + (i % 5) / 10).toFixed(1)} |`);
  return [
    `### Visit ${i + 1}`,
    '',
    `At visit ${i + 1}, ${ks[0]} of ${ARMS[0].n} patients on placebo (${pct(ks[0], ARMS[0].n)}%) had improved, compared with ${ks[1]}/${ARMS[1].n} (${pct(ks[1], ARMS[1].n)}%) on`,
    `drug 10 mg and ${ks[2]}/${ARMS[2].n} (${pct(ks[2], ARMS[2].n)}%) on drug 20 mg. The *mean change* from baseline was ${(2 + (i % 9) / 10).toFixed(1)} points (SD ${(1 + (i % 4) / 10).toFixed(1)})`,
    `with drug 20 mg; the difference versus placebo was ${(1.1 + (i % 7) / 10).toFixed(1)} points (95% CI 0.4 to 2.9; p = 0.02). See the \`visit-${i + 1}\` listing.`,
    '',
    '| Arm | n | Improved, n (%) | Mean change |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `- Withdrawals by visit ${i + 1}: ${i % 4} on placebo, ${(i + 1) % 3} on drug 10 mg`,
    `- Protocol deviations: ${(i * 3) % 11}, none **major**`,
    `- Missing questionnaires: ${(i * 5) % 13} (imputed as non-response)`,
    '',
  ];
}

/**
 * The denser block: every visit is a paragraph with a link, a table and a list with a link, with
 * less prose between them, so the report has more blocks (and more Markdown constructs) per line.
 */
function denseVisit(i) {
  const k = (i * 7) % 50;
  const ks = ARMS.map((a, j) => 10 + ((k + 9 * j) % 40));
  return [
    `### Visit ${i + 1}`,
    '',
    `At visit ${i + 1}, ${ks[0]} of ${ARMS[0].n} patients on placebo (${pct(ks[0], ARMS[0].n)}%) and ${ks[2]}/${ARMS[2].n} (${pct(ks[2], ARMS[2].n)}%) on drug 20 mg had improved ([listing ${i + 1}](https://example.org/listings/visit-${i + 1})).`,
    '',
    '| Arm | n | Improved, n (%) |',
    '| --- | ---: | ---: |',
    ...ARMS.map((a, j) => `| ${a.label} | ${a.n} | ${ks[j]} (${pct(ks[j], a.n)}) |`),
    '',
    `- Withdrawals by visit ${i + 1}: ${i % 4} on placebo, ${(i + 1) % 3} on drug 10 mg`,
    `- Definitions: see [the protocol, section ${(i % 9) + 1}](https://example.org/protocol#s${(i % 9) + 1})`,
    '',
  ];
}

/** A report of about `lines` lines whose every block has a paragraph, a table, a list and a link. */
export function generateDenseReport(lines) {
  return generateReport(lines, denseVisit);
}

/** A report of about `lines` lines. */
export function generateReport(lines, block = visit) {
  const head = [
    ...frontMatter(),
    '# A synthetic trial of Drug',
    '',
    '## Background',
    '',
    'Moderate disease affects many adults; this benchmark report exercises the parser and the checks.',
    '',
    '## Methods',
    '',
    `In a double-blind trial, ${ARMS.reduce((s, a) => s + a.n, 0)} patients were randomised 1:1:1 to placebo, drug 10 mg or drug 20 mg.`,
    'The primary endpoint was response at week 52.',
    '',
    '## Results',
    '',
    `Response at week 52 was reached by 30/120 (25.0%) on placebo and 60/122 (49.2%) on drug 20 mg`,
    '(risk difference 24.2 percentage points, 95% CI 12.3 to 36.1; p < 0.001).',
    '',
  ];
  const tail = [
    '## Safety',
    '',
    'Headache was reported by 10/120 (8.3%) on placebo and 15/122 (12.3%) on drug 20 mg.',
    '',
    '| Adverse event | Placebo (n=120) | Drug 10 mg (n=118) | Drug 20 mg (n=122) |',
    '| --- | ---: | ---: | ---: |',
    '| Headache | 10 (8.3) | 12 (10.2) | 15 (12.3) |',
    '| Nausea | 5 (4.2) | 9 (7.6) | 14 (11.5) |',
    '',
    '## Conclusions',
    '',
    'Drug 20 mg doubled the response rate at week 52.',
    '',
    '## Funding',
    '',
    'Funded by a public research grant; the funder had no role in the analysis.',
    '',
  ];
  return fillReport(head, block, tail, lines);
}
