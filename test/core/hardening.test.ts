// Hardening of the core: pathological documents (alias bombs, deep nesting, huge and long
// documents), custom-schema patterns that would backtrack forever, a rule that throws, and
// schemas that try to reach the network. Timings are printed for the report; the bounds asserted
// are generous (several times the issue's "1 s for 100 KB") so a loaded CI machine is not flaky.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { checkSync } from 'recheck';
import { analyzeDocument, BUNDLED_SCHEMA, checkDocument, RULES } from '../../src/core/index.js';
import type { Rule } from '../../src/core/rules/rule.js';
import { safeRegExp } from '../../src/core/safe-regexp.js';
import { bigReport } from '../fuzz/big-report.js';
import { checkInvariants, timeBudgetMs } from '../fuzz/invariants.js';
import { partitionKnown } from '../fuzz/known-bugs.js';
import { repoRoot } from '../helpers.js';

const SECTIONS = '\n# T\n\n## Background\n\nx\n\n## Methods\n\nx\n\n## Results\n\nx\n\n## Safety\n\nx\n\n## Conclusions\n\nx\n';
const MINIMAL = `---\ntrial:\n  title: T\n  randomized: 10\narms:\n  - id: a\n    label: A\n    randomized: 10\n---\n${SECTIONS}`;
const o = { fileName: 'x.trial.md' };

function timed<T>(f: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = f();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

describe('hardening: pathological documents', function () {
  this.timeout(120_000);

  it('YAML alias bombs are bounded: billion laughs in sequences, maps, merge keys and flow style', () => {
    // Ten levels of nine references each: 9^10 (3.4 billion) nodes if expanded.
    const levels = (first: string, next: (prev: string) => string): string => [first, ...Array.from({ length: 9 }, (_, i) => next(`l${i}`).replace('LEVEL', `l${i + 1}`))].join('\n');
    const nine = (f: (j: number) => string): string => Array.from({ length: 9 }, (_, j) => f(j)).join(', ');
    const bombs = {
      sequences: levels(`l0: &l0 [${nine(() => '"lol"')}]`, (p) => `LEVEL: &LEVEL [${nine(() => `*${p}`)}]`),
      maps: levels(`l0: &l0 { ${nine((j) => `k${j}: "lol"`)} }`, (p) => `LEVEL: &LEVEL { ${nine((j) => `k${j}: *${p}`)} }`),
      'merge keys': levels('l0: &l0 { a: 1, b: 2, c: 3 }', (p) => `LEVEL: &LEVEL { <<: [*${p}, *${p}], x: *${p}, y: [*${p}, *${p}, *${p}] }`),
      'aliases as keys': levels('l0: &l0 [1, 2, 3]', (p) => `LEVEL: &LEVEL { ? *${p} : *${p}, x: [*${p}, *${p}, *${p}, *${p}] }`),
      'block style': ['l0: &l0', ...Array.from({ length: 9 }, () => '  - lol'), ...Array.from({ length: 9 }, (_, i) => [`l${i + 1}: &l${i + 1}`, ...Array.from({ length: 9 }, () => `  - *l${i}`)]).flat()].join('\n'),
    };
    for (const [name, yaml] of Object.entries(bombs)) {
      const { value, ms } = timed(() => checkDocument(`---\ntrial:\n  title: x\n${yaml}\n---\n${SECTIONS}`, o));
      console.log(`      alias bomb (${name}): ${ms.toFixed(0)} ms, ${value.findings.length} findings (${[...new Set(value.findings.map((f) => f.ruleId))].join(', ')})`);
      assert.ok(ms < timeBudgetMs(yaml.length), `${name}: ${ms} ms`);
      assert.ok(value.findings.some((f) => f.ruleId === 'TR202' || f.ruleId === 'TR201'), `${name}: no finding`);
    }
  });

  it('deep nesting: flow collections, block mappings, block quotes, lists and emphasis', () => {
    const depth = 5_000;
    const docs: Record<string, string> = {
      'YAML flow sequence': `---\ntrial:\n  title: T\ndeep: ${'['.repeat(depth)}1${']'.repeat(depth)}\n---\n`,
      'YAML flow mapping': `---\ntrial:\n  title: T\ndeep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n---\n`,
      'YAML unclosed flow': `---\ntrial:\n  title: T\ndeep: ${'['.repeat(depth)}\n---\n`,
      'YAML block mapping (1,000 levels)': `---\ntrial:\n  title: T\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n---\n`,
      // Deeper cases (F13, F15: 10,000 levels, 100 KB of delimiters) are in nesting.test.ts.
      'block quotes (1,000 levels)': `---\ntrial:\n  title: T\n---\n${'>'.repeat(1000)} 60% of 38\n`,
      'nested lists (150 levels)': `---\ntrial:\n  title: T\n---\n${Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- 23/38 (60%)`).join('\n')}\n`,
      emphasis: `---\ntrial:\n  title: T\n---\n${'*_'.repeat(depth)}60% of 38${'_*'.repeat(depth)}\n`,
      brackets: `---\ntrial:\n  title: T\n---\n${'[('.repeat(depth)}23/38 (60%)${')]'.repeat(depth)}\n`,
      'HTML comments': `---\ntrial:\n  title: T\n---\n${'<!-- trial-report-disable TR104 -- x '.repeat(2000)}\n`,
    };
    for (const [name, text] of Object.entries(docs)) {
      const stats = { ms: 0, findings: 0 };
      const problems = partitionKnown(checkInvariants(text, o, stats), text).rest;
      console.log(`      deep ${name}: ${stats.ms.toFixed(0)} ms, ${stats.findings} findings`);
      assert.deepEqual(problems, [], name);
    }
  });

  it('a 100 KB report is checked within the bound (1 s, asserted at 5 s)', () => {
    const text = bigReport(100_000);
    checkDocument(text, o); // warm-up: the first call compiles the schema and the regexes
    const { ms } = timed(() => checkDocument(text, o));
    console.log(`      100 KB report: ${ms.toFixed(0)} ms`);
    assert.ok(ms < timeBudgetMs(100_000), `${ms} ms`);
  });

  it('a 1 MB report, a 20,000-line report and a 200 KB line: no crash, bounded time, ranges inside (CI-sized; `npm run stress` runs 10 MB and 200,000 lines)', () => {
    for (const [name, text] of [
      ['1 MB report', bigReport(1_000_000)],
      ['20,000-line report', bigReport(20_000 * 12, 10)],
      // 200 KB, not 1 MB: one long sentence is quadratic today (bug F10); `npm run stress` runs 10 MB.
      ['200 KB single line', `---\ntrial:\n  title: T\n---\n${'23/38 (60%) of patients, p = 0.04; '.repeat(5_600)}`],
    ] as const) {
      const stats = { ms: 0, findings: 0 };
      const problems = checkInvariants(text, o, stats);
      console.log(`      ${name} (${(text.length / 1e6).toFixed(2)} MB, ${text.split('\n').length} lines): ${stats.ms.toFixed(0)} ms, ${stats.findings} findings`);
      assert.deepEqual(problems, [], name);
    }
  });

  it('F17: a 200,000-row table overflows no stack (no argument spread over rows); its TR107 is found', () => {
    const text = '---\ntrial:\n  title: T\n---\n\n| Outcome | Alpha | Total |\n| --- | --- | --- |\n' + '| Nausea | 4 (10.5%) | 7 |\n'.repeat(200_000) + '| Total | 4 | 7 |\n';
    const { findings } = checkDocument(text, { fileName: 'x.trial.md' });
    assert.deepEqual(findings.filter((f) => /Internal error/.test(f.message)).map((f) => f.message), []);
    assert.ok(findings.some((f) => f.ruleId === 'TR107'), 'the breakdown that does not add up is reported');
  });
});

describe('hardening: custom-schema patterns cannot hang the checker', function () {
  this.timeout(120_000);
  const CATASTROPHIC = '^(a+)+$';
  const ATTACK = 'a'.repeat(40) + '!';

  it("demonstrates the risk: V8's backtracking engine on ^(a+)+$ against 40 a's and a '!' does not finish in 5 s (ajv's default engine)", () => {
    // In a child process, so the demonstration cannot hang the test run.
    const ajvPath = require.resolve('ajv', { paths: [repoRoot()] });
    const script = `const Ajv = require(${JSON.stringify(ajvPath)}).default; const v = new Ajv().compile({ type: 'string', pattern: ${JSON.stringify(CATASTROPHIC)} }); v(${JSON.stringify(ATTACK)}); console.log('finished');`;
    const started = Date.now();
    const r = spawnSync(process.execPath, ['-e', script], { timeout: 5_000, encoding: 'utf8' });
    console.log(`      native RegExp via ajv: killed after ${Date.now() - started} ms (signal ${String(r.signal)})`);
    assert.equal(r.signal, 'SIGTERM', `expected a timeout, got status ${String(r.status)} ${r.stdout} ${r.stderr}`);
  });

  it('safeRegExp runs the same pattern on a 100,000-character attack in linear time', () => {
    const re = safeRegExp(CATASTROPHIC, 'u');
    const { value, ms } = timed(() => re.test('a'.repeat(100_000) + '!'));
    console.log(`      safeRegExp: ${ms.toFixed(1)} ms`);
    assert.equal(value, false);
    assert.equal(re.test('aaaa'), true);
    assert.ok(ms < 2_000);
    for (const [p, s] of [['^(a|a)*$', 'a'.repeat(50_000) + 'b'], ['^(\\w+\\s?)*$', 'word '.repeat(20_000) + '!'], ['(x+x+)+y', 'x'.repeat(50_000)], ['^(\\d+)*\\.$', '1'.repeat(50_000)]] as const) {
      const t = timed(() => safeRegExp(p, 'u').test(s));
      assert.ok(t.ms < 2_000, `${p}: ${t.ms} ms`);
    }
  });

  it('safeRegExp agrees with RegExp on generated patterns and inputs (2,000 pairs)', () => {
    // Patterns from a grammar of the constructs schemas use; short inputs, so the native engine
    // cannot blow up on them.
    const atom = fc.constantFrom('a', 'b', '1', '-', ' ', '\\d', '\\w', '\\s', '\\S', '\\D', '\\W', '.', '[a-c]', '[^a]', '[\\s\\d]', '\\.', '\\u00e9', '\\p{L}', '\\p{Nd}', 'é', '😀', '[]', '[^]', '\\b', '\\/');
    const re: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
      re: fc.oneof(
        { depthSize: 'small' },
        atom,
        fc.tuple(tie('re'), tie('re')).map(([a, b]) => a + b),
        fc.tuple(tie('re'), tie('re')).map(([a, b]) => `(?:${a}|${b})`),
        fc.tuple(tie('re'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '*?', '+?')).map(([a, q]) => `(?:${a})${q}`),
        tie('re').map((a) => `(${a})`),
        tie('re').map((a) => `(?<g>${a})`),
      ),
    })).re;
    const anchored = fc.tuple(fc.boolean(), re, fc.boolean()).map(([s, r, e]) => `${s ? '^' : ''}${r}${e ? '$' : ''}`);
    const input = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', ' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\ufeff', 'é', '😀', '.', '-', '/', '\u0000'), maxLength: 12 });
    fc.assert(
      fc.property(anchored, input, fc.constantFrom('u', 'iu', 'su'), (pattern, s, flags) => {
        let valid = true;
        try {
          new RegExp(pattern, flags);
        } catch {
          valid = false; // e.g. a duplicate group name: not a pattern a schema can hold
        }
        fc.pre(valid);
        assert.equal(safeRegExp(pattern, flags).test(s), new RegExp(pattern, flags).test(s), `/${pattern}/${flags} on ${JSON.stringify(s)}`);
      }),
      { numRuns: 2_000, seed: 20261127 },
    );
  });

  it('safeRegExp refuses what RE2 cannot run in linear time, and what is not JavaScript, with a SyntaxError', () => {
    for (const p of ['(a)\\1', '(?<x>a)\\k<x>', '(?=a)', '(?!a)', '(?<=a)b', '(?<!a)b', '(', '[', 'a{2,1}', '\\']) {
      assert.throws(() => safeRegExp(p, 'u'), SyntaxError, p);
    }
    assert.match(String((() => { try { safeRegExp('(a)\\1', 'u'); } catch (e) { return (e as Error).message; } return ''; })()), /backreferences are not supported/);
  });

  it("is a drop-in ajv code.regExp: ajv compiles with it, and the bundled schema's patterns give the same verdicts", () => {
    const mk = (regExp?: typeof safeRegExp): Ajv2020 => {
      const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true, ...(regExp ? { code: { regExp } } : {}) });
      ajv.addKeyword({ keyword: 'x-trial-report', schemaType: 'object' });
      return ajv;
    };
    const safe = mk(safeRegExp).compile({ type: 'object', properties: { id: { type: 'string', pattern: CATASTROPHIC } }, patternProperties: { '^x-': { type: 'string' } } });
    const { value, ms } = timed(() => safe({ id: 'a'.repeat(100_000) + '!', 'x-a': 1 }));
    assert.equal(value, false);
    assert.deepEqual(safe.errors?.map((e) => e.keyword).sort(), ['pattern', 'type']);
    assert.ok(ms < 2_000, `${ms} ms`);
    // Two patterns in one schema must not share a compiled matcher (ajv keys them by toString()).
    const two = mk(safeRegExp).compile({ type: 'object', properties: { a: { type: 'string', pattern: '^a$' }, b: { type: 'string', pattern: '^b$' } } });
    assert.equal(two({ a: 'a', b: 'b' }), true);
    assert.equal(two({ a: 'b', b: 'a' }), false);
    // Every pattern in the bundled schema: same verdicts on generated strings.
    const patterns: string[] = [];
    JSON.stringify(BUNDLED_SCHEMA, (k, v: unknown) => {
      if (k === 'pattern' && typeof v === 'string') patterns.push(v);
      if (k === 'patternProperties' && v && typeof v === 'object') patterns.push(...Object.keys(v));
      return v;
    });
    assert.ok(patterns.length > 0);
    const samples = ['NCT01234567', 'ISRCTN12345678', 'ChiCTR2000012345', '2004-000123-45', '1:1', '2:1:1', '<0.001', '0.03', 'il2-1.0', 'x-notes', 'a b', '', 'NCT0123', '1:', '😀', 'x-', 'EUCTR2004-000123-45-GB'];
    for (const p of patterns) for (const s of samples) assert.equal(safeRegExp(p, 'u').test(s), new RegExp(p, 'u').test(s), `/${p}/ on ${s}`);
    const bundledSafe = mk(safeRegExp).compile(BUNDLED_SCHEMA);
    const bundledNative = mk().compile(BUNDLED_SCHEMA);
    for (const file of fs.readdirSync(path.join(repoRoot(), 'test', 'real-world')).filter((f) => f.endsWith('.md'))) {
      const fm = checkDocument(fs.readFileSync(path.join(repoRoot(), 'test', 'real-world', file), 'utf8'), o).model.frontMatter?.data;
      assert.equal(bundledSafe(fm), bundledNative(fm), file);
    }
  });

  it("ajv-formats' regular expressions (formats a custom schema may use) are safe from catastrophic backtracking", function () {
    this.timeout(300_000);
    const bad: string[] = [];
    let n = 0;
    for (const [name, f] of Object.entries(fullFormats)) {
      const re = f instanceof RegExp ? f : f && typeof f === 'object' && 'validate' in f && f.validate instanceof RegExp ? f.validate : undefined;
      if (!re) continue;
      n++;
      const r = checkSync(re.source, re.flags, { timeout: 20_000, randomSeed: 20261127 });
      if (r.status !== 'safe') bad.push(`${name}: ${r.status}${r.status === 'vulnerable' ? ` (${r.complexity.type}, attack ${JSON.stringify(r.attack.pattern)})` : ''}`);
    }
    console.log(`      ajv-formats: ${n} format regexes checked`);
    // Known and accepted: see the report. Formats are compiled by ajv-formats itself, not by the
    // `code.regExp` engine, so a vulnerable one would need the input-length bound below.
    for (const b of bad) console.log(`      ajv-formats format not proven safe: ${b}`);
    assert.ok(n >= 10);
  });

  // PENDING (bug F7 in test/fuzz/regressions/README.md): enable once src/core/schema.ts passes
  // `code: { regExp: safeRegExp }` to ajv. Run in a child process on the built library, so that
  // until then it cannot hang the test run.
  it('F7: checkDocument with a custom schema whose pattern is ^(a+)+$ finishes in time', () => {
    const core = path.join(repoRoot(), 'dist', 'core.js');
    const schema = { type: 'object', properties: { trial: { type: 'object', properties: { title: { type: 'string', pattern: CATASTROPHIC } } } } };
    const doc = MINIMAL.replace('title: T', `title: ${ATTACK}`);
    const script = `const r = require(${JSON.stringify(core)}).checkDocument(${JSON.stringify(doc)}, { fileName: 'x.trial.md', schema: ${JSON.stringify(schema)} }); console.log(JSON.stringify(r.findings.map((f) => f.ruleId)));`;
    const r = spawnSync(process.execPath, ['-e', script], { timeout: 10_000, encoding: 'utf8' });
    assert.equal(r.signal, null, 'the check hung');
    assert.match(r.stdout, /TR201/);
  });
});

describe('hardening: a rule that throws is contained', () => {
  const failing = (id: string, thrown: unknown): Rule => ({
    id,
    alias: 'deliberately-broken',
    description: 'fails on purpose',
    defaultSeverity: 'error',
    fixable: false,
    needsFrontMatter: false,
    run: () => {
      throw thrown;
    },
  });

  it('the other rules still run and exactly one TR900 "Internal error in TR998" appears', () => {
    const broken = failing('TR998', new TypeError('deliberate failure for the containment test'));
    const text = MINIMAL.replace('randomized: 10\narms', 'randomized: 11\narms');
    const before = checkDocument(text, o).findings;
    // Early in the list, so most rules run after it.
    const after = analyzeDocument(text, o, [RULES[0]!, broken, ...RULES.slice(1)]).findings;
    const internal = after.filter((f) => /Internal error in TR998/.test(f.message));
    assert.equal(internal.length, 1);
    assert.equal(internal[0]!.severity, 'warning');
    assert.equal(internal[0]!.ruleId, 'TR900');
    assert.match(internal[0]!.message, /deliberate failure/);
    assert.deepEqual(after.filter((f) => f !== internal[0]), before, 'the other rules gave exactly their findings');
    assert.ok(before.some((f) => f.ruleId === 'TR101'), 'a later rule (TR101) still ran');
  });

  it("TR900 cannot be turned off or have its severity changed, and turning TR105 off does not hide it", () => {
    const broken = failing('TR998', new Error('boom'));
    const rules = { TR900: 'off', TR105: 'off', TR998: 'info' } as const;
    const f = analyzeDocument(MINIMAL, { ...o, rules }, [...RULES, broken]).findings.filter((x) => x.ruleId === 'TR900');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, 'warning');
  });

  it('a rule that throws something that is not an Error is contained too', () => {
    const f = analyzeDocument(MINIMAL, o, [...RULES, failing('TR997', 'a string')]).findings.filter((x) => x.ruleId === 'TR900');
    assert.equal(f.length, 1);
    assert.match(f[0]!.message, /Internal error in TR997/);
  });
});

describe('hardening: no network, ever', () => {
  // The real module objects (an ES namespace import is read-only).
  const load = createRequire(__filename);
  const http = load('node:http') as object;
  const https = load('node:https') as object;
  const net = load('node:net') as object;
  // Every way Node could reach the network is replaced by a trap for the duration of each test:
  // a schema that tried to fetch would fail the test even if ajv swallowed the error.
  const attempts: string[] = [];
  const saved: { target: object; key: string; value: unknown }[] = [];
  const trap = (target: object, key: string): void => {
    saved.push({ target, key, value: (target as Record<string, unknown>)[key] });
    (target as Record<string, unknown>)[key] = (...args: unknown[]) => {
      attempts.push(`${key}(${JSON.stringify(args[0])?.slice(0, 80)})`);
      throw new Error('network access in a test');
    };
  };
  beforeEach(() => {
    attempts.length = 0;
    trap(http, 'request');
    trap(http, 'get');
    trap(https, 'request');
    trap(https, 'get');
    trap(net, 'connect');
    trap(net, 'createConnection');
    trap(globalThis, 'fetch');
  });
  afterEach(() => {
    for (const s of saved.splice(0).reverse()) (s.target as Record<string, unknown>)[s.key] = s.value;
    assert.deepEqual(attempts, [], 'something tried to reach the network');
  });

  const remote = [
    { $ref: 'https://example.invalid/schema.json' },
    { $ref: 'http://example.invalid/schema.json' },
    { type: 'object', properties: { trial: { $ref: 'https://example.invalid/trial.json#/definitions/trial' } } },
    { $id: 'https://example.invalid/base/root.json', type: 'object', properties: { trial: { $ref: 'trial.json' } } },
    { $schema: 'https://example.invalid/meta-schema', type: 'object' },
    { type: 'object', allOf: [{ $ref: '//example.invalid/x.json' }] },
    { $defs: { a: { $dynamicRef: 'https://example.invalid/x.json#meta' } }, $ref: '#/$defs/a' },
  ];
  for (const schema of remote) {
    it(`a custom schema reaching for ${JSON.stringify(schema).slice(0, 90)} is refused with TR203, not fetched`, () => {
      const { findings } = checkDocument(MINIMAL, { ...o, schema });
      const tr203 = findings.filter((f) => f.ruleId === 'TR203');
      assert.equal(tr203.length, 1, JSON.stringify(findings));
      assert.equal(tr203[0]!.severity, 'error');
      assert.match(tr203[0]!.message, /not a valid JSON Schema/);
    });
  }

  it('a $schema in the front matter naming an http(s) URL is TR203 on the $schema value when the host refuses it, not fetched', () => {
    const text = MINIMAL.replace('---\n', '---\n$schema: https://example.invalid/s.json\n');
    // The CLI's and the extension's loaders refuse non-local schemas; the core passes the verdict on.
    const loadSchema = (ref: string): { error: string } => ({ error: `The schema ${ref} is not local; trial-report never fetches schemas.` });
    const { findings } = checkDocument(text, { ...o, loadSchema, rules: { TR303: 'off' } });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.column]), [['TR203', 2, 10]]);
  });
});
