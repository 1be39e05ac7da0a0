// Large realistic reports for the stress tests (test/core/hardening.test.ts, `npm run stress`).

/** A realistic report of about `bytes` characters: front matter, then sections of prose and tables full of numbers. */
export function bigReport(bytes: number, lineLength = 90): string {
  const head = `---\ntrial:\n  title: Big\n  randomized: 76\narms:\n  - id: a\n    label: Alpha\n    randomized: 38\n    aliases: [alpha]\n  - id: b\n    label: Beta\n    randomized: 38\n    aliases: [beta]\nendpoints:\n  - id: e\n    label: Response\n    type: binary\n    aliases: [response]\n    results:\n      a: { events: 23, n: 38 }\n      b: { events: 9, n: 38 }\n---\n\n# Big\n\n## Background\n\nx\n\n## Methods\n\nx\n\n## Results\n\n`;
  const para = [
    'Response was reached by 23/38 (60.5%) of patients on alpha and 9/38 (23.7%) on beta (risk ratio 2.56, 95% CI 1.37 to 4.77; p = 0.002).',
    '',
    '| Outcome | Alpha | Beta |',
    '| --- | --- | --- |',
    '| Response | 23/38 (60.5%) | 9/38 (23.7%) |',
    '| Nausea | 4 (10.5%) | 3 (7.9%) |',
    '',
    'In all, 76 patients were randomized and 60% of 38 patients on alpha responded, which is not significantly different.',
    '',
  ]
    .map((l) => (l.length > lineLength ? l.slice(0, lineLength) : l))
    .join('\n');
  const parts: string[] = [head];
  let size = head.length;
  while (size < bytes) {
    parts.push(para);
    size += para.length;
  }
  return parts.join('') + '\n## Safety\n\nx\n\n## Conclusions\n\nx\n';
}
