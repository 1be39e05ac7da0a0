// `check --fix` and `--fix-dry-run` through the CLI, on copies of every fixture and example: the
// fixes remove every fixable finding and introduce none, the dry run writes nothing and prints
// the diff that --fix applies, and writing keeps what it must (line endings, byte-order mark,
// permissions) and is atomic.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPatch } from 'diff';
import { writeFileAtomic } from '../../src/cli/fix.js';
import { nodeIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { Finding } from '../../src/core/types.js';
import { fixturesDir, repoRoot } from '../helpers.js';
import { runCli as run } from './run.js';

interface JsonFile {
  path: string;
  findings: Finding[];
}

const json = (out: string): Map<string, Finding[]> => new Map((JSON.parse(out) as { files: JsonFile[] }).files.map((f) => [f.path, f.findings]));

/** A copy of the fixtures, the rule fixtures and the examples, each in its own folder. */
function copyAll(into: string): void {
  const sources = [fixturesDir(), path.join(fixturesDir(), 'rules'), path.join(repoRoot(), 'examples')];
  sources.forEach((src, i) => {
    const dest = path.join(into, `set${i}`);
    fs.mkdirSync(dest, { recursive: true });
    for (const e of fs.readdirSync(src, { withFileTypes: true })) if (e.isFile()) fs.copyFileSync(path.join(src, e.name), path.join(dest, e.name));
  });
}

/** Every file below `dir` with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

const multiset = (fs_: Finding[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const f of fs_) m.set(`${f.ruleId} ${f.message}`, (m.get(`${f.ruleId} ${f.message}`) ?? 0) + 1);
  return m;
};

describe('check --fix on every fixture and example', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-fix-'));
    fs.writeFileSync(path.join(dir, '.trialreportrc.json'), '{}');
    copyAll(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('removes every fixable finding and introduces none', () => {
    const beforeRun = run(dir, 'check', '--format', 'json', '.');
    const before = json(beforeRun.out);
    const fixable = [...before.values()].flat().filter((f) => f.fixes?.length).length;
    assert.ok(fixable > 40, `only ${fixable} fixable findings in the fixtures`);

    const dry = run(dir, 'check', '--format', 'json', '--fix-dry-run', '.');
    const untouched = snapshot(dir);
    const fixedRun = run(dir, 'check', '--format', 'json', '--fix', '.');
    const after = json(fixedRun.out);
    assert.equal(json(dry.out).size, after.size, 'the dry run reports the fixed text too');
    assert.deepEqual([...json(dry.out)].map(([p, f]) => [p, f.length]), [...after].map(([p, f]) => [p, f.length]));

    const problems: string[] = [];
    for (const [file, findings] of after) {
      for (const f of findings) if (f.fixes?.length) problems.push(`${file}: still fixable after --fix: ${f.ruleId} ${f.message}`);
      // Nothing new: every error and warning after the fixes was there before (same rule, same
      // message). Infos may appear: a fix can uncover what the defect hid (YAML that parses after
      // TR202's fix gets TR303's reporting items; a corrected total lets TR101 compare the
      // allocation ratio), which is information about the fixed text, not a new defect.
      const was = multiset(before.get(file) ?? []);
      for (const [k, n] of multiset(findings.filter((f) => f.severity !== 'info'))) if (n > (was.get(k) ?? 0)) problems.push(`${file}: introduced ${k}`);
    }
    assert.deepEqual(problems, []);
    const changed = [...snapshot(dir)].filter(([p, t]) => untouched.get(p) !== t).map(([p]) => p);
    assert.ok(changed.length >= 10, `only ${changed.length} files changed`);
    assert.match(fixedRun.err, /^fixed set\d\/[^:]+: \d+ fix(es)? \(TR\d{3}/m);
  });
});

describe('check --fix-dry-run', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-dry-'));
    fs.writeFileSync(path.join(dir, '.trialreportrc.json'), '{}');
    fs.copyFileSync(path.join(repoRoot(), 'examples', 'il2-lupus-news.trial.md'), path.join(dir, 'seed.trial.md'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes nothing, and its diff applied gives what --fix writes', () => {
    const original = fs.readFileSync(path.join(dir, 'seed.trial.md'), 'utf8');
    const dry = run(dir, 'check', '--fix-dry-run', 'seed.trial.md');
    assert.equal(fs.readFileSync(path.join(dir, 'seed.trial.md'), 'utf8'), original);
    const diff = dry.out.slice(0, dry.out.indexOf('would fix'));
    assert.match(diff, /^--- a\/seed\.trial\.md\n\+\+\+ b\/seed\.trial\.md\n@@ /);
    assert.match(dry.out, /^would fix seed\.trial\.md: 4 fixes \(TR104 ×4\)$/m);
    const patched = applyPatch(original, diff);
    run(dir, 'check', '--fix', 'seed.trial.md');
    assert.equal(patched, fs.readFileSync(path.join(dir, 'seed.trial.md'), 'utf8'));
    assert.notEqual(patched, original);
  });

  it('the seed example: --fix removes every fixable finding, and a second --fix changes nothing', () => {
    const first = run(dir, 'check', '--fix', 'seed.trial.md');
    assert.match(first.out, /^fixed seed\.trial\.md: 4 fixes \(TR104 ×4\)$/m);
    assert.doesNotMatch(first.out, /^\S+:\d+:\d+ +\w+ +TR104/m);
    const text = fs.readFileSync(path.join(dir, 'seed.trial.md'), 'utf8');
    const second = run(dir, 'check', '--fix', 'seed.trial.md');
    assert.doesNotMatch(second.out, /^fixed /m);
    assert.equal(fs.readFileSync(path.join(dir, 'seed.trial.md'), 'utf8'), text);
  });

  it('keeps CRLF line endings, a byte-order mark and the file mode', () => {
    const file = path.join(dir, 'seed.trial.md');
    const crlf = `\ufeff${fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n')}`;
    fs.writeFileSync(file, crlf);
    fs.chmodSync(file, 0o640);
    run(dir, 'check', '--fix', 'seed.trial.md');
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.ok(!/[^\r]\n/.test(text), 'every newline is still CRLF');
    assert.match(text, /60\.5%/);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });

  it('a failed write is exit 2 and leaves the file as it was', () => {
    const file = path.join(dir, 'seed.trial.md');
    const original = fs.readFileSync(file, 'utf8');
    let err = '';
    const code = main({
      argv: ['check', '--fix', 'seed.trial.md'],
      stdout: () => undefined,
      stderr: (s) => (err += s),
      io: { ...nodeIo, cwd: () => dir, writeFileAtomic: () => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); } },
    });
    assert.equal(code, 2);
    assert.match(err, /cannot write seed\.trial\.md: permission denied/);
    assert.equal(fs.readFileSync(file, 'utf8'), original);
  });

  it('refuses --fix with --fix-dry-run, and --fix for render', () => {
    assert.match(run(dir, 'check', '--fix', '--fix-dry-run', 'seed.trial.md').err, /cannot be used together/);
    assert.match(run(dir, 'render', '--fix', 'seed.trial.md').err, /--fix is only for check/);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file in one rename and cleans up when it cannot', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-atomic-'));
    try {
      const file = path.join(dir, 'a.md');
      fs.writeFileSync(file, 'old');
      writeFileAtomic(file, 'new');
      assert.equal(fs.readFileSync(file, 'utf8'), 'new');
      assert.throws(() => writeFileAtomic(path.join(dir, 'missing', 'b.md'), 'x'));
      assert.deepEqual(fs.readdirSync(dir), ['a.md']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
