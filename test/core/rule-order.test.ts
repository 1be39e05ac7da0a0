// Rule order does not matter: "one finding per defect" is one pass after all rules ran (dedupe.ts,
// from each rule's `supersedes`), not later rules reading earlier ones' findings. Every fixture,
// example and real-world report is checked with the registry in several shuffled orders (seeded,
// so a failure reproduces) and must give exactly the findings of the shipped order.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../src/core/check.js';
import { dedupe, supersessionOrder } from '../../src/core/dedupe.js';
import { RULE_INFO, RULES, type Rule, type RuleMeta } from '../../src/core/rules/index.js';
import type { CheckOptions, Finding } from '../../src/core/types.js';
import { fixturesDir, repoRoot, seededRandom } from '../helpers.js';

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const next = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const ORDERS: { name: string; rules: readonly Rule[] }[] = [
  { name: 'reversed', rules: [...RULES].reverse() },
  ...[1, 2, 3, 4].map((seed) => ({ name: `shuffle #${seed}`, rules: shuffled(RULES, seed) })),
];

function documents(): { name: string; text: string; options: CheckOptions }[] {
  const out: { name: string; text: string; options: CheckOptions }[] = [];
  const root = repoRoot();
  const dirs = [fixturesDir(), path.join(fixturesDir(), 'rules'), path.join(root, 'examples'), path.join(root, 'test', 'real-world'), path.join(root, 'test', 'real-world', 'holdout'), path.join(root, 'test', 'real-world', 'new-user')];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.md') && x !== 'README.md' && x !== 'SOURCES.md' && x !== 'NOTES.md' && x !== 'FIRST-RUN.md').sort()) {
      const file = path.join(dir, f);
      const loadSchema: CheckOptions['loadSchema'] = (ref) => {
        try {
          return { schema: JSON.parse(fs.readFileSync(path.resolve(dir, ref), 'utf8')) as object };
        } catch (e) {
          return { error: String(e) };
        }
      };
      out.push({ name: path.relative(root, file), text: fs.readFileSync(file, 'utf8'), options: { fileName: file, loadSchema, reportUnlinked: true } });
    }
  }
  return out;
}

describe('rule order does not change the findings', function () {
  this.timeout(300_000);
  const docs = documents();

  it('reads fixtures, examples and the real-world corpus', () => {
    assert.ok(docs.length > 100, `only ${docs.length} documents`);
  });

  it('the shuffled orders differ from the shipped one', () => {
    for (const o of ORDERS) assert.notDeepEqual(o.rules.map((r) => r.id), RULES.map((r) => r.id), o.name);
  });

  for (const o of ORDERS) {
    it(`${o.name}: identical findings on every document`, () => {
      const differ: string[] = [];
      for (const d of docs) {
        const want = JSON.stringify(analyzeDocument(d.text, d.options).findings);
        const got = JSON.stringify(analyzeDocument(d.text, d.options, o.rules).findings);
        if (got !== want) differ.push(d.name);
      }
      assert.deepEqual(differ, []);
    });
  }
});

describe('dedupe: one finding per defect from `supersedes`', () => {
  const at = (line: number, column = 1): Finding['range'] => ({ start: { line, column }, end: { line, column: column + 2 } });
  const f = (ruleId: string, line: number, extra: Partial<Finding> = {}): Finding => ({ ruleId, severity: 'error', message: `${ruleId}@${line}`, range: at(line), ...extra });
  const meta = (id: string, supersedes?: RuleMeta['supersedes']): RuleMeta => ({ id, alias: id, description: id, defaultSeverity: 'error', fixable: false, ...(supersedes ? { supersedes } : {}) });

  it('drops a finding on the range a superseding finding flags, and one resting on it (`about`)', () => {
    const rules = [meta('A', [{ rule: 'B' }]), meta('B')];
    const kept = dedupe([f('B', 1), f('A', 1), f('B', 2, { about: [at(1)] }), f('B', 3)], rules);
    assert.deepEqual(kept.map((x) => x.message), ['A@1', 'B@3']);
    assert.ok(kept.every((x) => !('about' in x)), '`about` never leaves the core');
  });

  it('`onlyAsError`: a warning of the superseding rule does not drop', () => {
    const rules = [meta('A', [{ rule: 'B', onlyAsError: true }]), meta('B')];
    assert.deepEqual(dedupe([f('A', 1, { severity: 'warning' }), f('B', 1)], rules).map((x) => x.message), ['A@1', 'B@1']);
    assert.deepEqual(dedupe([f('A', 1), f('B', 1)], rules).map((x) => x.message), ['A@1']);
  });

  it('a dropped finding drops nothing itself, whatever the order of the input', () => {
    // A drops B at line 1; B's dropped finding must not drop C at line 1, but B's kept one at 2 drops C at 2.
    const rules = [meta('C'), meta('B', [{ rule: 'C' }]), meta('A', [{ rule: 'B' }])];
    const input = [f('C', 1), f('C', 2), f('B', 1), f('B', 2), f('A', 1)];
    for (const order of [input, [...input].reverse(), shuffled(input, 7)]) {
      assert.deepEqual(dedupe(order, rules).map((x) => x.message).sort(), ['A@1', 'B@2', 'C@1']);
    }
  });

  it('the shipped metadata has no supersession cycle and names only known rules', () => {
    const ids = new Set(RULE_INFO.map((r) => r.id));
    assert.equal(supersessionOrder(RULE_INFO).length, RULE_INFO.length);
    for (const r of RULE_INFO) for (const s of r.supersedes ?? []) assert.ok(ids.has(s.rule), `${r.id} supersedes unknown ${s.rule}`);
    assert.throws(() => supersessionOrder([meta('A', [{ rule: 'B' }]), meta('B', [{ rule: 'A' }])]), /cycle/);
  });
});
