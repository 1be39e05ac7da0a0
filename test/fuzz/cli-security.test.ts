// The CLI as an attack surface: it reads only the paths it is given, follows no symlink loops,
// refuses binary and non-UTF-8 files with one clear line, never fetches a schema, never writes
// during `check`, and exits 2 without a stack trace for every user mistake. Every file-system
// call goes through a recording CliIo, so "reads only" is checked, not assumed.
//
// Symlinks (the behaviour decided here, see README "Hardening"): a file or directory named on
// the command line is read even if it is a symlink (the user named it). While walking a
// directory or a glob, a symlink is followed only if its target lies inside the directory being
// walked (it is then checked once, under its real path); a symlink pointing outside is skipped.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main.js';
import { nodeIo, type CliIo } from '../../src/cli/io.js';
import { bigReport } from './big-report.js';

const OK = `---
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

interface Recorded {
  code: number;
  out: string;
  err: string;
  reads: string[];
  writes: string[];
}

function run(cwd: string, ...argv: string[]): Recorded {
  let out = '';
  let err = '';
  const reads: string[] = [];
  const writes: string[] = [];
  const io: CliIo = {
    ...nodeIo,
    cwd: () => cwd,
    readFile: (p) => {
      reads.push(p);
      return nodeIo.readFile(p);
    },
    writeFile: (p, d) => {
      writes.push(p);
      nodeIo.writeFile(p, d);
    },
  };
  const code = main({ argv, stdout: (s) => (out += s), stderr: (s) => (err += s), io, version: '0.1.0' });
  return { code, out, err, reads, writes };
}

function noStack(s: string): void {
  assert.doesNotMatch(s, /\n\s+at .+:\d+:\d+|^\s+at /m, `looks like a stack trace:\n${s}`);
}

/** Resolved real path, or the path itself when it does not exist. */
function real(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

describe('CLI security', function () {
  this.timeout(60_000);
  let base: string;
  let dir: string;
  let outside: string;
  beforeEach(() => {
    base = real(fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-sec-')));
    dir = path.join(base, 'work');
    outside = path.join(base, 'outside');
    fs.mkdirSync(path.join(dir, 'reports'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(dir, '.trialreportrc.json'), JSON.stringify({ rules: { TR303: 'off' } }));
    fs.writeFileSync(path.join(dir, 'reports', 'ok.trial.md'), OK);
    fs.writeFileSync(path.join(outside, 'secret.trial.md'), OK.replace('Consistent', 'Secret'));
    fs.mkdirSync(path.join(outside, 'more'));
    fs.writeFileSync(path.join(outside, 'more', 'other.trial.md'), OK);
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('reads only the files below the directory it is given (and its config), and writes nothing', () => {
    const before = fs.readdirSync(dir, { recursive: true }).map(String).sort();
    const r = run(dir, 'check', '--format', 'json', 'reports');
    assert.equal(r.code, 0, r.err);
    for (const p of r.reads) assert.ok(real(p).startsWith(dir + path.sep), `read outside the tree: ${p}`);
    assert.deepEqual(r.writes, []);
    assert.deepEqual(fs.readdirSync(dir, { recursive: true }).map(String).sort(), before, 'check wrote nothing');
  });

  it('a symlink inside the tree to a file inside the tree: the file is checked once', () => {
    fs.symlinkSync(path.join(dir, 'reports', 'ok.trial.md'), path.join(dir, 'reports', 'alias.trial.md'));
    const r = run(dir, 'check', '--format', 'json', 'reports');
    assert.equal(JSON.parse(r.out).files.length, 1);
  });

  it('a symlink named explicitly on the command line is followed (the user named it)', () => {
    fs.symlinkSync(path.join(outside, 'secret.trial.md'), path.join(dir, 'named.trial.md'));
    const r = run(dir, 'check', '--format', 'json', 'named.trial.md');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out).files.map((f: { path: string }) => f.path), ['named.trial.md']);
  });

  // PENDING (bug F6 in test/fuzz/regressions/README.md): walking a directory follows every
  // symlink, so a link to a file or folder outside the tree is read. Enable once files.ts skips
  // links whose real path is outside the root being walked.
  it('F6: a symlink below a directory to a file or a folder outside it is not read', () => {
    fs.symlinkSync(path.join(outside, 'secret.trial.md'), path.join(dir, 'reports', 'link.trial.md'));
    fs.symlinkSync(path.join(outside, 'more'), path.join(dir, 'reports', 'linkdir'));
    for (const target of ['reports', 'reports/**/*.trial.md']) {
      const r = run(dir, 'check', '--format', 'json', target);
      for (const p of r.reads) assert.ok(real(p).startsWith(dir + path.sep), `${target}: read outside the tree: ${p}`);
      assert.deepEqual(JSON.parse(r.out).files.map((f: { path: string }) => f.path), ['reports/ok.trial.md']);
    }
  });

  it('symlink loops, self-links and dangling links end, with the real files checked once', () => {
    fs.symlinkSync(path.join(dir, 'reports'), path.join(dir, 'reports', 'loop'));
    fs.symlinkSync(path.join(dir, 'reports', 'self'), path.join(dir, 'reports', 'self'));
    fs.symlinkSync(path.join(dir, 'reports', 'nowhere.trial.md'), path.join(dir, 'reports', 'dangling.trial.md'));
    fs.mkdirSync(path.join(dir, 'reports', 'a', 'b'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'reports', 'a'), path.join(dir, 'reports', 'a', 'b', 'up'));
    for (const target of ['reports', 'reports/**/*.md']) {
      const r = run(dir, 'check', '--format', 'json', target);
      assert.deepEqual(JSON.parse(r.out).files.map((f: { path: string }) => f.path), ['reports/ok.trial.md'], target);
      noStack(r.err);
    }
    const self = run(dir, 'check', 'reports/self');
    assert.equal(self.code, 2);
    assert.match(self.err, /^trial-report: cannot read reports\/self: too many levels of symbolic links\n$/);
  });

  it('binary files and every kind of invalid UTF-8 exit 2 with one clear line, and the other files are still checked', () => {
    const bad: Record<string, Buffer> = {
      'png.trial.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'utf16.trial.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(OK, 'utf16le')]),
      'latin1.trial.md': Buffer.from('---\ntrial:\n  title: caf\xe9\n---\n', 'latin1'),
      'overlong.trial.md': Buffer.concat([Buffer.from('---\ntrial:\n  title: '), Buffer.from([0xc0, 0xaf]), Buffer.from('\n---\n')]),
      'surrogate.trial.md': Buffer.concat([Buffer.from('---\ntrial:\n  title: '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n---\n')]),
      'truncated.trial.md': Buffer.concat([Buffer.from(OK), Buffer.from([0xe2, 0x82])]),
      'above-max.trial.md': Buffer.concat([Buffer.from('x'), Buffer.from([0xf4, 0x90, 0x80, 0x80])]),
    };
    for (const [name, bytes] of Object.entries(bad)) fs.writeFileSync(path.join(dir, name), bytes);
    for (const name of Object.keys(bad)) {
      const r = run(dir, 'check', '--format', 'json', name, 'reports/ok.trial.md');
      assert.equal(r.code, 2, name);
      assert.match(r.err, new RegExp(`^trial-report: ${name.replace(/\./g, '\\.')} is (a binary file, not a Markdown document|not valid UTF-8 text)\n$`), name);
      noStack(r.err);
      assert.equal(JSON.parse(r.out).files.length, 1, `${name}: the other file was still checked`);
    }
  });

  it('a NUL byte past the first 8 KB, control characters and a BOM are checked as text, without a crash', () => {
    fs.writeFileSync(path.join(dir, 'late-nul.trial.md'), OK + 'x'.repeat(9000) + '\u0000\n');
    fs.writeFileSync(path.join(dir, 'bom.trial.md'), '\uFEFF' + OK.replace(/\n/g, '\r\n'));
    fs.writeFileSync(path.join(dir, 'ctrl.trial.md'), OK + '\u0001\u0007\u001b[31m\u202e\u2028\n');
    for (const name of ['late-nul.trial.md', 'bom.trial.md', 'ctrl.trial.md']) {
      const r = run(dir, 'check', '--format', 'json', name);
      assert.notEqual(r.code, 2, `${name}: ${r.err}`);
      noStack(r.err);
    }
  });

  it('--schema with a remote $ref exits 2 with a clear message and fetches nothing', () => {
    for (const [i, schema] of [{ $ref: 'https://example.invalid/schema.json' }, { type: 'object', properties: { trial: { $ref: 'http://example.invalid/t.json' } } }, { $schema: 'https://example.invalid/meta', type: 'object' }].entries()) {
      fs.writeFileSync(path.join(dir, `remote${i}.json`), JSON.stringify(schema));
      const r = run(dir, 'check', '--schema', `remote${i}.json`, 'reports/ok.trial.md');
      assert.equal(r.code, 2, JSON.stringify(schema));
      assert.match(r.err, /^trial-report: schema .*remote\d\.json is not a valid JSON Schema: .+\n$/);
      noStack(r.err);
      assert.equal(r.out, '');
    }
  });

  it('$schema in front matter naming an http(s) URL, or a local schema with a remote $ref, is TR203', () => {
    fs.writeFileSync(path.join(dir, 'reports', 'remote-ref.json'), JSON.stringify({ $ref: 'https://example.invalid/schema.json' }));
    fs.writeFileSync(path.join(dir, 'reports', 'a.trial.md'), OK.replace('---\n', '---\n$schema: http://example.invalid/s.json\n'));
    fs.writeFileSync(path.join(dir, 'reports', 'b.trial.md'), OK.replace('---\n', '---\n$schema: ./remote-ref.json\n'));
    const r = run(dir, 'check', '--format', 'json', 'reports/a.trial.md', 'reports/b.trial.md');
    const [a, b] = JSON.parse(r.out).files;
    assert.deepEqual(a.findings.map((f: { ruleId: string }) => f.ruleId), ['TR203']);
    assert.match(a.findings[0].message, /never fetches/);
    assert.deepEqual(b.findings.map((f: { ruleId: string }) => f.ruleId), ['TR203']);
    assert.match(b.findings[0].message, /not a valid JSON Schema/);
    assert.equal(r.code, 1);
  });

  it('a $schema that climbs out of the tree is read only as the local file it names (never executed)', () => {
    fs.writeFileSync(path.join(outside, 'x.json'), JSON.stringify({ type: 'object', required: ['sponsor'] }));
    fs.writeFileSync(path.join(dir, 'reports', 'c.trial.md'), OK.replace('---\n', '---\n$schema: ../../outside/x.json\n'));
    const r = run(dir, 'check', '--format', 'json', 'reports/c.trial.md');
    assert.deepEqual(JSON.parse(r.out).files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['TR201']);
    assert.deepEqual(r.writes, []);
  });

  it('a 2 MB report: checked, the time reported on stderr, nothing written', () => {
    fs.writeFileSync(path.join(dir, 'big.trial.md'), bigReport(2_000_000));
    const r = run(dir, 'check', '--format', 'json', 'big.trial.md');
    assert.notEqual(r.code, 2, r.err);
    assert.match(r.err, /^trial-report: checked big\.trial\.md \(2\.0 MB\) in \d+ ms\n$/);
    console.log(`      CLI on a 2 MB report: ${r.err.trim()}`);
    assert.deepEqual(r.writes, []);
  });
});
