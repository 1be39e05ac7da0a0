// Fuzzing in CI: fast-check properties over generated documents, with fixed seeds so every run
// checks the same 2,400 documents (each checked twice, for determinism). For each: checkDocument
// never throws, finishes within the time bound, returns ranges inside the document, raises no
// internal error, and is deterministic (see invariants.ts). Then every saved regression case
// (test/fuzz/regressions/*.json, written by `npm run fuzz`) is replayed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { repoRoot } from '../helpers.js';
import { caseArb, markdownArb, randomYamlArb, trialReportArb, mutatedSeedArb, applyTransform, transformArb } from './generators.js';
import { checkInvariants, type CheckStats } from './invariants.js';
import { partitionKnown } from './known-bugs.js';
import { loadRegressions } from './regressions.js';

const SEED = 20261127;
/** FUZZ_SCALE=10 runs ten times as many cases locally; CI uses 1. */
const SCALE = Math.max(0.01, Number(process.env['FUZZ_SCALE'] ?? 1));

let slowest = { ms: 0, length: 0 };
let cases = 0;
const knownHits = new Map<string, number>();

function property(arb: fc.Arbitrary<{ text: string; options: object }>, runs: number, seed: number): void {
  fc.assert(
    fc.property(arb, ({ text, options }) => {
      const stats: CheckStats = { ms: 0, findings: 0 };
      const { known, rest: problems } = partitionKnown(checkInvariants(text, options, stats), text);
      cases++;
      for (const id of new Set(known)) knownHits.set(id, (knownHits.get(id) ?? 0) + 1);
      if (stats.ms > slowest.ms) slowest = { ms: stats.ms, length: text.length };
      assert.deepEqual(problems, [], `${problems.join('\n')}\n--- document (JSON) ---\n${JSON.stringify(text)}\n--- options ---\n${JSON.stringify(options)}`);
    }),
    { numRuns: Math.round(runs * SCALE), seed, endOnFailure: false },
  );
}

const opts = { fileName: 'x.trial.md' };

describe('fuzz: nothing a document contains crashes, hangs or misplaces the checker', function () {
  this.timeout(300_000);

  it('random Markdown (300 cases)', () => property(markdownArb.map((text) => ({ text, options: opts })), 300, SEED));
  it('random YAML front matter: nesting, anchors, aliases, odd numbers, duplicate keys, tabs (500 cases)', () => property(randomYamlArb.map((y) => ({ text: `---\n${y}\n---\n\n## Results\n\n60% of 38.\n`, options: opts })), 500, SEED + 1));
  it('realistic reports with odd numbers, so every rule runs (500 cases)', () => property(trialReportArb.map((text) => ({ text, options: opts })), 500, SEED + 2));
  it('real reports and fixtures, mutated (400 cases)', () => property(mutatedSeedArb(repoRoot()).map((text) => ({ text, options: opts })), 400, SEED + 3));
  it('line endings, BOM, control characters, invalid UTF-8, right-to-left text (300 cases)', () =>
    property(fc.tuple(trialReportArb, fc.array(transformArb, { minLength: 1, maxLength: 4 })).map(([t, ts]) => ({ text: ts.reduce(applyTransform, t), options: opts })), 300, SEED + 4));
  it('any mix, with random options (400 cases)', () => property(caseArb(repoRoot()), 400, SEED + 5));

  after(() => {
    // Shown in the test output, for the report: how many cases and the slowest single check.
    const hits = [...knownHits].map(([id, n]) => `${id} ×${n}`).join(', ');
    console.log(`      fuzz: ${cases} documents checked (each twice); slowest check ${slowest.ms.toFixed(1)} ms on ${slowest.length} characters; known pending bugs hit: ${hits || 'none'}`);
  });
});

describe('fuzz regressions (cases saved by `npm run fuzz`)', () => {
  const dir = path.join(repoRoot(), 'test', 'fuzz', 'regressions');
  const saved = loadRegressions(dir);
  it('the regression folder is readable', () => assert.ok(fs.existsSync(dir)));
  for (const r of saved) {
    // A case found by the campaign and not fixed yet is listed in regressions/README.md and kept
    // pending ("pending": true in its file); set it to false once the bug is fixed.
    const title = `${r.file}: ${r.title}`;
    if (r.pending) it.skip(`PENDING ${title}`, () => undefined);
    else it(title, () => assert.deepEqual(checkInvariants(r.text, r.options), []));
  }
});
