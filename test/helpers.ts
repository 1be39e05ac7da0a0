// Shared by the unit tests: fixture paths and inline expectations.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from the bundled test file (out/test/...) or the working directory. */
export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'fixtures'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export const fixturesDir = (): string => path.join(repoRoot(), 'test', 'fixtures');

/**
 * Inline expectations, markdownlint-style: `<!-- expect TR104 -->` in the body or `# expect
 * TR104` in the YAML marks its own line; several ids mark several findings. Returns sorted
 * "line:ruleId" strings, so a test compares the exact multiset.
 */
export function expectations(text: string): string[] {
  const out: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const re = /(?:<!--|#)\s*expect((?:\s+TR\d{3})+)/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      for (const id of m[1]!.trim().split(/\s+/)) out.push(`${i + 1}:${id}`);
    }
  });
  return out.sort();
}

export function actual(findings: { ruleId: string; range: { start: { line: number } } }[]): string[] {
  return findings.map((f) => `${f.range.start.line}:${f.ruleId}`).sort();
}

/** Deterministic pseudo-random numbers (mulberry32): a test that fails must fail again. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
