// `--format sarif` validates against the SARIF 2.1.0 JSON schema, offline. The schema file is
// vendored from the npm package @microsoft/jest-sarif 1.0.0-beta.0 (MIT; lib/schemas/
// sarif-2.1.0-rtm.5.json, the final 2.1.0 schema as published on SchemaStore), because that
// package's own dependencies include a network fetcher we do not want in the tree. It is a
// draft-04 schema, so it is compiled with ajv-draft-04; formats (uri, uri-reference, date-time)
// are checked with ajv-formats.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { checkDocument } from '../../src/core/check.js';
import { applyEdits } from '../../src/core/fixes.js';
import type { Finding } from '../../src/core/types.js';
import { repoRoot } from '../helpers.js';
import { runCli as run } from './run.js';
import { applyTransform, mutatedSeedArb, transformArb, trialReportArb } from '../fuzz/generators.js';

function sarifValidator(): (data: unknown) => string[] {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test', 'cli', 'sarif-2.1.0-rtm.5.schema.json'), 'utf8')) as object;
  // unicodeRegExp: false — the schema's language pattern has a stray `]` that only non-Unicode mode accepts.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}


const WRONG = `---
trial:
  title: Wrong
  randomized: 75
arms:
  - id: a
    label: Alpha
    randomized: 38
  - id: b
    label: Beta
    randomized: 38
endpoints:
  - id: e
    label: Response
    type: binary
    results:
      a: { events: 23, n: 38, percent: 61.5 }
      b: { events: 9, n: 38, percent: 23.7 }
---

# Wrong

## Results

Response was 60% in alpha. <!-- trial-report-disable-next-line TR104 -->
`;

describe('SARIF output validates against the SARIF 2.1.0 schema', function () {
  this.timeout(120_000);
  let dir: string;
  const validate = sarifValidator();
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-sarif-'));
    fs.writeFileSync(path.join(dir, '.trialreportrc.json'), '{}');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the schema rejects a broken log (the validator is not vacuous)', () => {
    assert.notDeepEqual(validate({ version: '2.1.0', runs: [{ tool: {} }] }), []);
    assert.notDeepEqual(validate({ version: '2.0.0', runs: [] }), []);
  });

  it('no findings: an empty results list', () => {
    fs.writeFileSync(path.join(dir, 'empty.md'), '# Notes\n');
    const r = run(dir, 'check', '--format', 'sarif', 'empty.md');
    const sarif = JSON.parse(r.out);
    assert.deepEqual(validate(sarif), []);
    assert.deepEqual(sarif.runs[0].results, []);
  });

  it('findings with related locations, fixes and every severity', () => {
    fs.writeFileSync(path.join(dir, 'wrong.trial.md'), WRONG);
    const r = run(dir, 'check', '--format', 'sarif', 'wrong.trial.md');
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.out);
    assert.deepEqual(validate(sarif), []);
    const results = sarif.runs[0].results as { level: string; relatedLocations?: unknown[]; fixes?: unknown[] }[];
    assert.ok(results.some((x) => x.relatedLocations?.length), 'has related locations');
    assert.ok(results.some((x) => x.fixes?.length), 'has fixes');
    assert.deepEqual([...new Set(results.map((x) => x.level))].sort(), ['error', 'note', 'warning'].filter((l) => results.some((x) => x.level === l)));
  });

  it('many files, with generated and mutated contents and odd line endings', () => {
    const docs = fc.sample(fc.tuple(fc.oneof(trialReportArb, mutatedSeedArb(repoRoot())), fc.array(transformArb, { maxLength: 2 })).map(([t, ts]) => ts.reduce(applyTransform, t)), { numRuns: 60, seed: 20261127 });
    docs.forEach((d, i) => fs.writeFileSync(path.join(dir, `g${i}.trial.md`), d));
    const r = run(dir, 'check', '--format', 'sarif', '.');
    const sarif = JSON.parse(r.out);
    assert.deepEqual(validate(sarif), []);
    assert.ok(sarif.runs[0].results.length > 50, `${sarif.runs[0].results.length} results`);
  });

  // PENDING (bug F8 in test/fuzz/regressions/README.md): artifactLocation.uri is the display path
  // as typed, not a URI reference, so a space, `%`, `#` or `?` in a file name gives invalid SARIF.
  // Enable once formatSarif percent-encodes the path (encodeURI per segment, or encodeURIComponent).
  it('F8: file names with spaces, #, %, ? and non-ASCII letters give valid URIs', () => {
    for (const name of ['my report.trial.md', 'a#b.trial.md', '100%.trial.md', 'q?.trial.md', 'résumé.trial.md']) fs.writeFileSync(path.join(dir, name), WRONG);
    const r = run(dir, 'check', '--format', 'sarif', '.');
    const sarif = JSON.parse(r.out);
    assert.deepEqual(validate(sarif), []);
  });
});

describe('SARIF of every fixture: valid, and each fix removes its finding', function () {
  this.timeout(300_000);
  const validate = sarifValidator();
  interface Region { startLine: number; startColumn: number; endLine: number; endColumn: number }
  interface SarifResult {
    ruleId: string;
    message: { text: string };
    locations: { physicalLocation: { region: Region } }[];
    fixes?: { description: { text: string }; artifactChanges: { replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
  }
  const toRange = (r: Region): Finding['range'] => ({ start: { line: r.startLine, column: r.startColumn }, end: { line: r.endLine, column: r.endColumn } });

  for (const src of [path.join(repoRoot(), 'test', 'fixtures'), path.join(repoRoot(), 'test', 'fixtures', 'rules'), path.join(repoRoot(), 'examples')]) {
    it(`${path.relative(repoRoot(), src)}`, () => {
      const problems: string[] = [];
      let fixesTried = 0;
      for (const name of fs.readdirSync(src).filter((f) => f.endsWith('.md')).sort()) {
        const text = fs.readFileSync(path.join(src, name), 'utf8');
        const r = run(src, 'check', '--format', 'sarif', name);
        const sarif = JSON.parse(r.out) as { runs: { results: SarifResult[] }[] };
        for (const e of validate(sarif)) problems.push(`${name}: ${e}`);
        const loadSchema = (ref: string): { schema: object } | { error: string } => {
          try {
            return { schema: JSON.parse(fs.readFileSync(path.resolve(src, ref), 'utf8')) as object };
          } catch (e) {
            return { error: String(e) };
          }
        };
        const check = (t: string): Finding[] => checkDocument(t, { fileName: path.join(src, name), loadSchema }).findings;
        const before = check(text);
        for (const result of sarif.runs[0]!.results) {
          const fix = result.fixes?.[0];
          if (!fix) continue;
          fixesTried++;
          const edits = fix.artifactChanges.flatMap((c) => c.replacements.map((x) => ({ range: toRange(x.deletedRegion), newText: x.insertedContent.text })));
          const after = check(applyEdits(text, edits));
          const at = result.locations[0]!.physicalLocation.region;
          // The finding is gone: no finding of its rule with its message any more (lines may move).
          const same = (f: Finding): boolean => f.ruleId === result.ruleId && f.message === result.message.text;
          if (after.filter(same).length >= before.filter(same).length) problems.push(`${name}:${at.startLine} "${fix.description.text}" left ${result.ruleId}: ${result.message.text}`);
          // That one fix alone adds nothing is the editor's test (test/extension/fixes.test.ts, on
          // the same core fixes); that all of them together add nothing is check --fix's
          // (test/cli/fix.test.ts). A single fix may uncover another defect (a repeated number
          // now disagrees with its corrected twin), so it is not asserted here.
          const core = before.find((f) => f.ruleId === result.ruleId && f.message === result.message.text && f.range.start.line === at.startLine && f.range.start.column === at.startColumn);
          assert.deepEqual(edits, core?.fixes?.[0]?.edits, `${name}:${at.startLine}: the SARIF fix is the core's preferred fix`);
        }
      }
      assert.deepEqual(problems, []);
      assert.ok(fixesTried > 0, 'no fix was tried');
    });
  }
});
