// The bench's generated reports (bench/generate*.mjs) are what `npm run bench` times, so they must
// be what they claim: consistent reports with no finding (a finding would time the error path),
// and, for the continuous one, a report the format 1.1 checks really read: one number changed in
// its front matter or body is flagged by the rule for it.
import { strict as assert } from 'node:assert';
import { analyzeDocument } from '../../src/core/index.js';
// @ts-expect-error plain JavaScript module without declarations
import { generateDenseReport, generateReport } from '../../bench/generate.mjs';
// @ts-expect-error plain JavaScript module without declarations
import { generateContinuousReport } from '../../bench/generate-continuous.mjs';

const ids = (text: string): string[] => analyzeDocument(text, { fileName: 'bench.trial.md' }).findings.map((f) => f.ruleId);

describe('bench documents', () => {
  for (const lines of [100, 1000]) {
    it(`the binary, dense and continuous reports of about ${lines} lines have no finding`, () => {
      assert.deepEqual(ids(generateReport(lines) as string), []);
      assert.deepEqual(ids(generateDenseReport(lines) as string), []);
      assert.deepEqual(ids(generateContinuousReport(lines) as string), []);
    });
  }

  it('the continuous report is read by the 1.1 checks: one changed number, one finding', () => {
    const text = generateContinuousReport(300) as string;
    const once = (from: string, to: string): string => {
      assert.ok(text.includes(from), `the report has ${from}`);
      return text.replace(from, to);
    };
    assert.deepEqual(ids(once('    received: 44\n', '    received: 45\n')), ['TR115']);
    assert.deepEqual(ids(once('mean: 20.74, sd: 7.1, n: 42', 'mean: 20.75, sd: 7.1, n: 42')), ['TR116']);
    assert.deepEqual(ids(once('sd: 7.1, n: 42', 'sd: 7.1, se: 2.1, n: 42')), ['TR118']);
    assert.deepEqual(ids(once('a median of 8 (IQR 4–14)', 'a median of 18 (IQR 4–14)')), ['TR119']);
  });
});
