// The fast parse and the incremental cache change nothing a writer sees:
// - the fast parse (CommonMark without the table extension, pipe tables read from paragraph
//   lines) extracts exactly what the full GFM-table parse does;
// - a check through a per-document cache, edit after edit, gives exactly the findings, model
//   and suppressions of a fresh uncached check.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../src/core/check.js';
import { chunkStarts } from '../../src/core/chunks.js';
import { createAnalysisCache } from '../../src/core/incremental.js';
import { parseMarkdown, parseMarkdownFull, type ParsedDocument } from '../../src/core/parse.js';
import { fixturesDir, repoRoot, seededRandom as rng } from '../helpers.js';

function documents(): [string, string][] {
  const out: [string, string][] = [];
  const add = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.md')) out.push([f, fs.readFileSync(path.join(dir, f), 'utf8')]);
  };
  add(fixturesDir());
  add(path.join(fixturesDir(), 'rules'));
  add(path.join(repoRoot(), 'examples'));
  return out;
}

/** A long report in the shape of the bench's: many sections, tables, lists. */
function longReport(visits: number): string {
  const head = fs.readFileSync(path.join(repoRoot(), 'examples', 'vitamin-d-care-homes.trial.md'), 'utf8');
  const parts = [head];
  for (let i = 0; i < visits; i++) {
    parts.push(
      `\n### Visit ${i + 1}\n\nAt visit ${i + 1}, 12/118 (10.2%) on vitamin D and ${9 + (i % 3)}/117 (7.7%) on placebo fell; the risk difference was 2.5 percentage points (95% CI -4.8 to 9.8; p = 0.51).\n\n` +
        `| Arm | n | Falls, n (%) |\n| --- | ---: | ---: |\n| Vitamin D | 118 | 12 (10.2) |\n| Placebo | 117 | ${9 + (i % 3)} (7.7) |\n\n- Withdrawals: ${i % 4}\n- Deviations: **${i % 3}**, <!-- trial-report-disable-next-line TR105 -- test --> none major\n`,
    );
  }
  return parts.join('');
}

/** A long report with the body forms of continuous results and flow, some of them flagged. */
function longContinuousReport(visits: number): string {
  const head = fs.readFileSync(path.join(repoRoot(), 'examples', 'knee-exercise-continuous.trial.md'), 'utf8');
  const parts = [head];
  for (let i = 0; i < visits; i++) {
    // Every third visit has a median outside its IQR (TR119); losses of 0–2 fit no flow count (TR115).
    const median = i % 3 === 0 ? 31 : 9 + (i % 4);
    const spread = i % 5 === 0 ? '0.40' : '3.9';
    parts.push(
      `\n### Visit ${i + 1}\n\nAt visit ${i + 1}, the knee pain score was 6.30 ± ${spread} with supervised exercise; analgesic days were a median of ${median} (IQR 3–20) with supervised exercise, and ${i % 4} were lost to follow-up.\n\n` +
        `| Arm | Days, median (IQR) |\n| --- | ---: |\n| Supervised exercise | ${median} (3–20) |\n| Usual care | 14 (6–28) |\n`,
    );
  }
  return parts.join('');
}

const EDIT_CHARS = ['a', 'Z', '1', '7', '.', '%', ' ', '\n', '\n', '#', '|', '-', ':', '`', '*', '<', '>', '(', ')', '/', '\\'];

function randomEdit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  if (r() < 0.4 && text.length > 0) return text.slice(0, Math.max(0, at - 1)) + text.slice(at);
  return text.slice(0, at) + EDIT_CHARS[Math.floor(r() * EDIT_CHARS.length)]! + text.slice(at);
}

/** Everything a parse gives the checks, as JSON (the lazily parsed `tree` aside). */
function extraction(doc: ParsedDocument): string {
  const { headings, sections, tables, paragraphs, comments, yaml } = doc;
  return JSON.stringify({ headings, sections, tables, paragraphs, comments, yaml });
}

function outcome(text: string, options: Parameters<typeof analyzeDocument>[1]): string {
  const a = analyzeDocument(text, options);
  const m = a.model;
  return JSON.stringify({
    findings: a.findings,
    suppressions: a.suppressions,
    model: { ...m, frontMatter: m.frontMatter ? { ...m.frontMatter, pointers: [...m.frontMatter.pointers] } : undefined },
  });
}

describe('fast parse', () => {
  it('extracts what the full GFM-table parse extracts, on every fixture and example', () => {
    for (const [name, text] of documents()) assert.equal(extraction(parseMarkdown(text)), extraction(parseMarkdownFull(text)), name);
  });

  it('extracts what the full parse extracts under random edits', () => {
    const r = rng(7);
    for (const [name, original] of documents()) {
      let text = original;
      for (let i = 0; i < 25; i++) {
        text = randomEdit(text, r);
        assert.equal(extraction(parseMarkdown(text)), extraction(parseMarkdownFull(text)), `${name} after edit ${i + 1}`);
      }
    }
  });

  it('extracts what the full parse extracts on generated tables of every shape', () => {
    const r = rng(11);
    const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)]!;
    const cellAtoms = ['a', '12', '38 (60.5)', '*x*', '**b**', '`c`', '`c|d`', '\\|', '&amp;', '[l](u)', '<!-- c -->', '<b>x</b>', ' ', '', '*a', 'b*', '\\', '50%', '-', ':', '<http://a.b>'];
    const sp = (): string => pick(['', ' ', ' ', '  ', '\t']);
    const cell = (): string => cellAtoms[Math.floor(r() * cellAtoms.length)]! + (r() < 0.3 ? pick(cellAtoms) : '');
    const row = (k: number): string => {
      let s = pick(['|', '|', '|', ' |', '   |', '']);
      for (let i = 0; i < k; i++) s += sp() + cell() + sp() + (i < k - 1 ? '|' : pick(['|', '|', '', '| ']));
      return s;
    };
    const delim = (k: number): string => {
      let s = pick(['|', '|', '|', '']);
      for (let i = 0; i < k; i++) s += sp() + pick(['---', ':--', '--:', ':-:', '-']) + sp() + (i < k - 1 ? '|' : pick(['|', '|', '']));
      return s;
    };
    const block = (): string => {
      if (r() < 0.6) {
        const k = 1 + Math.floor(r() * 4);
        const rows = [row(k), delim(r() < 0.9 ? k : k + 1)];
        for (let i = Math.floor(r() * 4); i > 0; i--) rows.push(r() < 0.85 ? row(k + (r() < 0.2 ? 1 : 0)) : pick(['text', '- item', '2. x', '---', '===', '    code', '> q', '# h', '<div>']));
        return rows.join('\n');
      }
      return pick(['Prose 23/38 (60.5%).', 'para\nline two', '- a | b\n- c', '> | a |\n> |---|', '# Head', '```\n| a |\n|---|\n```', '<!-- x -->', 'a | b\n| 1 | 2 |']);
    };
    for (let i = 0; i < 3000; i++) {
      const parts: string[] = [];
      for (let k = 1 + Math.floor(r() * 4); k > 0; k--) parts.push(block());
      const text = parts.join(pick(['\n\n', '\n\n', '\n']));
      assert.equal(extraction(parseMarkdown(text)), extraction(parseMarkdownFull(text)), JSON.stringify(text));
    }
  });

  it('parses a long document without a cache in runs of chunks, and extracts what the full parse does', () => {
    for (const text of [longReport(60), longContinuousReport(60)]) {
      const doc = parseMarkdown(text);
      assert.ok(doc.bodyTrees.length > 3, `${doc.bodyTrees.length} runs`);
      assert.equal(extraction(doc), extraction(parseMarkdownFull(text)));
      assert.equal(outcome(text, { fileName: 'k.trial.md' }), outcome(text, { fileName: 'k.trial.md', cache: createAnalysisCache() }));
    }
  });

  it('still gives renderers the full mdast, tables included, when asked', () => {
    const doc = parseMarkdown('# T\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n');
    assert.ok(doc.tree.children.some((n) => n.type === 'table'));
  });
});

describe('incremental re-check', () => {
  it('splits a long report into many chunks, at headings only', () => {
    const text = longReport(40);
    const starts = chunkStarts(text);
    assert.ok(starts.length > 40, `${starts.length} chunks`);
    for (const s of starts.slice(1)) assert.equal(text[s], '#');
  });

  it('parses and links only the chunk an edit touched', () => {
    const text = longReport(40);
    const cache = createAnalysisCache();
    analyzeDocument(text, { cache });
    const at = text.indexOf('At visit 20,') + 4;
    assert.ok(at > 4);
    analyzeDocument(text.slice(0, at) + '9' + text.slice(at), { cache });
    assert.equal(cache.lastParsed, 1);
    assert.equal(cache.lastLinked, 1);
  });

  it('reuses the chunks after an edit as they are when only their offsets moved', () => {
    const text = longReport(40);
    const cache = createAnalysisCache();
    const before = analyzeDocument(text, { cache });
    const at = text.indexOf('At visit 20,') + 4;
    const edited = text.slice(0, at) + '9' + text.slice(at);
    const after = analyzeDocument(edited, { cache });
    // Every paragraph and table from visit 21 on is the same object: nothing in it was rebuilt.
    const from = before.model.paragraphs.findIndex((p) => p.text.startsWith('At visit 21,'));
    assert.ok(from > 0);
    for (let i = from; i < before.model.paragraphs.length; i++) assert.equal(after.model.paragraphs[i], before.model.paragraphs[i], `paragraph ${i}`);
    const lastTable = before.model.tables.length - 1;
    assert.equal(after.model.tables[lastTable], before.model.tables[lastTable]);
    // ...and the offsets read through them are the new text's.
    const visit30 = after.model.mentions.find((m) => m.text === '12/118 (10.2%)' && m.range.start.line === after.model.paragraphs.find((p) => p.text.startsWith('At visit 30,'))!.range.start.line)!;
    assert.equal(after.doc.lines.offset(visit30.range.start), edited.indexOf('12/118 (10.2%)', edited.indexOf('At visit 30,')));
    // The trees renderers read: each heading node points at a heading in the new text.
    let headings = 0;
    for (const { root, offset } of after.doc.bodyTrees)
      for (const n of root.children)
        if (n.type === 'heading') {
          headings++;
          assert.equal(edited[offset + n.position!.start.offset!], '#');
        }
    assert.ok(headings > 40);
  });

  it('gives the findings and model of a fresh check under random edits, on every fixture and example', () => {
    const r = rng(42);
    for (const [name, original] of documents()) {
      const fileName = `${name.replace(/\.md$/, '')}.trial.md`;
      const cache = createAnalysisCache();
      let text = original;
      assert.equal(outcome(text, { fileName, cache }), outcome(text, { fileName }), name);
      for (let i = 0; i < 30; i++) {
        text = randomEdit(text, r);
        assert.equal(outcome(text, { fileName, cache }), outcome(text, { fileName }), `${name} after edit ${i + 1}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('gives the findings and model of a fresh check on a long report, line shifts included', () => {
    const r = rng(5);
    const cache = createAnalysisCache();
    let text = longReport(30);
    for (let i = 0; i < 40; i++) {
      text = randomEdit(text, r);
      assert.equal(outcome(text, { cache }), outcome(text, {}), `after edit ${i + 1}`);
    }
  });

  it('gives the findings of a fresh check on a long report of continuous results, line shifts included', () => {
    const r = rng(11);
    const cache = createAnalysisCache();
    let text = longContinuousReport(30);
    const first = analyzeDocument(text, { fileName: 'k.trial.md' }).findings.map((f) => f.ruleId);
    assert.ok(first.filter((id) => id === 'TR119').length >= 10 && first.includes('TR115'), first.join(' '));
    assert.equal(outcome(text, { fileName: 'k.trial.md', cache }), outcome(text, { fileName: 'k.trial.md' }));
    for (let i = 0; i < 40; i++) {
      text = randomEdit(text, r);
      assert.equal(outcome(text, { fileName: 'k.trial.md', cache }), outcome(text, { fileName: 'k.trial.md' }), `after edit ${i + 1}`);
    }
  });

  it('follows a change of the front matter (new names to link) and of a section title', () => {
    const cache = createAnalysisCache();
    let text = longReport(10);
    assert.equal(outcome(text, { cache }), outcome(text, {}));
    text = text.replace('label: Placebo', 'label: Dummy');
    assert.equal(outcome(text, { cache }), outcome(text, {}));
    text = text.replace('## Results', '## Findings');
    assert.equal(outcome(text, { cache }), outcome(text, {}));
  });
});
