// One finding per defect (docs/rules/README.md), as one pass after every rule ran. Rules report
// what they find without looking at each other; a rule's `supersedes` metadata says which other
// rules' findings one of its findings makes redundant: a TR109 "p contradicts the CI" resting on
// an interval that TR108 flags as broken, a TR105 on a share TR103 already flags. So the result
// does not depend on the order rules run in, and adding a rule cannot silently change another's.
import type { RuleMeta } from './rules/rule.js';
import type { Finding, Range } from './types.js';

const key = (r: Range): string => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;

/**
 * Rule ids ordered so that every rule comes after all rules that supersede it. A superseded
 * finding is dropped before it could supersede another, so "TR111 drops TR109, TR109 drops
 * TR114" is decided the same way whatever the registry's order. Throws on a cycle (a bug in the
 * metadata; a unit test checks the shipped metadata has none).
 */
export function supersessionOrder(rules: readonly RuleMeta[]): string[] {
  const supersededBy = new Map<string, string[]>();
  for (const r of rules) for (const s of r.supersedes ?? []) supersededBy.set(s.rule, [...(supersededBy.get(s.rule) ?? []), r.id]);
  const out: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    const st = state.get(id);
    if (st === 'done') return;
    if (st === 'visiting') throw new Error(`rule metadata: supersedes forms a cycle: ${[...path, id].join(' → ')}`);
    state.set(id, 'visiting');
    for (const by of [...(supersededBy.get(id) ?? [])].sort()) visit(by, [...path, id]);
    state.set(id, 'done');
    out.push(id);
  };
  for (const id of rules.map((r) => r.id).sort()) visit(id, []);
  return out;
}

/**
 * The findings no other finding supersedes, in their original order, without their internal
 * `about` ranges.
 */
export function dedupe(findings: readonly Finding[], rules: readonly RuleMeta[]): Finding[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  /** For each superseded rule: the rules that supersede it, and whether only their errors count. */
  const superseders = new Map<string, { rule: string; onlyAsError: boolean }[]>();
  for (const r of rules) for (const s of r.supersedes ?? []) superseders.set(s.rule, [...(superseders.get(s.rule) ?? []), { rule: r.id, onlyAsError: s.onlyAsError === true }]);

  const kept = new Set<Finding>();
  /** Ranges flagged by the kept findings of each rule: all of them, and its errors only. */
  const flagged = new Map<string, { any: Set<string>; errors: Set<string> }>();
  const ids = supersessionOrder(rules);
  for (const id of [...byRule.keys()].filter((x) => !ids.includes(x)).sort()) ids.push(id);
  for (const id of ids) {
    const mine = byRule.get(id) ?? [];
    const over = superseders.get(id) ?? [];
    const sets = { any: new Set<string>(), errors: new Set<string>() };
    for (const f of mine) {
      const keys = [f.range, ...(f.about ?? [])].map(key);
      const dropped = over.some(({ rule, onlyAsError }) => {
        const theirs = flagged.get(rule);
        const set = onlyAsError ? theirs?.errors : theirs?.any;
        return !!set && keys.some((k) => set.has(k));
      });
      if (dropped) continue;
      kept.add(f);
      sets.any.add(key(f.range));
      if (f.severity === 'error') sets.errors.add(key(f.range));
    }
    flagged.set(id, sets);
  }
  return findings.filter((f) => kept.has(f)).map(({ about: _about, ...f }) => f);
}
