// The CLI's arguments (node:util parseArgs, strict) and where its schema and configuration come
// from, through main() without a subprocess: every usage mistake is exit 2 with one line and the
// usage; the schema loader and the config validation are the ones the extension uses.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { runCli as run } from './run.js';

const REPORT = `---
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

/** The first line of stderr (the rest is the usage, when it is printed). */
const firstLine = (s: string): string => s.split('\n')[0] ?? '';

describe('CLI arguments', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-args-'));
    fs.writeFileSync(path.join(dir, 'ok.trial.md'), REPORT);
    fs.writeFileSync(path.join(dir, '.trialreportrc.json'), JSON.stringify({ rules: { TR303: 'off' } }));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--format json and --format=json are the same', () => {
    const a = run(dir, 'check', '--format', 'json', 'ok.trial.md');
    const b = run(dir, 'check', '--format=json', 'ok.trial.md');
    assert.equal(a.code, 0, a.err);
    assert.equal(JSON.parse(a.out).version, 1);
    assert.equal(b.out, a.out);
  });

  it('options may come after the paths, and -- ends them', () => {
    assert.equal(JSON.parse(run(dir, 'check', 'ok.trial.md', '--format', 'json').out).files.length, 1);
    fs.writeFileSync(path.join(dir, '-dash.trial.md'), REPORT);
    const r = run(dir, 'check', '--format', 'json', '--', '-dash.trial.md');
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).files[0].path, '-dash.trial.md');
  });

  it('render writes with -o, -oFILE and --out=FILE', () => {
    for (const [i, argv] of [['-o', 'a.html'], ['-ob.html'], ['--out=c.html']].entries()) {
      const r = run(dir, 'render', 'ok.trial.md', ...argv);
      assert.equal(r.code, 0, r.err);
      const name = ['a.html', 'b.html', 'c.html'][i]!;
      assert.equal(r.err, `trial-report: wrote ${name}\n`);
      assert.match(fs.readFileSync(path.join(dir, name), 'utf8'), /^<!DOCTYPE html>/i);
    }
  });

  it('-h, --help, help, no arguments and check --help print the usage', () => {
    for (const argv of [['-h'], ['--help'], ['help'], [], ['check', '--help'], ['render', 'x', '-h']]) {
      const r = run(dir, ...argv);
      assert.equal(r.code, 0, argv.join(' '));
      assert.match(r.out, /^Usage:\n {2}trial-report check /, argv.join(' '));
      assert.equal(r.err, '');
    }
  });

  it('-v and --version print the version', () => {
    assert.equal(run(dir, '-v').out, '9.9.9\n');
    assert.equal(run(dir, '--version').out, '9.9.9\n');
  });

  it('usage mistakes: exit 2, one line naming the mistake, then the usage', () => {
    const cases: [string[], string][] = [
      [['lint', 'x'], 'unknown command "lint"'],
      [['check', '--fast', 'x'], 'unknown option --fast'],
      [['check', '-x', 'ok.trial.md'], 'unknown option -x'],
      [['check', '--format'], '--format needs a value'],
      [['check', '--format=', 'ok.trial.md'], '--format needs a value'],
      [['check', '--schema', '--format', 'json', 'ok.trial.md'], '--schema needs a value'],
      [['render', 'ok.trial.md', '-o'], '-o/--out needs a value'],
      [['check', '--help=yes'], '-h/--help takes no value'],
      [['check'], 'check needs at least one PATH or GLOB'],
      [['render'], 'render needs at least one FILE'],
    ];
    for (const [argv, message] of cases) {
      const r = run(dir, ...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(firstLine(r.err), `trial-report: ${message}`, argv.join(' '));
      assert.match(r.err, /\n\nUsage:\n/, argv.join(' '));
      assert.equal(r.out, '');
    }
  });

  it('lsp --stdio starts the language server the executable passes, and refuses what it does not take', () => {
    let started = 0;
    const serve = (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = main({ argv, stdout: (s) => (out += s), stderr: (s) => (err += s), io: { ...nodeIo, cwd: () => dir }, serveLanguageServer: () => started++ });
      return { code, out, err };
    };
    assert.deepEqual(serve('lsp', '--stdio'), { code: 0, out: '', err: '' });
    assert.equal(started, 1);
    const mistakes: [string[], string][] = [
      [['lsp'], 'trial-report: lsp needs --stdio (the only transport)'],
      [['lsp', '--stdio', 'x.trial.md'], 'trial-report: lsp takes no PATH'],
      [['lsp', '--stdio', '--format', 'json'], 'trial-report: --format is not for lsp: the client sends its settings'],
      [['check', '--stdio', 'ok.trial.md'], 'trial-report: --stdio is only for lsp'],
    ];
    for (const [argv, first] of mistakes) {
      const r = serve(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.err.split('\n')[0], first, argv.join(' '));
    }
    assert.equal(started, 1);
    // main() without a server to start (a library caller, the extension's task): exit 2.
    const r = run(dir, 'lsp', '--stdio');
    assert.deepEqual([r.code, r.err], [2, 'trial-report: the language server runs only from the trial-report executable\n']);
  });

  it('mistakes about a value: exit 2, one line', () => {
    const cases: [string[], string][] = [
      [['check', '--format', 'xml', 'ok.trial.md'], '--format must be text, json or sarif, not "xml"'],
      [['check', '-o', 'out.html', 'ok.trial.md'], '-o/--out is only for render'],
      [['render', 'ok.trial.md', 'other.trial.md'], 'render takes exactly one FILE'],
    ];
    for (const [argv, message] of cases) {
      const r = run(dir, ...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.err, `trial-report: ${message}\n`, argv.join(' '));
    }
  });

  describe('--schema and the config', () => {
    it('a Windows absolute --schema is a path, not a URL scheme, on every OS', () => {
      for (const ref of ['C:\\schemas\\x.json', 'C:/schemas/x.json']) {
        const r = run(dir, 'check', '--schema', ref, 'ok.trial.md');
        assert.equal(r.code, 2);
        // Only Windows has a drive C: to read; elsewhere the file is simply not there.
        if (process.platform !== 'win32') assert.equal(r.err, `trial-report: cannot read the schema ${ref}: no such file or directory\n`);
        assert.doesNotMatch(r.err, /never fetches/);
      }
    });

    it('a remote --schema is refused, never fetched', () => {
      for (const ref of ['https://example.invalid/s.json', 'http://example.invalid/s.json', 'data:application/json,{}']) {
        const r = run(dir, 'check', '--schema', ref, 'ok.trial.md');
        assert.equal(r.code, 2);
        assert.equal(r.err, `trial-report: the schema ${ref} is not a local file; trial-report never fetches schemas. Save it beside the document and name it by its path\n`);
      }
    });

    it('--schema as a file: URL', () => {
      fs.writeFileSync(path.join(dir, 'house.json'), JSON.stringify({ type: 'object', required: ['sponsor'] }));
      const r = run(dir, 'check', '--format', 'json', '--schema', pathToFileURL(path.join(dir, 'house.json')).href, 'ok.trial.md');
      assert.deepEqual(JSON.parse(r.out).files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['TR201']);
    });

    it('the config\'s schema is read relative to the config file', () => {
      fs.mkdirSync(path.join(dir, 'cfg'));
      fs.writeFileSync(path.join(dir, 'cfg', 'house.json'), JSON.stringify({ type: 'object', required: ['sponsor'] }));
      fs.writeFileSync(path.join(dir, 'cfg', 'rc.json'), JSON.stringify({ schema: './house.json', rules: { TR303: 'off' } }));
      const r = run(dir, 'check', '--format', 'json', '--config', 'cfg/rc.json', 'ok.trial.md');
      assert.equal(r.code, 1, r.err);
      assert.deepEqual(JSON.parse(r.out).files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['TR201']);
    });

    it('a $schema naming a Windows path is read as a path (TR203 when it is missing), not refused as remote', function () {
      if (process.platform === 'win32') this.skip();
      fs.writeFileSync(path.join(dir, 'win.trial.md'), REPORT.replace('---\n', '---\n$schema: C:/schemas/x.json\n'));
      const r = run(dir, 'check', '--format', 'json', 'win.trial.md');
      const [f] = JSON.parse(r.out).files[0].findings;
      assert.equal(f.ruleId, 'TR203');
      assert.equal(f.message, 'Cannot read the schema C:/schemas/x.json: no such file or directory.');
    });

    it('.trialreportrc.json is validated against its schema: one line naming the key', () => {
      fs.writeFileSync(path.join(dir, '.trialreportrc.json'), JSON.stringify({ rules: { TR303: 'off' }, rouding: 'half-up' }));
      const r = run(dir, 'check', 'ok.trial.md');
      assert.equal(r.code, 2);
      assert.equal(r.err, 'trial-report: .trialreportrc.json: unknown key "rouding" (allowed: rules, schema, rounding, reportUnlinked)\n');
      fs.writeFileSync(path.join(dir, '.trialreportrc.json'), '{ "rules": ');
      assert.match(run(dir, 'check', 'ok.trial.md').err, /^trial-report: \.trialreportrc\.json is not JSON: .+\n$/);
    });

    it('a missing --config exits 2', () => {
      const r = run(dir, 'check', '--config', 'nope.json', 'ok.trial.md');
      assert.equal(r.code, 2);
      assert.equal(r.err, 'trial-report: cannot read nope.json: no such file or directory\n');
    });
  });
});
