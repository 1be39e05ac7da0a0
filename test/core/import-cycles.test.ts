// The core's modules form no import cycle (type-only imports included): a cycle makes load order
// matter and ties modules that should be testable alone. Found once through `types.ts` importing
// the cache class; the cache is now an interface there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers.js';

/** Every relative import of every `.ts` file below `dir`, as repository-relative paths. */
function importGraph(dir: string): Map<string, string[]> {
  const root = repoRoot();
  const graph = new Map<string, string[]>();
  const walk = (abs: string): void => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const p = path.join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const text = fs.readFileSync(p, 'utf8');
        const deps: string[] = [];
        for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gm)) {
          const target = path.resolve(path.dirname(p), m[1]!).replace(/\.js$/, '.ts');
          if (fs.existsSync(target)) deps.push(path.relative(root, target));
        }
        graph.set(path.relative(root, p), deps);
      }
    }
  };
  walk(path.join(root, dir));
  return graph;
}

/** One cycle per back edge a depth-first walk meets. */
function cycles(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    done.add(n);
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      const at = stack.indexOf(d);
      if (at >= 0) out.push([...stack.slice(at), d].join(' → '));
      else if (!done.has(d)) visit(d);
    }
    stack.pop();
  };
  for (const n of graph.keys()) if (!done.has(n)) visit(n);
  return out;
}

describe('src/core imports', () => {
  it('reads the whole core', () => {
    const graph = importGraph('src/core');
    assert.ok(graph.size > 40, `only ${graph.size} modules`);
    assert.ok((graph.get(path.join('src', 'core', 'check.ts')) ?? []).length > 5);
  });

  it('form no cycle', () => {
    assert.deepEqual(cycles(importGraph('src/core')), []);
  });

  it('the check finds a cycle when there is one', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    assert.deepEqual(cycles(g), ['a → b → c → a']);
  });
});
