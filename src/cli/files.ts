import * as path from 'node:path';
import picomatch from 'picomatch';
import { describeFsError } from '../host/fs-errors.js';
import type { CliIo } from './io.js';

export interface Target {
  /** As shown to the user: relative to the working directory when below it. */
  display: string;
  abs: string;
  /** True when named explicitly: checked even if it turns out not to be a trial summary. */
  explicit: boolean;
}

const GLOB_CHARS = /[*?[\]{}]/;
const MARKDOWN = /\.(md|markdown)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** A cheap look at the front matter: a top-level `trial:` key makes a Markdown file a summary. */
export function looksLikeTrialSummary(name: string, head: string): boolean {
  if (/\.trial\.md$/i.test(name)) return true;
  if (!/^\uFEFF?---\r?\n/.test(head)) return false;
  const end = head.search(/\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/);
  const fm = end < 0 ? head : head.slice(0, end);
  return /^trial[ \t]*:/m.test(fm);
}

/**
 * Expands the CLI's PATH|GLOB arguments: files as given, directories and globs to trial
 * summaries. A bad argument is an error message; the others are still checked.
 */
export function expandTargets(args: string[], io: CliIo): { targets: Target[]; errors: string[] } {
  const errors: string[] = [];
  const cwd = io.cwd();
  const seen = new Set<string>();
  const out: Target[] = [];
  const add = (abs: string, explicit: boolean): void => {
    let key = abs;
    try {
      key = io.realpath(abs);
    } catch {
      // Unreadable paths are reported when read.
    }
    if (seen.has(key)) return;
    seen.add(key);
    const rel = path.relative(cwd, abs);
    out.push({ display: rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs, abs, explicit });
  };
  const isSummary = (abs: string): boolean => {
    if (/\.trial\.md$/i.test(abs)) return true;
    try {
      const head = new TextDecoder().decode(io.readFile(abs).subarray(0, 64 * 1024));
      return looksLikeTrialSummary(abs, head);
    } catch {
      return false;
    }
  };

  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    if (GLOB_CHARS.test(arg)) {
      const { base, glob } = picomatch.scan(arg);
      const root = path.resolve(cwd, base || '.');
      const match = picomatch(glob, { dot: false });
      const found = walk(root, io).filter((f) => match(path.relative(root, f).split(path.sep).join('/')));
      const summaries = found.filter((f) => MARKDOWN.test(f) && isSummary(f));
      if (summaries.length === 0) errors.push(`no trial summaries match ${arg}`);
      for (const f of summaries) add(f, false);
      continue;
    }
    let st;
    try {
      st = io.stat(abs);
    } catch (e) {
      errors.push(`cannot read ${arg}: ${describeFsError(e)}`);
      continue;
    }
    if (st.isDirectory()) {
      for (const f of walk(abs, io)) if (MARKDOWN.test(f) && isSummary(f)) add(f, false);
    } else {
      add(abs, true);
    }
  }
  return { targets: out, errors };
}

/**
 * Every file below `root`, sorted, following no directory twice (symlink loops end here). A
 * symlink is followed only to a target inside `root`: the CLI reads only the paths it is given.
 */
function walk(root: string, io: CliIo): string[] {
  const files: string[] = [];
  const visited = new Set<string>();
  let rootReal: string;
  try {
    rootReal = io.realpath(root);
  } catch {
    return files;
  }
  const inside = (p: string): boolean => {
    try {
      const real = io.realpath(p);
      return real === rootReal || real.startsWith(rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep);
    } catch {
      return false;
    }
  };
  const visit = (dir: string): void => {
    let real: string;
    try {
      real = io.realpath(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let names: string[];
    try {
      names = io.readdir(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (SKIP_DIRS.has(name)) continue;
      const p = path.join(dir, name);
      if (!inside(p)) continue;
      let st;
      try {
        st = io.stat(p);
      } catch {
        continue; // a dangling link or unreadable entry below a directory is not the user's target
      }
      if (st.isDirectory()) {
        if (!name.startsWith('.')) visit(p);
      } else if (st.isFile()) files.push(p);
    }
  };
  visit(root);
  return files;
}
