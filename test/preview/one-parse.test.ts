// One parse per check (issue 13): the preview renders the Markdown from the parse the check made
// (`ParsedDocument.bodyTrees`, per chunk with the incremental cache) and parses nothing again,
// and that gives the HTML one full GFM parse of the whole document would give.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, type Analysis } from '../../src/core/check.js';
import { createAnalysisCache } from '../../src/core/incremental.js';
import { markdownParseCount, parseMarkdownFull } from '../../src/core/parse.js';
import type { CheckOptions, Finding } from '../../src/core/types.js';
import { renderReportBody, type RenderOptions } from '../../src/preview/render.js';
import { fixturesDir, repoRoot } from '../helpers.js';

const OPTIONS: RenderOptions = { mode: 'webview', version: 1, title: 'x.trial.md' };
const STANDALONE: RenderOptions = { mode: 'standalone' };

/** Deterministic pseudo-random numbers (a test that fails must fail again). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function documents(): [string, string][] {
  const out: [string, string][] = [];
  const add = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.md')) out.push([f, fs.readFileSync(path.join(dir, f), 'utf8')]);
  };
  add(fixturesDir());
  add(path.join(fixturesDir(), 'rules'));
  add(path.join(repoRoot(), 'examples'));
  add(path.join(repoRoot(), 'test', 'real-world'));
  return out;
}

/** A long report of many chunks (one per visit heading), with tables, lists, escapes and code. */
function longReport(visits: number): string {
  const head = fs.readFileSync(path.join(repoRoot(), 'examples', 'vitamin-d-care-homes.trial.md'), 'utf8');
  const parts = [head];
  for (let i = 0; i < visits; i++) {
    parts.push(
      `\n### Visit ${i + 1}\n\nAt visit ${i + 1}, 12/118 (10.2%) on vitamin D and ${9 + (i % 3)}/117 (7.7%) on placebo fell \\* &amp; the risk difference was 2.5 percentage points (95% CI -4.8 to 9.8; p = 0.51).\n\n` +
        `| Arm | n | Falls, n (%) |\n| --- | ---: | :-: |\n| Vitamin D | 118 | 12 (10.2) |\n| *Placebo* | 117 | ${9 + (i % 3)} (\`7.7\`) |\n\n- Withdrawals: ${i % 4}\n- Deviations: **${i % 3}**, <!-- trial-report-disable-next-line TR105 -- test --> none major\n\n> Quoted 23/38\n> (60.5%) on two lines\n`,
    );
  }
  return parts.join('');
}

const EDIT_CHARS = ['a', 'Z', '1', '7', '.', '%', ' ', '\n', '\n', '#', '|', '-', ':', '`', '*', '<', '>', '(', ')', '/', '\\', '&'];

function randomEdit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  if (r() < 0.4 && text.length > 0) return text.slice(0, Math.max(0, at - 1)) + text.slice(at);
  return text.slice(0, at) + EDIT_CHARS[Math.floor(r() * EDIT_CHARS.length)]! + text.slice(at);
}

/** The same analysis with the document parsed once more, whole, by the full GFM parse. */
function fullyParsed(a: Analysis): Analysis {
  return { ...a, doc: parseMarkdownFull(a.doc.text) };
}

/** Findings on a few random spans of the body, so marks are compared too. */
function randomFindings(a: Analysis, r: () => number, count: number): Analysis {
  const text = a.doc.text;
  const from = a.doc.yaml ? a.doc.yaml.end : 0;
  const findings: Finding[] = [...a.findings];
  for (let k = 0; k < count && text.length > from; k++) {
    const s = from + Math.floor(r() * (text.length - from));
    const e = Math.min(text.length, s + 1 + Math.floor(r() * 30));
    findings.push({ ruleId: 'TR999', severity: k % 2 ? 'warning' : 'error', message: `span ${k}`, range: a.doc.lines.range(s, e) });
  }
  return { ...a, findings };
}

/**
 * The HTML from the check's parse (twice: the second time unchanged pieces come from the
 * renderer's memo) is the HTML from one full parse. Standalone, so the problems list shows which
 * findings got an anchor in the body.
 */
function assertSameHtml(a: Analysis, label: string): void {
  const expected = renderReportBody(fullyParsed(a), STANDALONE);
  assert.equal(renderReportBody(a, STANDALONE), expected, label);
  assert.equal(renderReportBody(a, STANDALONE), expected, `${label} (rendered again)`);
}

describe('the preview reuses the check’s parse', () => {
  it('parses nothing beyond the check: one parse for a check and its render', () => {
    const text = longReport(3);
    const before = markdownParseCount();
    const a = analyzeDocument(text, { fileName: 'x.trial.md' });
    const checked = markdownParseCount();
    assert.equal(checked - before, 1, 'the check parses the document once');
    const html = renderReportBody(a, OPTIONS);
    assert.equal(markdownParseCount(), checked, 'the render parses nothing');
    assert.ok(html.includes('<table class="code-line"'), 'tables are rendered as tables');
  });

  it('parses only the edited chunk per preview update, and the render nothing', () => {
    const cache = createAnalysisCache();
    const options: CheckOptions = { fileName: 'x.trial.md', cache };
    let text = longReport(20);
    renderReportBody(analyzeDocument(text, options), OPTIONS);
    for (const visit of [3, 11, 17]) {
      const at = text.indexOf(`At visit ${visit},`) + 3;
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      const before = markdownParseCount();
      const a = analyzeDocument(text, options);
      const checked = markdownParseCount();
      assert.equal(checked - before, 1, `the edit of visit ${visit} re-parses its chunk only`);
      assert.ok(a.doc.bodyTrees.length > 20, `${a.doc.bodyTrees.length} pieces`);
      const html = renderReportBody(a, OPTIONS);
      assert.equal(markdownParseCount(), checked, 'the render parses nothing');
      assert.ok(html.includes(`At xvisit ${visit},`));
    }
  });

  it('gives the HTML of one full parse, on every fixture, example and real-world report', () => {
    const r = rng(3);
    for (const [name, text] of documents()) {
      const a = analyzeDocument(text, { fileName: `${name.replace(/\.md$/, '')}.trial.md` });
      assertSameHtml(randomFindings(a, r, 8), name);
    }
  });

  it('gives the HTML of one full parse through the incremental cache, edit after edit', () => {
    const r = rng(21);
    const cache = createAnalysisCache();
    let text = longReport(12);
    for (let i = 0; i < 40; i++) {
      text = randomEdit(text, r);
      const a = analyzeDocument(text, { fileName: 'x.trial.md', cache });
      assertSameHtml(randomFindings(a, r, 6), `after edit ${i + 1}`);
    }
  });

  it('gives the HTML of one full parse on generated tables of every shape (fast tables)', () => {
    const r = rng(13);
    const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
    const atoms = ['a', '12', '38 (60.5)', '*x*', '**b**', '`c`', '`c|d`', '\\|', '&amp;', '[l](u)', '<!-- c -->', '<b>x</b>', ' ', '', '*a', 'b*', '\\', '50%', '-', ':', '<http://a.b>', '![i](x.png)'];
    const sp = (): string => pick(['', ' ', ' ', '  ', '\t']);
    const cell = (): string => pick(atoms) + (r() < 0.3 ? pick(atoms) : '');
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
        for (let i = Math.floor(r() * 4); i > 0; i--) rows.push(r() < 0.85 ? row(k + (r() < 0.2 ? 1 : -0)) : pick(['text', '- item', '2. x', '---', '===', '    code', '> q', '# h', '<div>']));
        return rows.join('\n');
      }
      return pick(['Prose 23/38 (60.5%).', 'para\nline two', '- a | b\n- c', '> | a |\n> |---|', '# Head', '```\n| a |\n|---|\n```', '<!-- x -->', 'a | b\n| 1 | 2 |']);
    };
    for (let i = 0; i < 800; i++) {
      const parts: string[] = [];
      for (let k = 1 + Math.floor(r() * 4); k > 0; k--) parts.push(block());
      const text = `# T\n\n${parts.join(pick(['\n\n', '\n\n', '\n']))}\n\n## Next\n\nText 1.\n`;
      const a = analyzeDocument(text, { fileName: 'x.trial.md', cache: createAnalysisCache() });
      assertSameHtml(randomFindings(a, r, 3), JSON.stringify(text));
    }
  });

  it('places marks by the parse’s positions through escapes, references, quotes and code', () => {
    const text = '# T\n\nRisk \\* was &#35;1 &amp; 34% (&copy; &frac12;)\n> quoted 23/38\n> (60.5%) here and `` 7`.`7 `` end.\n';
    const a = analyzeDocument(text, { fileName: 'x.md' });
    const at = (needle: string): Finding => {
      const s = text.indexOf(needle);
      assert.ok(s >= 0, needle);
      return { ruleId: 'TR999', severity: 'error', message: needle, range: a.doc.lines.range(s, s + needle.length) };
    };
    const html = renderReportBody({ ...a, findings: [at('34%'), at('(60.5%)'), at('7`.`7'), at('&frac12;)')] }, OPTIONS);
    const marked = (i: number): string[] => [...html.matchAll(new RegExp(`<mark [^>]*data-finding="${i}"[^>]*>([^<]*)</mark>`, 'g'))].map((m) => m[1]!);
    assert.deepEqual(marked(0), ['34%']);
    assert.deepEqual(marked(1), ['(60.5%)']);
    assert.deepEqual(marked(2), ['7`.`7']);
    assert.deepEqual(marked(3), ['½)']);
  });
});
