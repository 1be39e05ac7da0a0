// The project stands alone: someone who clones it can read every document its code and docs
// cite. So no source file, test or doc may cite a page outside the repository (the format and
// rule catalogues the project started from), every `docs/….md` path named in a comment must
// exist, and every relative link in the Markdown docs must resolve.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers.js';

const root = repoRoot();

/** Files below `dir` (relative to the root) whose names end in one of `exts`. */
function filesUnder(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (exts.some((x) => e.name.endsWith(x))) out.push(r);
    }
  };
  walk(dir);
  return out;
}

const CODE = [...filesUnder('src', ['.ts', '.mjs', '.js']), ...filesUnder('test', ['.ts', '.mjs'])];
const DOCS = ['README.md', ...filesUnder('docs', ['.md']), 'test/real-world/README.md'];
/** The documents outside the repository the project's format and rules were first written in. */
const OUTSIDE = /\b(?:FORMAT|RULES|DESIGN)\.md\b|\.\.\/shared\//;

describe('the project stands alone', () => {
  it('found the files it reads', () => {
    assert.ok(CODE.length > 50, `only ${CODE.length} source and test files found`);
    assert.ok(DOCS.includes('docs/format.md') && DOCS.includes('docs/rules/README.md'));
  });

  it('no source file, test or doc cites a document outside the repository', () => {
    const offenders: string[] = [];
    for (const f of [...CODE, ...DOCS, 'package.json', 'schemas/trial-summary.schema.json']) {
      if (f === 'test/docs/stands-alone.test.ts') continue;
      fs.readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (OUTSIDE.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, []);
  });

  it('every docs/….md page a source file or test names exists', () => {
    const missing: string[] = [];
    for (const f of CODE) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      for (const m of text.matchAll(/\bdocs\/[\w./-]+?\.md\b/g)) {
        if (!fs.existsSync(path.join(root, m[0]))) missing.push(`${f}: ${m[0]}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('every relative link and #anchor in the docs resolves', () => {
    const broken: string[] = [];
    const anchorsOf = (file: string): Set<string> =>
      new Set(
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => /^#{1,6} /.test(l))
          .map((l) =>
            l
              .replace(/^#+ /, '')
              .trim()
              .toLowerCase()
              .replace(/[^\w\- ]/g, '')
              .replace(/ /g, '-'),
          ),
      );
    for (const f of DOCS) {
      const text = fs.readFileSync(path.join(root, f), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/i.test(target)) continue;
        const [file, anchor] = target.split('#') as [string, string | undefined];
        const abs = file === '' ? path.join(root, f) : path.resolve(path.dirname(path.join(root, f)), file);
        if (!fs.existsSync(abs)) {
          broken.push(`${f}: ${target}`);
          continue;
        }
        if (anchor && abs.endsWith('.md') && !anchorsOf(abs).has(anchor)) broken.push(`${f}: ${target} (no such heading)`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
