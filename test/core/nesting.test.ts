// Bugs F13 (deeply nested containers) and F15 (long emphasis runs): the same-length rewrite of
// src/core/tame.ts bounds what micromark sees. Asserted structurally (the rewrite keeps every
// offset; no container or emphasis deeper than the caps reaches the tree), never by the clock;
// `npm run stress` prints the timings.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../src/core/check.js';
import { checkDocument, type Finding } from '../../src/core/index.js';
import { createAnalysisCache } from '../../src/core/incremental.js';
import { LONG_LINE, MAX_CLOSERS_LONG_LINE, MAX_CONTAINER_COLUMN, MAX_DELIMITER_RUNS, MAX_NESTED_ITEMS, tame } from '../../src/core/tame.js';
import { checkInvariants } from '../fuzz/invariants.js';
import { PATHOLOGICAL } from '../fuzz/pathological.js';
import { fixturesDir, repoRoot } from '../helpers.js';

/** Front matter with numbers that draw findings (TR101: 10 randomized, arms add up to 9). */
const HEAD = '---\ntrial:\n  title: T\n  randomized: 10\narms:\n  - id: a\n    label: A\n    randomized: 9\n---\n';
const o = { fileName: 'x.trial.md' };

/** Deepest chain of block containers, and of emphasis, in an mdast (iteratively: it may be deep). */
function depths(tree: unknown): { containers: number; emphasis: number } {
  type N = { type: string; children?: N[] };
  let containers = 0;
  let emphasis = 0;
  const stack: [N, number, number][] = [[tree as N, 0, 0]];
  while (stack.length) {
    const [n, c, e] = stack.pop()!;
    const c2 = c + (n.type === 'blockquote' || n.type === 'listItem' ? 1 : 0);
    const e2 = e + (n.type === 'emphasis' || n.type === 'strong' ? 1 : 0);
    containers = Math.max(containers, c2);
    emphasis = Math.max(emphasis, e2);
    for (const k of n.children ?? []) stack.push([k, c2, e2]);
  }
  return { containers, emphasis };
}

const inFrontMatter = (f: Finding): boolean => f.range.end.line <= HEAD.split('\n').length - 1;
// A fix that inserts a missing section lands at the body's end, which differs between documents.
const strip = (fs: Finding[]): string => JSON.stringify(fs.filter(inFrontMatter).map(({ fixes: _fixes, ...f }) => f));

describe('nesting and delimiter caps (F13, F15)', function () {
  this.timeout(120_000);
  const control = checkDocument(`${HEAD}\nIn A, 23/38 (60%) responded.\n`, o).findings;

  for (const [name, body] of Object.entries(PATHOLOGICAL)) {
    it(`${name}: no throw, ranges inside, deterministic, same front-matter findings, bounded depth`, () => {
      const text = `${HEAD}\n${body}`;
      assert.deepEqual(checkInvariants(text, o, undefined, false), [], name);
      const { findings, doc } = analyzeDocument(text, o);
      assert.equal(strip(findings), strip(control), 'front-matter findings differ from the control document');
      assert.ok(control.some(inFrontMatter), 'the control has front-matter findings to compare');
      const tamed = tame(text);
      assert.equal(tamed.length, text.length, 'the rewrite keeps the length');
      const d = depths(doc.tree);
      assert.ok(d.containers <= MAX_CONTAINER_COLUMN, `${d.containers} nested containers`);
      assert.ok(d.emphasis <= MAX_DELIMITER_RUNS / 2, `${d.emphasis} nested emphasis`);
    });
  }

  it('no line of a rewritten document keeps a container marker at or past the cap', () => {
    const marker = /(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/y;
    for (const body of Object.values(PATHOLOGICAL)) {
      for (const line of tame(body).split(/\r\n|\r|\n/)) {
        let col = 0;
        for (let i = 0; i < line.length; i++) {
          if (line[i] === ' ') col++;
          else if (line[i] === '\t') col += 4 - (col % 4);
          else {
            marker.lastIndex = i;
            const m = marker.exec(line);
            if (!m) break;
            assert.ok(col < MAX_CONTAINER_COLUMN, `a marker at column ${col}: ${line.slice(0, 60)}`);
            col += m[0].length;
            i += m[0].length - 1;
          }
        }
      }
    }
  });

  it('only the excess changes: markers become spaces, delimiters look-alikes, offsets stay', () => {
    const deep = `${'>'.repeat(150)} 60% of 38`;
    assert.equal(tame(deep), `${'>'.repeat(MAX_CONTAINER_COLUMN)}${' '.repeat(50)} 60% of 38`);
    const runs = `${'*a* '.repeat(MAX_DELIMITER_RUNS / 2)}*b* _c_ **d**`;
    assert.ok(tame(runs) === `${'*a* '.repeat(MAX_DELIMITER_RUNS / 2)}\u2217b\u2217 \uff3fc\uff3f \u2217\u2217d\u2217\u2217`, 'runs past the cap become look-alikes');
    // A blank line starts the count again; front matter is never rewritten.
    const twice = `${'*a* '.repeat(MAX_DELIMITER_RUNS / 2)}\n\n*b*`;
    assert.ok(tame(twice) === twice, 'a blank line resets the count');
    // On a line longer than LONG_LINE: `]` and tag-opening `<` past MAX_CLOSERS_LONG_LINE; `p < 0.05` never.
    const long = `${'[a](<b '.repeat(Math.ceil(LONG_LINE / 7))}p < 0.05`;
    const tamed = tame(long);
    assert.equal(tamed.length, long.length);
    assert.equal([...tamed].filter((c) => c === ']').length, MAX_CLOSERS_LONG_LINE);
    assert.equal([...tamed].filter((c) => c === '<').length, MAX_CLOSERS_LONG_LINE + 1, 'the kept openers and the `<` of `p < 0.05`');
    assert.ok(tamed.endsWith('p < 0.05'));
    const short = '[a](<b '.repeat(900);
    assert.ok(short.length < LONG_LINE && tame(short) === short, 'a line within LONG_LINE keeps its 900 links');
    // Nested list items past MAX_NESTED_ITEMS in one list; a column-0 paragraph after a blank line starts a new count.
    const items = '- a\n  - b\n   1. c\n'.repeat(MAX_NESTED_ITEMS);
    const listed = tame(items);
    assert.equal(listed.length, items.length);
    assert.equal((listed.match(/^ {2}- b$/gm) ?? []).length + (listed.match(/^ {3}1\. c$/gm) ?? []).length, MAX_NESTED_ITEMS);
    assert.equal((listed.match(/^- a$/gm) ?? []).length, MAX_NESTED_ITEMS, 'top-level items are never rewritten');
    assert.ok(listed.includes('  \u2010 b') && listed.includes('   1\uff0e c'));
    const two = `${items}\nText.\n\n${'- a\n  - b\n'.repeat(10)}`;
    assert.ok(tame(two).endsWith('- a\n  - b\n'.repeat(10)), 'a new list counts from zero');
    const yaml = `---\nx: ${'*a_ '.repeat(3 * MAX_DELIMITER_RUNS)}\ny:\n${'  '.repeat(120)}- 1\n---\n`;
    assert.ok(tame(yaml) === yaml, 'front matter is never rewritten');
  });

  it('leaves every fixture, example and rule fixture unchanged (a normal report parses as before)', () => {
    const dirs = [fixturesDir(), path.join(fixturesDir(), 'rules'), path.join(repoRoot(), 'examples')];
    let n = 0;
    for (const dir of dirs) {
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir)) {
        if (!f.endsWith('.md')) continue;
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        assert.equal(tame(text), text, f);
        n++;
      }
    }
    assert.ok(n > 10, `${n} documents`);
  });

  it('a chunked (cached) check of pathological sections equals the uncached check', () => {
    const text = `${HEAD}\n${Object.values(PATHOLOGICAL)
      .slice(0, 9)
      .map((b, i) => `## Part ${i}\n\n${b}`)
      .join('\n')}`;
    const cache = createAnalysisCache();
    const cached = analyzeDocument(text, { ...o, cache });
    assert.ok((cached.doc.chunks?.length ?? 0) > 5, 'the document was split into chunks');
    const plain = analyzeDocument(text, o);
    assert.deepEqual(JSON.stringify(cached.findings), JSON.stringify(plain.findings));
    assert.deepEqual(JSON.stringify(cached.model.paragraphs), JSON.stringify(plain.model.paragraphs));
  });
});
