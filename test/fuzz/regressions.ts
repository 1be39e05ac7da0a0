// Saved fuzz cases: one JSON file per failing document, written by the campaign (`npm run fuzz`)
// and replayed by fuzz.test.ts.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckOptions } from '../../src/core/index.js';

export interface Regression {
  /** What broke, in one line. */
  title: string;
  text: string;
  options: CheckOptions;
  /** True until the bug is fixed: the CI replay skips it (and says so). */
  pending: boolean;
  /** How it was found: generator, seed and fast-check path, and the full problem list. */
  found?: { property: string; seed: number; path?: string; problems: string[]; date: string };
}

export function loadRegressions(dir: string): (Regression & { file: string })[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ ...(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Regression), file }));
}

/** Saves a case under a name derived from its content (saving the same case twice is a no-op). */
export function saveRegression(dir: string, r: Regression): string {
  fs.mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(r.text).update(JSON.stringify(r.options)).digest('hex').slice(0, 12);
  const file = path.join(dir, `${r.found?.property ?? 'case'}-${hash}.json`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
  return file;
}
