// Every quick fix of every fixture, applied: it must remove its finding and add none (issue 6).
// The fixes are computed by the same pure module the code action provider uses (fixes.ts), on
// the core's findings, so this is the editor's behaviour without an editor.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../src/core/check.js';
import { replacementFixes } from '../../src/core/fixes.js';
import type { CheckOptions, Finding } from '../../src/core/types.js';
import { applyEdits, type CoreTextEdit, fixAllEdits, fixesFor, type FixContext, Lines } from '../../src/extension/fixes.js';
import { fixturesDir, repoRoot } from '../helpers.js';

function loadSchemaFrom(dir: string): NonNullable<CheckOptions['loadSchema']> {
  return (ref) => {
    try {
      const schema: unknown = JSON.parse(fs.readFileSync(path.resolve(dir, ref), 'utf8'));
      return typeof schema === 'object' && schema !== null ? { schema } : { error: 'not an object' };
    } catch (e) {
      return { error: `Cannot read the schema ${ref}: ${(e as Error).message}` };
    }
  };
}

interface Case {
  name: string;
  file: string;
  text: string;
  options: CheckOptions;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const dir of [fixturesDir(), path.join(fixturesDir(), 'rules'), path.join(repoRoot(), 'examples')]) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
      const file = path.join(dir, name);
      out.push({ name: path.relative(repoRoot(), file), file, text: fs.readFileSync(file, 'utf8'), options: { fileName: file, loadSchema: loadSchemaFrom(dir), reportUnlinked: name.startsWith('TR199') } });
    }
  }
  return out;
}

function context(text: string, options: CheckOptions): { findings: Finding[]; ctx: FixContext } {
  const a = analyzeDocument(text, options);
  return { findings: a.findings, ctx: { text, model: a.model } };
}

/** A finding's start offset after the edits (a start inside a replaced span maps to its start). */
function mapOffset(offset: number, spans: { from: number; to: number; len: number }[]): number {
  let delta = 0;
  for (const s of spans) {
    if (offset >= s.to) delta += s.len - (s.to - s.from);
    else if (offset > s.from && offset < s.to) return s.from + delta;
  }
  return offset + delta;
}

function keys(findings: Finding[], text: string, edits?: CoreTextEdit[]): string[] {
  const lines = new Lines(text);
  const spans = (edits ?? []).map((e) => ({ from: lines.offset(e.range.start), to: lines.offset(e.range.end), len: (e.snippet ? e.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1') : e.newText).length })).sort((a, b) => a.from - b.from);
  return findings.map((f) => `${f.ruleId}@${edits ? mapOffset(lines.offset(f.range.start), spans) : lines.offset(f.range.start)}`);
}

/** `after` ⊆ `before` as multisets; returns what `after` has that `before` lacks. */
function extra(before: string[], after: string[]): string[] {
  const pool = new Map<string, number>();
  for (const k of before) pool.set(k, (pool.get(k) ?? 0) + 1);
  const out: string[] = [];
  for (const k of after) {
    const n = pool.get(k) ?? 0;
    if (n > 0) pool.set(k, n - 1);
    else out.push(k);
  }
  return out;
}

function show(findings: Finding[]): string {
  return findings.map((f) => `    ${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`).join('\n') || '    (none)';
}

/**
 * Fixes that add a finding because of the core's `expected` values, not the editor's edit; each is
 * a reported core issue. The test fails when one starts passing, so the list only shrinks.
 * Key: "<fixture> <rule>@<line>:<col> <fix title>".
 */
const KNOWN: Record<string, string> = {
  // A fix makes one number agree while a repeated statement of the same fact keeps the old value
  // (front matter vs prose): the fix-all test on the same file shows the set of fixes is clean.
  'examples/il2-lupus-news.trial.md TR104@38:27 Replace 23 with 23.7': 'prose 23% now disagrees (TR105) until its own fix is applied',
  'examples/il2-lupus-news.trial.md TR104@59:1 Replace 23% with 23.7%': 'front matter 23 now disagrees with prose 23.7% (TR105) until its own fix is applied',
  // A header's n=57 is the denominator the cells below were computed with: fixing the header
  // alone makes them disagree, whichever declared size it takes.
  'test/fixtures/prose.trial.md TR106@76:43 Replace 57 with 60': 'later mentions take n=60 as their denominator (TR103, TR105)',
  'test/fixtures/prose.trial.md TR106@76:43 Replace 57 with 58': 'later mentions take n=58 as their denominator (TR103, TR105)',
  // Fixing one defect of a defect-dense fixture line lets rules it blocked run ("one finding per defect").
  'test/fixtures/schema.trial.md TR204@30:17 Replace nobody with a': 'the comparison a versus a becomes checkable',
  'test/fixtures/comparisons.trial.md TR108@24:74 Replace [1.5, 0.9] with [0.9, 1.5]': 'a valid interval is then checked by TR110',
  'test/fixtures/comparisons.trial.md TR111@31:79 Replace 0.000 with "<0.001"': 'a valid p is then checked by TR114',
};

const KNOWN_FIX_ALL: Record<string, string> = {
  'test/fixtures/prose.trial.md': 'as above: count-only replacements of combined mentions',
  'test/fixtures/schema.trial.md': 'fixing one defect lets a rule it blocked run (the comparison becomes a versus a)',
  'test/fixtures/comparisons.trial.md': 'as above: fixing an interval or p lets TR110/TR114 check it',
};

function knownFailure(key: string, known: Record<string, string>, check: () => void): void {
  if (!(key in known)) {
    check();
    return;
  }
  assert.throws(check, `${key} is listed as a known core issue (${known[key]}) but now passes: remove it from KNOWN`);
}

describe('quick fixes (src/extension/fixes.ts) on every fixture', () => {
  const all = cases();
  let total = 0;
  it('has fixable fixtures', () => assert.ok(all.length > 20));
  for (const c of all) {
    describe(c.name, () => {
      const { findings, ctx } = context(c.text, c.options);
      for (const f of findings) {
        const fixes = fixesFor(f, ctx);
        for (const fix of fixes) {
          total++;
          const key = `${c.name.split(path.sep).join('/')} ${f.ruleId}@${f.range.start.line}:${f.range.start.column} ${fix.title}`;
          it(`${f.ruleId} at ${f.range.start.line}:${f.range.start.column}: "${fix.title}" removes its finding and adds none`, () => knownFailure(key, KNOWN, () => {
            const text = applyEdits(c.text, fix.edits);
            // A replacement is the whole new text of its range: no sign doubled ("23.7%%").
            for (const sign of ['%%', '""']) if (!c.text.includes(sign)) assert.ok(!text.includes(sign), `"${fix.title}" writes ${sign}`);
            const after = analyzeDocument(text, c.options).findings;
            // The fixed finding: same rule at the same (mapped) place must be gone, once.
            const before = keys(findings, c.text, fix.edits);
            const afterKeys = keys(after, text);
            const fixedKey = before[findings.indexOf(f)]!;
            const remaining = [...before];
            remaining.splice(findings.indexOf(f), 1);
            // Broken YAML hid every front-matter rule: what they say once it parses is not "added".
            const added = findings.some((x) => x.ruleId === 'TR202') ? [] : extra(remaining, afterKeys);
            assert.deepEqual(added, [], `after "${fix.title}" (${JSON.stringify(fix.edits.map((e) => e.newText))}) the document has findings it did not have:\n${show(after)}\nbefore:\n${show(findings)}`);
            const stillThere = afterKeys.filter((k) => k === fixedKey).length;
            const wasThere = before.filter((k) => k === fixedKey).length;
            assert.ok(stillThere < wasThere, `"${fix.title}" did not remove ${f.ruleId} at ${f.range.start.line}:${f.range.start.column}:\n${show(after)}`);
          }));
        }
      }
      it('fix all applies the first expected value of every fixable finding, removing them and adding none', () => knownFailure(c.name.split(path.sep).join('/'), KNOWN_FIX_ALL, () => {
        const { edits, fixed } = fixAllEdits(findings, ctx);
        if (findings.some((x) => x.ruleId === 'TR202')) return;
        if (!edits.length) return;
        const text = applyEdits(c.text, edits);
        const after = analyzeDocument(text, c.options).findings;
        const before = keys(findings, c.text, edits);
        const added = extra(before, keys(after, text));
        assert.deepEqual(added, [], `fix all added findings:\n${show(after)}`);
        assert.ok(after.length <= findings.length - fixed.length, `fix all left ${after.length} of ${findings.length} findings having fixed ${fixed.length}:\n${show(after)}`);
      }));
    });
  }
  after(() => assert.ok(total > 50, `only ${total} fixes were exercised`));
  it('lists no known issue for a fix that no longer exists', () => {
    const seen = new Set<string>();
    for (const c of all) {
      const { findings, ctx } = context(c.text, c.options);
      for (const f of findings) for (const fix of fixesFor(f, ctx)) seen.add(`${c.name.split(path.sep).join('/')} ${f.ruleId}@${f.range.start.line}:${f.range.start.column} ${fix.title}`);
    }
    assert.deepEqual(Object.keys(KNOWN).filter((k) => !seen.has(k)), []);
  });
});

describe('quick fixes: shapes', () => {
  const doc = (body: string): string => `---\ntrial:\n  title: T\n  randomized: 76\narms:\n  - id: a\n    label: Alpha\n    randomized: 38\n  - id: b\n    label: Beta\n    randomized: 38\n---\n\n# T\n\n${body}`;

  it('titles a replacement "Replace 60% with 60.5%"', () => {
    const text = doc('## Background\n\nx\n\n## Methods\n\nx\n\n## Results\n\nResponse was 60% with Alpha.\n\n## Safety\n\nx\n\n## Conclusions\n\nx\n');
    const at = new Lines(text).position(text.indexOf('60%'));
    const bare: Finding = { ruleId: 'TR104', severity: 'error', message: 'm', range: { start: at, end: { line: at.line, column: at.column + 3 } }, expected: ['60.5%', '57.9%'] };
    const f: Finding = { ...bare, fixes: replacementFixes(bare, new Lines(text)) };
    const a = analyzeDocument(text, { fileName: 'x.trial.md' });
    const fixes = fixesFor(f, { text, model: a.model });
    assert.deepEqual(fixes.map((x) => x.title), ['Replace 60% with 60.5%', 'Replace 60% with 57.9%', 'Suppress TR104 here with a justification comment']);
    assert.equal(fixes[0]!.preferred, true);
    assert.equal(fixes[2]!.edits[0]!.newText, '<!-- trial-report-disable-next-line TR104 -- ${1:justification} -->\n');
  });

  it('replaces a prose share with its % (the finding covers the number and its sign)', () => {
    const seed = 'examples/il2-lupus-news.trial.md';
    const { findings, ctx } = context(fs.readFileSync(path.join(repoRoot(), seed), 'utf8'), { fileName: seed });
    const f = findings.find((x) => x.ruleId === 'TR104' && x.range.start.line === 58)!;
    assert.equal(ctx.text.slice(new Lines(ctx.text).offset(f.range.start), new Lines(ctx.text).offset(f.range.end)), '60%');
    const fixes = fixesFor(f, ctx);
    assert.deepEqual(fixes.map((x) => x.title), ['Replace 60% with 60.5%', 'Replace 60% with 61%', 'Suppress TR104 here with a justification comment']);
    assert.match(applyEdits(ctx.text, fixes[0]!.edits), /reached by 60\.5% of patients/);
    // A spelled-out unit keeps its words.
    const text = ctx.text.replace('reached by 60% of patients', 'reached by 60 per cent of patients');
    const again = context(text, { fileName: seed });
    const g = again.findings.find((x) => x.ruleId === 'TR104' && x.range.start.line === 58)!;
    assert.match(applyEdits(text, fixesFor(g, again.ctx)[0]!.edits), /reached by 60\.5 per cent of patients/);
  });

  it('inserts a missing section before the next required one, from the template', () => {
    const text = doc('## Background\n\nx\n\n## Methods\n\nx\n\n## Results\n\nx\n\n## Conclusions\n\nx\n');
    const a = analyzeDocument(text, { fileName: 'x.trial.md' });
    const f = a.findings.find((x) => x.ruleId === 'TR301')!;
    const [fix] = fixesFor(f, { text, model: a.model });
    assert.equal(fix!.title, 'Insert the missing section "## Safety"');
    const fixed = applyEdits(text, fix!.edits);
    assert.match(fixed, /## Results\n\nx\n\n## Safety\n\nDescribe the important adverse events[^\n]*\n\n## Conclusions/);
  });

  it('offers no comment suppression inside the front matter', () => {
    const text = doc('## Background\n');
    const a = analyzeDocument(text, { fileName: 'x.trial.md' });
    const bare: Finding = { ruleId: 'TR101', severity: 'error', message: 'm', range: { start: { line: 4, column: 15 }, end: { line: 4, column: 17 } }, expected: ['77'] };
    const f: Finding = { ...bare, fixes: replacementFixes(bare, new Lines(text)) };
    assert.deepEqual(fixesFor(f, { text, model: a.model }).map((x) => x.kind), ['replace']);
  });
});
