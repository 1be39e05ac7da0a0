// The plain-YAML reader (src/core/yaml-plain.ts) must give exactly what the `yaml` package gives,
// data and every node span, whenever it reads a front matter at all; and it must read the front
// matter writers actually write, or it saves nothing. Checked on every front matter in the
// repository (fixtures, real reports, examples, bench documents) and on mutations of them.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFrontMatter } from '../../src/core/frontmatter.js';
import { LineIndex } from '../../src/core/lines.js';
import { readPlainYaml } from '../../src/core/yaml-plain.js';
import { fixturesDir, repoRoot, seededRandom } from '../helpers.js';
// @ts-expect-error plain JavaScript module without declarations
import { generateDenseReport, generateReport } from '../../bench/generate.mjs';
// @ts-expect-error plain JavaScript module without declarations
import { generateContinuousReport } from '../../bench/generate-continuous.mjs';

/** The text between a document's front-matter fences, or undefined. */
function frontMatterOf(doc: string): string | undefined {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(doc);
  return m ? m[1] : undefined;
}

function frontMatters(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const f of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.name.endsWith('.md')) {
        const fm = frontMatterOf(fs.readFileSync(p, 'utf8'));
        if (fm !== undefined) out.push([path.relative(repoRoot(), p), fm]);
      }
    }
  };
  walk(fixturesDir());
  walk(path.join(repoRoot(), 'test', 'real-world'));
  walk(path.join(repoRoot(), 'examples'));
  for (const [name, make] of [['bench report', generateReport], ['bench dense report', generateDenseReport], ['bench continuous report', generateContinuousReport]] as const) {
    out.push([name, frontMatterOf((make as (n: number) => string)(200))!]);
  }
  return out;
}

/** Both readers on one text: the plain reader's result (or undefined) and the full parser's. */
function both(yaml: string, offset = 4): { plain: ReturnType<typeof readPlainYaml>; full: ReturnType<typeof parseFrontMatter> } {
  const lines = new LineIndex('---\n' + yaml + '\n---\n');
  return { plain: readPlainYaml(yaml, offset), full: parseFrontMatter(yaml, offset, lines, { plain: false }) };
}

/** Asserts that the plain reader, where it reads `yaml`, agrees with the full parser exactly. */
function agrees(yaml: string, what: string): boolean {
  const { plain, full } = both(yaml);
  if (!plain) return false;
  assert.deepEqual(full.errors, [], `${what}: the plain reader read a front matter the full parser rejects:\n${yaml}`);
  assert.deepStrictEqual(plain.data, full.data, `${what}: data differs:\n${yaml}`);
  assert.deepStrictEqual([...plain.spans], [...full.spans], `${what}: spans differ:\n${yaml}`);
  return true;
}

const ALPHABET = [' ', ' ', '  ', '\n', '\n  ', '-', '- ', ':', ': ', '#', ' #', '[', ']', '{', '}', ',', ', ', '"', "'", "''", 'a', 'Z', '1', '0', '.', '-1', '1e3', '~', 'null', 'true', '|', '>', '&', '*', '!', '?', '%', '@', '`', '\t', '\\', '\r', '0x1', '.inf', '__proto__'];

function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const op = r();
  if (op < 0.3 && text.length) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  if (op < 0.45) {
    // Indent or dedent a line, or duplicate it (a duplicate key).
    const lines = text.split('\n');
    const i = Math.floor(r() * lines.length);
    const k = r();
    if (k < 0.35) lines[i] = '  ' + lines[i];
    else if (k < 0.7) lines[i] = lines[i]!.replace(/^ {1,2}/, '');
    else lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  }
  const s = ALPHABET[Math.floor(r() * ALPHABET.length)]!;
  return op < 0.75 ? text.slice(0, at) + s + text.slice(at) : text.slice(0, at) + s + text.slice(at + 1);
}

describe('plain YAML reader', () => {
  it('reads every front matter in the repository exactly as the yaml package does', () => {
    const all = frontMatters();
    const read = all.filter(([name, yaml]) => agrees(yaml, name)).map(([name]) => name);
    const missed = all.map(([name]) => name).filter((n) => !read.includes(n));
    // It must carry the load: the examples, the bench documents and most real reports.
    for (const name of all.map(([n]) => n).filter((n) => n.startsWith('examples') || n.startsWith('bench'))) assert.ok(read.includes(name), `${name} is read by the plain reader`);
    const real = all.filter(([n]) => n.startsWith(path.join('test', 'real-world'))).map(([n]) => n);
    const realRead = real.filter((n) => read.includes(n)).length;
    assert.ok(real.length >= 50 && realRead / real.length >= 0.9, `real reports read: ${realRead}/${real.length}; missed: ${missed.join(', ')}`);
    console.log(`      plain YAML reader: ${read.length}/${all.length} front matters read (real reports ${realRead}/${real.length})`);
  });

  it('agrees with the yaml package on thousands of mutated front matters', () => {
    const r = seededRandom(2026);
    const seeds = frontMatters().filter(([n]) => n.startsWith('examples') || n.startsWith('bench') || n.includes('real-world'));
    let tried = 0;
    let read = 0;
    for (const [name, yaml] of seeds) {
      for (let i = 0; i < 60; i++) {
        let text = yaml;
        const edits = 1 + Math.floor(r() * 3);
        for (let e = 0; e < edits; e++) text = mutate(text, r);
        tried++;
        if (agrees(text, `${name}, mutation ${i}`)) read++;
      }
    }
    // Enough of the mutations stay in the subset for the comparison to mean something.
    assert.ok(read / tried > 0.25, `${read}/${tried} mutations read`);
    console.log(`      plain YAML reader: ${read}/${tried} mutated front matters read, each equal to the yaml package's`);
  });

  it('agrees with the yaml package on generated documents of every shape it reads', () => {
    // Random nestings of what the reader reads (and a little it leaves alone): mappings and
    // sequences at varying indentation, compact `- key:` entries, empty values, one-line flow
    // collections, quoted and plain scalars, block scalars, comments and blank lines anywhere.
    const r = seededRandom(15);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const scalars = ['1', '-2.5', '0', '007', '1e3', 'x', 'two words', 'a-b', '"q: x"', "'it''s'", '~', 'null', 'true', 'no', '10:30', '<0.001', '"[a]"', 'ré', 'x#y', '.5', '[1, 2]', '[a, "b", -3]', '{ a: 1, b: [2, 3] }', '{}', '[]', '{ n: null }'];
    const keys = ['id', 'n', 'label', 'events', 'a b', 'x_1', 'p.value', 'K'];
    const comment = (): string => (r() < 0.15 ? ` # ${pick(['c', 'note: x', '#'])}` : '');
    const filler = (indent: string): string => (r() < 0.1 ? '\n' : r() < 0.08 ? `${indent}# ${pick(['x', 'a: b'])}\n` : '');
    const value = (indent: string, depth: number): string => {
      const k = r();
      if (depth < 4 && k < 0.25) return '\n' + mapping(indent + pick(['  ', '    ', ' ']), depth + 1);
      if (depth < 4 && k < 0.4) return '\n' + sequence(r() < 0.3 ? indent : indent + '  ', depth + 1);
      if (k < 0.46) return ' ' + pick(['|', '|-', '>', '>-']) + '\n' + Array.from({ length: 1 + Math.floor(r() * 3) }, () => `${indent}  ${pick(['text', 'a: b', '# not a comment', 'x  y'])}`).join('\n') + '\n';
      if (k < 0.5) return '\n';
      return ' ' + pick(scalars) + comment() + '\n';
    };
    const mapping = (indent: string, depth: number): string => {
      const used = new Set<string>();
      let out = '';
      for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) {
        const key = pick(keys);
        if (used.has(key) && r() < 0.9) continue;
        used.add(key);
        out += filler(indent) + `${indent}${key}:${value(indent, depth)}`;
      }
      return out || `${indent}k: 1\n`;
    };
    const sequence = (indent: string, depth: number): string => {
      let out = '';
      for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) {
        out += filler(indent);
        if (depth < 4 && r() < 0.4) {
          const body = mapping(indent + '  ', depth + 1);
          out += `${indent}- ${body.slice(indent.length + 2)}`;
        } else out += `${indent}-${value(indent, depth)}`;
      }
      return out;
    };
    let read = 0;
    const tried = 3000;
    for (let i = 0; i < tried; i++) {
      let text = mapping('', 0);
      if (r() < 0.3) text = text.replace(/\n$/, '');
      if (agrees(text, `generated document ${i}`)) read++;
    }
    assert.ok(read / tried > 0.3, `${read}/${tried} generated documents read`);
    console.log(`      plain YAML reader: ${read}/${tried} generated documents read, each equal to the yaml package's`);
  });

  it('reads scalars as the core schema does, and leaves the forms it does not read to the full parser', () => {
    const cases: [string, unknown][] = [
      ['a: 007', 7],
      ['a: -0', -0],
      ['a: +5', 5],
      ['a: 1e3', 1000],
      ['a: .5', 0.5],
      ['a: 1.', 1],
      ['a: -4.8', -4.8],
      ['a: ~', null],
      ['a: Null', null],
      ['a: TRUE', true],
      ['a: yes', 'yes'],
      ['a: 2024-01-15', '2024-01-15'],
      ['a: 10:30', '10:30'],
      ['a: "<0.001"', '<0.001'],
      ["a: 'it''s'", "it's"],
      ['a: x # note', 'x'],
      ['a: x#y', 'x#y'],
      ['a:', null],
      ['a: |\n  x\n  # y', 'x\n# y\n'],
      ['a: >-\n  p\n  q\nb: 1', 'p q'],
      ['a: |-\n  p\n\n  q\n', 'p\n\nq'],
    ];
    for (const [yaml, value] of cases) {
      assert.ok(agrees(yaml, yaml), `${yaml} is read`);
      assert.deepStrictEqual((readPlainYaml(yaml)!.data as { a: unknown }).a, value, yaml);
    }
    for (const yaml of ['a: 0x1F', 'a: .inf', 'a: 99999999999999999999', 'a: &x 1', 'a: !!str 1', 'a: |+\n  x', 'a: >\n  p\n\n  q', 'a: >\n  p\n    q', 'a: "x\\ty"', 'a: x\n  y', 'a: 1\na: 2', 'a: [1, 2,]', 'a:\tb', '"a": 1', 'a: b: c', '__proto__: 1', '- a\n- b: c\n  - d']) {
      assert.equal(readPlainYaml(yaml), undefined, `${JSON.stringify(yaml)} is left to the full parser`);
      // ...which reads it (or reports its error) as before.
      both(yaml);
    }
  });
});
