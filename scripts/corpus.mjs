#!/usr/bin/env node
// Tools for the real-world corpus (test/real-world): number annotations and link figures.
//
//   node scripts/corpus.mjs skeleton REPORT.trial.md   writes REPORT.numbers (every number, kind "?")
//   node scripts/corpus.mjs validate PATH...           front matter (schema) and annotation problems only
//   node scripts/corpus.mjs score [--context] [--wrong] PATH...   link precision and recall, each wrong (and missing) link
//
// `validate` deliberately prints no consistency findings: a report is transcribed from its source,
// never edited to please the checker. The annotation format is described in
// test/real-world/annotations.ts and test/real-world/README.md.
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// Bundled from the TypeScript sources on each run (no build step needed), into a temporary file.
const outfile = join(mkdtempSync(join(tmpdir(), 'trial-corpus-')), 'annotations.cjs');
await esbuild.build({
  entryPoints: [join(root, 'test/real-world/annotations.ts')],
  bundle: true,
  outfile,
  platform: 'node',
  format: 'cjs',
  logLevel: 'error',
  loader: { '.json': 'json' },
});
const lib = createRequire(import.meta.url)(outfile);
rmSync(dirname(outfile), { recursive: true, force: true });
const core = lib;

function reports(paths) {
  const out = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (f.endsWith('.trial.md')) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

const numbersFile = (report) => report.replace(/\.trial\.md$/, '.numbers');
const [cmd, ...args] = process.argv.slice(2);

if (cmd === 'skeleton') {
  for (const r of args) {
    const target = numbersFile(r);
    if (existsSync(target)) {
      console.error(`${target} exists; not overwritten`);
      process.exitCode = 1;
      continue;
    }
    writeFileSync(target, core.skeleton(readFileSync(r, 'utf8')));
    console.log(`wrote ${target}`);
  }
} else if (cmd === 'validate') {
  let bad = 0;
  for (const r of reports(args)) {
    const text = readFileSync(r, 'utf8');
    const problems = [];
    const { findings, model } = core.analyze(text, r);
    for (const f of findings) if (/^TR2/.test(f.ruleId) && f.severity !== 'info') problems.push(`${r}:${f.range.start.line}: ${f.ruleId} ${f.message}`);
    if (!/^---[\s\S]*?\n---\r?\n<!-- source: \S+/.test(text)) problems.push(`${r}: no <!-- source: URL --> right after the front matter`);
    const nf = numbersFile(r);
    if (!existsSync(nf)) problems.push(`${nf}: missing (node scripts/corpus.mjs skeleton ${r})`);
    else {
      const s = core.scoreReport(text, readFileSync(nf, 'utf8'), r);
      for (const p of s.problems) problems.push(`${nf}: ${p}`);
    }
    void model;
    if (problems.length) bad++;
    console.log(problems.length ? problems.join('\n') : `ok ${r}`);
  }
  process.exitCode = bad ? 1 : 0;
} else if (cmd === 'score') {
  const showContext = args.includes('--context');
  const onlyWrong = args.includes('--wrong');
  args.splice(0, args.length, ...args.filter((a) => !a.startsWith('--')));
  const total = { linked: 0, correct: 0, linkable: 0, found: 0 };
  for (const r of reports(args)) {
    const nf = numbersFile(r);
    if (!existsSync(nf)) {
      console.log(`${r}: no annotations`);
      continue;
    }
    const text = readFileSync(r, 'utf8');
    const lines = text.split(/\r\n|\r|\n/);
    const s = core.scoreReport(text, readFileSync(nf, 'utf8'), r);
    const context = (line) => (showContext ? `\n        | ${lines[line - 1]}` : '');
    if (s.problems.length) console.log(`${r}: annotation problems:\n  ${s.problems.join('\n  ')}`);
    for (const n of s.numbers) {
      total.linked += n.linked ? 1 : 0;
      total.correct += n.correct ? 1 : 0;
      total.linkable += n.linkable ? 1 : 0;
      total.found += n.found ? 1 : 0;
      const a = n.annotation;
      const c = n.claim;
      const said = c ? `${c.kind} ${c.arm ?? '-'} ${c.outcome ?? '-'}${c.via ? ` via ${c.via}` : ''}${c.inferred ? ' (inferred)' : ''}` : 'not read';
      if (n.linked && !n.correct) console.log(`  WRONG ${r}:${a.line} ${a.text}: annotated ${a.kind} ${a.arm} ${a.outcome}; checker ${said}${context(a.line)}`);
      else if (n.linkable && !n.found && !onlyWrong) console.log(`  MISS  ${r}:${a.line} ${a.text}: annotated ${a.kind} ${a.arm} ${a.outcome}; checker ${said}${context(a.line)}`);
    }
  }
  const pr = total.linked ? total.correct / total.linked : 1;
  const rc = total.linkable ? total.found / total.linkable : 1;
  console.log(`link precision ${total.correct}/${total.linked} = ${pr.toFixed(3)}; link recall ${total.found}/${total.linkable} = ${rc.toFixed(3)}`);
} else {
  console.error('usage: node scripts/corpus.mjs skeleton|validate|score PATH...');
  process.exitCode = 2;
}
