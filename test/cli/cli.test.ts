// The CLI through main(), without a subprocess: exit codes, the three formats, directories,
// globs, and every kind of bad input giving a clear message and never a stack trace.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers.js';
import { runCli as run } from './run.js';

const CONSISTENT = `---
trial:
  title: Consistent
  randomized: 76
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
      a: { events: 23, n: 38, percent: 60.5 }
      b: { events: 9, n: 38, percent: 23.7 }
---

# Consistent

## Background

x

## Methods

x

## Results

x

## Safety

x

## Conclusions

x
`;

const WRONG = CONSISTENT.replace('randomized: 76', 'randomized: 75').replace('percent: 60.5', 'percent: 61.5');


function noStack(s: string): void {
  assert.doesNotMatch(s, /\n\s+at .+:\d+:\d+/, `looks like a stack trace:\n${s}`);
}

describe('CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-cli-'));
    fs.mkdirSync(path.join(dir, 'reports', 'nested'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'reports', 'ok.trial.md'), CONSISTENT);
    fs.writeFileSync(path.join(dir, 'reports', 'nested', 'bad.trial.md'), WRONG);
    fs.writeFileSync(path.join(dir, 'reports', 'README.md'), '# Notes\n\n60% of 38 people. p = 0.000\n');
    fs.writeFileSync(path.join(dir, 'reports', 'named.md'), WRONG);
    // TR303 (the CONSORT checklist, info) is off here, through the .trialreportrc.json the CLI reads from its working directory.
    fs.writeFileSync(path.join(dir, '.trialreportrc.json'), JSON.stringify({ rules: { TR303: 'off' } }));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on a consistent report and prints a summary line', () => {
    const r = run(dir, 'check', 'reports/ok.trial.md');
    assert.equal(r.code, 0);
    assert.match(r.out, /No problems \(0 errors, 0 warnings, 0 info\) in 1 file checked\./);
  });

  it('exits 1 with path:line:col  severity  rule  message lines', () => {
    const r = run(dir, 'check', 'reports/nested/bad.trial.md');
    assert.equal(r.code, 1);
    assert.match(r.out, /^reports\/nested\/bad\.trial\.md:4:15 {2}error {4}TR101 {2}The arms add up to 76/m);
    assert.match(r.out, /reports\/nested\/bad\.trial\.md:17:40 {2}error {4}TR103 {2}Response, Alpha: 23\/38 is 60\.5%, not 61\.5%\./);
    assert.match(r.out, /2 problems \(2 errors, 0 warnings, 0 info\)/);
  });

  it('a directory means every trial summary below it, and nothing else', () => {
    const r = run(dir, 'check', '--format', 'json', 'reports');
    const report = JSON.parse(r.out);
    assert.deepEqual(report.files.map((f: { path: string }) => f.path).sort(), ['reports/named.md', 'reports/nested/bad.trial.md', 'reports/ok.trial.md']);
    assert.equal(r.code, 1);
  });

  it('globs select trial summaries', () => {
    const r = run(dir, 'check', '--format=json', 'reports/**/*.trial.md');
    assert.deepEqual(JSON.parse(r.out).files.map((f: { path: string }) => f.path).sort(), ['reports/nested/bad.trial.md', 'reports/ok.trial.md']);
  });

  it('json output follows the contract', () => {
    const r = run(dir, 'check', '--format', 'json', 'reports/nested/bad.trial.md');
    const report = JSON.parse(r.out);
    assert.equal(report.version, 1);
    const [file] = report.files;
    assert.equal(file.path, 'reports/nested/bad.trial.md');
    assert.deepEqual(file.suppressions, []);
    const f = file.findings.find((x: { ruleId: string }) => x.ruleId === 'TR101');
    assert.deepEqual(f.range, { start: { line: 4, column: 15 }, end: { line: 4, column: 17 } });
    assert.deepEqual(f.expected, ['76']);
    assert.equal(f.severity, 'error');
    assert.ok(Array.isArray(f.related) && f.related.length === 2);
  });

  it('sarif output is SARIF 2.1.0 with rules and results', () => {
    const r = run(dir, 'check', '--format', 'sarif', 'reports/nested/bad.trial.md');
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    const [runObj] = sarif.runs;
    assert.equal(runObj.tool.driver.name, 'trial-report');
    assert.equal(runObj.tool.driver.version, '9.9.9');
    assert.ok(runObj.tool.driver.rules.some((x: { id: string }) => x.id === 'TR104'));
    const res = runObj.results.find((x: { ruleId: string }) => x.ruleId === 'TR103');
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 17, startColumn: 40, endLine: 17, endColumn: 44 });
    assert.equal(runObj.tool.driver.rules[res.ruleIndex].id, 'TR103');
  });

  it('an explicitly named non-summary is listed with no findings', () => {
    const r = run(dir, 'check', '--format', 'json', 'reports/README.md');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out).files, [{ path: 'reports/README.md', findings: [], suppressions: [] }]);
  });

  it('--config sets rule severities and turns rules off', () => {
    fs.writeFileSync(path.join(dir, 'cfg.json'), JSON.stringify({ rules: { TR101: 'off', TR103: 'warning', TR303: 'off' } }));
    const r = run(dir, 'check', '--config', 'cfg.json', '--format', 'json', 'reports/nested/bad.trial.md');
    const f = JSON.parse(r.out).files[0].findings;
    assert.deepEqual(f.map((x: { ruleId: string; severity: string }) => `${x.ruleId}:${x.severity}`), ['TR103:warning']);
    assert.equal(r.code, 0);
  });

  it('--schema replaces the bundled schema', () => {
    fs.writeFileSync(path.join(dir, 'house.json'), JSON.stringify({ type: 'object', required: ['sponsor'] }));
    const r = run(dir, 'check', '--schema', 'house.json', '--format', 'json', 'reports/ok.trial.md');
    const f = JSON.parse(r.out).files[0].findings;
    assert.equal(f.length, 1);
    assert.equal(f[0].ruleId, 'TR201');
    assert.match(f[0].message, /missing the required key `sponsor`/);
  });

  it('$schema in the front matter is read beside the document', () => {
    fs.writeFileSync(path.join(dir, 'reports', 'house.schema.json'), JSON.stringify({ type: 'object', required: ['sponsor'] }));
    fs.writeFileSync(path.join(dir, 'reports', 'custom.trial.md'), CONSISTENT.replace('---\n', '---\n$schema: ./house.schema.json\n'));
    const r = run(dir, 'check', '--format', 'json', 'reports/custom.trial.md');
    const f = JSON.parse(r.out).files[0].findings;
    assert.deepEqual(f.map((x: { ruleId: string }) => x.ruleId), ['TR201']);
  });

  describe('bad input: a clear message, never a stack trace', () => {
    it('a missing path exits 2', () => {
      const r = run(dir, 'check', 'nope.trial.md');
      assert.equal(r.code, 2);
      assert.equal(r.err, 'trial-report: cannot read nope.trial.md: no such file or directory\n');
      noStack(r.err);
    });
    it('a binary file exits 2', () => {
      fs.writeFileSync(path.join(dir, 'bin.trial.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
      const r = run(dir, 'check', 'bin.trial.md');
      assert.equal(r.code, 2);
      assert.match(r.err, /bin\.trial\.md is a binary file/);
    });
    it('a file that is not UTF-8 exits 2', () => {
      fs.writeFileSync(path.join(dir, 'latin1.trial.md'), Buffer.from('---\ntrial:\n  title: caf\xe9\n---\n', 'latin1'));
      const r = run(dir, 'check', 'latin1.trial.md');
      assert.equal(r.code, 2);
      assert.match(r.err, /latin1\.trial\.md is not valid UTF-8 text/);
    });
    it('other files are still checked and reported when one fails', () => {
      const r = run(dir, 'check', '--format', 'json', 'nope.trial.md', 'reports/ok.trial.md');
      assert.equal(r.code, 2);
      assert.equal(JSON.parse(r.out).files.length, 1);
    });
    it('a --schema file that is not JSON exits 2', () => {
      fs.writeFileSync(path.join(dir, 'broken.json'), '{ "type": ');
      const r = run(dir, 'check', '--schema', 'broken.json', 'reports/ok.trial.md');
      assert.equal(r.code, 2);
      assert.match(r.err, /^trial-report: cannot read the schema broken\.json: not JSON \(.+\)\n$/);
      noStack(r.err);
    });
    it('a --schema that is not a valid schema exits 2', () => {
      fs.writeFileSync(path.join(dir, 'invalid.json'), JSON.stringify({ type: 'banana' }));
      const r = run(dir, 'check', '--schema', 'invalid.json', 'reports/ok.trial.md');
      assert.equal(r.code, 2);
      assert.match(r.err, /is not a valid JSON Schema/);
    });
    it('a $schema that is not JSON is a TR203 finding on the $schema value', () => {
      fs.writeFileSync(path.join(dir, 'reports', 'bad.schema.json'), 'not json');
      fs.writeFileSync(path.join(dir, 'reports', 'custom.trial.md'), CONSISTENT.replace('---\n', '---\n$schema: ./bad.schema.json\n'));
      const r = run(dir, 'check', '--format', 'json', 'reports/custom.trial.md');
      const [f] = JSON.parse(r.out).files[0].findings;
      assert.equal(f.ruleId, 'TR203');
      assert.deepEqual(f.range.start, { line: 2, column: 10 });
      assert.match(f.message, /not JSON/);
      assert.equal(r.code, 1);
    });
    it('a missing $schema file and a remote $schema are TR203, never fetched', () => {
      fs.writeFileSync(path.join(dir, 'reports', 'a.trial.md'), CONSISTENT.replace('---\n', '---\n$schema: ./missing.json\n'));
      fs.writeFileSync(path.join(dir, 'reports', 'b.trial.md'), CONSISTENT.replace('---\n', '---\n$schema: https://example.invalid/s.json\n'));
      const r = run(dir, 'check', '--format', 'json', 'reports/a.trial.md', 'reports/b.trial.md');
      const files = JSON.parse(r.out).files;
      assert.match(files[0].findings[0].message, /Cannot read the schema \.\/missing\.json: no such file or directory/);
      assert.match(files[1].findings[0].message, /never fetches/);
    });
    it('unknown options and commands exit 2 with usage', () => {
      for (const argv of [['lint', 'x'], ['check', '--fast', 'x'], ['check'], ['check', '--format', 'xml', 'x']]) {
        const r = run(dir, ...argv);
        assert.equal(r.code, 2, argv.join(' '));
        assert.match(r.err, /^trial-report: /);
      }
    });
    it('a bad config exits 2', () => {
      fs.writeFileSync(path.join(dir, 'cfg.json'), JSON.stringify({ rules: { TR101: 'loud' } }));
      const r = run(dir, 'check', '--config', 'cfg.json', 'reports/ok.trial.md');
      assert.equal(r.code, 2);
      assert.equal(r.err, 'trial-report: cfg.json: "rules.TR101" must be one of error, warning, info, off\n');
    });
    it('a symlink loop below a directory ends', () => {
      fs.symlinkSync(path.join(dir, 'reports'), path.join(dir, 'reports', 'nested', 'loop'));
      const r = run(dir, 'check', '--format', 'json', 'reports');
      assert.equal(JSON.parse(r.out).files.length, 3);
    });
  });

  it('--help and --version', () => {
    assert.match(run(dir, '--help').out, /trial-report check/);
    assert.equal(run(dir, '--version').out, '9.9.9\n');
  });
});

describe('library API (package exports)', () => {
  it("`require('trial-report')` is the editor-free core with checkDocument", () => {
    const out = execFileSync(process.execPath, ['-e', "const t = require('trial-report'); const r = t.checkDocument('---\\ntrial:\\n  title: x\\n  randomized: 2\\narms:\\n  - id: a\\n    label: A\\n    randomized: 1\\n---\\n', { fileName: 'a.trial.md' }); console.log(JSON.stringify(r.findings.map((f) => f.ruleId)))"], { cwd: repoRoot(), encoding: 'utf8' });
    assert.ok(JSON.parse(out).includes('TR101'), out);
  });
  it('ships type declarations where package.json says', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { exports: { '.': { types: string } } };
    assert.ok(fs.existsSync(path.join(repoRoot(), pkg.exports['.'].types)), pkg.exports['.'].types);
  });
});
