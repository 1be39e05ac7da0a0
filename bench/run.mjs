// `npm run bench`: times trial-report against its peers on generated reports of about 100, 1,000
// and 10,000 lines, in one process, and checks the targets of issue 7.
//
//   node --expose-gc bench/run.mjs [--json FILE] [--quick] [--no-memory] [--no-package]
//
// Timed on the same documents: our full check (parse, schema, all rules; no cache); our re-check
// after a one-character edit in the middle (with the per-document cache the extension keeps);
// the preview's update after such an edit (that re-check, then the report's HTML from it, as
// src/extension/preview.ts does for the webview's `update` message);
// markdownlint's `lint` with its default rules; remark + remark-frontmatter + remark-gfm +
// remark-lint-frontmatter-schema (validating against our bundled schema); and a bare
// mdast-util-from-markdown parse, the floor for any tool built on micromark. And our full check and
// re-check of a report of the same size whose outcomes are continuous, time-to-event and rates
// with the 1.1 flow (generate-continuous.mjs), compared per line with the binary report; our full
// check and markdownlint on a denser report (every block a paragraph, a table, a list and a link);
// and, over a real stdio connection to `trial-report lsp --stdio`, the time from a one-character
// edit to its diagnostics (bench/lsp-latency.mjs) on the 10,000-line report.
// Medians over repeated runs after warm-up. The checker is the bundle in dist/ (run
// `node esbuild.mjs --production` first; `npm run bench` does).
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDenseReport, generateReport } from './generate.mjs';
import { lspEditLatency, percentile } from './lsp-latency.mjs';
import { generateContinuousReport } from './generate-continuous.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? (args[jsonAt + 1] && !args[jsonAt + 1].startsWith('--') ? args[jsonAt + 1] : 'bench/results.json') : undefined;
const quick = args.includes('--quick');
const withMemory = !args.includes('--no-memory');
const withPackage = !args.includes('--no-package');

const core = require(join(root, 'dist/core.js'));
// The extension's checker bundle, which runs as its language server: the checker and the preview renderer.
const extensionCore = require(join(root, 'dist/extension-core.js'));
const { lint } = await import('markdownlint/sync');
const { remark } = await import('remark');
const remarkFrontmatter = (await import('remark-frontmatter')).default;
const remarkGfm = (await import('remark-gfm')).default;
const frontmatterSchema = (await import('remark-lint-frontmatter-schema')).default;
const { fromMarkdown } = await import('mdast-util-from-markdown');

const gc = typeof globalThis.gc === 'function' ? globalThis.gc : undefined;
if (!gc) console.warn('note: run with node --expose-gc for the memory figure and steadier timings');

// remark-lint-frontmatter-schema compiles with ajv's draft-07 class: give it our schema without
// the 2020-12 `$schema` (the keywords it uses are the same).
const peerSchema = { ...core.BUNDLED_SCHEMA };
delete peerSchema.$schema;
const remarkProcessor = remark().use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(frontmatterSchema, { embed: peerSchema });

const SIZES = [100, 1000, 10000];
const RUNS = quick ? { 100: 15, 1000: 7, 10000: 3 } : { 100: 60, 1000: 25, 10000: 9 };
const WARM = quick ? 2 : 4;
const options = { fileName: 'bench.trial.md' };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of `fn` over `runs` runs after WARM warm-up runs (`fn` gets the run's index). */
async function time(runs, fn) {
  return (await timeInterleaved(runs, [fn]))[0];
}

/** Medians of `fns` timed in turn, run after run, so that a change of load hits them alike. */
async function timeInterleaved(runs, fns) {
  for (let i = 0; i < WARM; i++) for (const fn of fns) await fn(i);
  gc?.();
  const xs = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const t0 = performance.now();
      await fn(WARM + i);
      xs[k].push(performance.now() - t0);
    }
  }
  return xs.map(median);
}

/** Where a one-character edit goes: the middle of the middle line that has prose on it. */
function middleOffset(text) {
  const mid = text.length >> 1;
  const lineStart = text.lastIndexOf('\n', mid) + 1;
  // Move to a prose line (not a table row, list item or heading).
  let s = lineStart;
  while (s < text.length && /^[|#\-\n]/.test(text[s])) s = text.indexOf('\n', s) + 1;
  const e = text.indexOf('\n', s);
  return s + ((e - s) >> 1);
}

/** The i-th edit: one character inserted (even i) or a different one (odd i) at `at`. */
function edited(text, at, i) {
  return text.slice(0, at) + 'xyzw'[i % 4] + text.slice(at);
}

const results = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, sizes: [] };

for (const target of SIZES) {
  const text = generateReport(target);
  const lines = text.split('\n').length;
  const runs = RUNS[target];
  const at = middleOffset(text);
  const fresh = core.analyzeDocument(text, options);
  if (fresh.findings.some((f) => f.severity === 'error')) console.warn(`note: the ${lines}-line report has error findings: ${fresh.findings.map((f) => f.ruleId).join(', ')}`);

  // Timed in turn with markdownlint, run after run, so neither is measured in a colder process or
  // under another load (timed one after the other, whichever ran first at 100 lines paid for the
  // process's first JIT compilations: ours 1.5× markdownlint, against 1.05× in turn).
  const [full, markdownlint] = await timeInterleaved(runs, [() => core.analyzeDocument(text, options), () => lint({ strings: { doc: text } })]);
  const cache = core.createAnalysisCache();
  core.analyzeDocument(text, { ...options, cache });
  const recheck = await time(runs, (i) => core.analyzeDocument(edited(text, at, i), { ...options, cache }));
  // The preview's update: the re-check through the document's cache, then the webview's HTML.
  const previewCache = extensionCore.createAnalysisCache();
  const previewUpdate = (t, version) => extensionCore.renderReportBody(extensionCore.analyzeDocument(t, { ...options, cache: previewCache }), { mode: 'webview', version, title: 'bench.trial.md' });
  previewUpdate(text, 0);
  const preview = await time(runs, (i) => previewUpdate(edited(text, at, i), i + 1));
  const remarkTime = await time(runs, () => remarkProcessor.process({ value: text, path: 'bench.md' }));
  const mdast = await time(runs, () => fromMarkdown(text));
  // The continuous report: full check and re-check, per line against the binary report's.
  const ctext = generateContinuousReport(target);
  const clines = ctext.split('\n').length;
  const cfresh = core.analyzeDocument(ctext, options);
  if (cfresh.findings.length) console.warn(`note: the ${clines}-line continuous report has findings: ${cfresh.findings.map((f) => f.ruleId).join(', ')}`);
  const cat = middleOffset(ctext);
  // Timed in turn with the binary report's full check, for a per-line comparison under one load.
  const [binaryFull, continuousFull] = await timeInterleaved(runs, [() => core.analyzeDocument(text, options), () => core.analyzeDocument(ctext, options)]);
  const ccache = core.createAnalysisCache();
  core.analyzeDocument(ctext, { ...options, cache: ccache });
  const continuousRecheck = await time(runs, (i) => core.analyzeDocument(edited(ctext, cat, i), { ...options, cache: ccache }));
  // The dense report: our full check against markdownlint on the same text.
  const dtext = generateDenseReport(target);
  const dlines = dtext.split('\n').length;
  if (core.analyzeDocument(dtext, options).findings.length) console.warn(`note: the ${dlines}-line dense report has findings`);
  const [denseFull, denseMarkdownlint] = await timeInterleaved(runs, [() => core.analyzeDocument(dtext, options), () => lint({ strings: { doc: dtext } })]);
  results.sizes.push({ target, lines, continuousLines: clines, denseLines: dlines, ms: { full, recheck, preview, markdownlint, remark: remarkTime, fromMarkdown: mdast, binaryFull, continuousFull, continuousRecheck, denseFull, denseMarkdownlint } });
}

// Warm: the ~100-line report once V8 has optimised both checkers (hundreds of runs of each, in
// turn). For information: at this size the usual 60 runs are mostly warm-up, and the target above
// is on those.
{
  const text = generateReport(100);
  const n = quick ? 60 : 400;
  const [full, markdownlint] = await timeInterleaved(n, [() => core.analyzeDocument(text, options), () => lint({ strings: { doc: text } })]);
  results.warmSmall = { lines: text.split('\n').length, runs: n, full, markdownlint };
}

// Sanity: the peers really ran (markdownlint found something, remark validated the schema).
{
  const file = await remarkProcessor.process({ value: generateReport(100).replace('randomized: 360', 'randomized: many'), path: 'bench.md' });
  results.peerSchemaCheck = file.messages.map((m) => String(m.reason).split('\n')[0]).slice(0, 2);
}

// The language server over stdio: edit → diagnostics of that version, 200 successive edits.
{
  const text = generateReport(10000);
  results.lsp = await lspEditLatency(root, text, middleOffset(text), { edits: quick ? 50 : 200 });
}

// Memory: 1,000 successive edits of the 10,000-line report through one cache.
if (withMemory && gc) {
  const text = generateReport(10000);
  const at = middleOffset(text);
  const cache = core.createAnalysisCache();
  let last = core.analyzeDocument(text, { ...options, cache });
  for (let i = 0; i < 20; i++) last = core.analyzeDocument(edited(text, at, i), { ...options, cache });
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const EDITS = quick ? 200 : 1000;
  const each = [];
  for (let i = 0; i < EDITS; i++) {
    // Successive edits as a writer types: each one builds on the last, so every chunk after the
    // edit moves by one more character each time (the re-check above reuses them where they are).
    const pos = at + (i % 200);
    const next = last.doc.text.slice(0, pos) + 'abcdefgh'[i % 8] + last.doc.text.slice(pos);
    const e0 = performance.now();
    last = core.analyzeDocument(next, { ...options, cache });
    each.push(performance.now() - e0);
  }
  const editMs = (performance.now() - t0) / EDITS;
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  results.memory = { edits: EDITS, heapBeforeMB: before / 2 ** 20, heapAfterMB: after / 2 ** 20, growth: after / before - 1, meanEditMs: editMs, medianEditMs: percentile(each, 0.5), p95EditMs: percentile(each, 0.95) };
}

// Sizes of what ships: the extension's three bundles as `npm run package` builds them (minified,
// built here in memory so a development build in dist/ does not skew them): the glue activation
// loads, the language client loaded just after, and the checker the language server's process
// runs; and the VSIX.
{
  const esbuild = await import('esbuild');
  const { extensionBuild, extensionClientBuild, extensionCoreBuild } = await import('../esbuild.mjs');
  const prev = process.cwd();
  process.chdir(root);
  const kb = async (options) => (await esbuild.build({ ...options, write: false, logLevel: 'error' })).outputFiles.find((f) => f.path.endsWith('.js')).contents.length / 1024;
  const [extensionKB, clientKB, coreKB] = [await kb(extensionBuild(true)), await kb(extensionClientBuild(true)), await kb(extensionCoreBuild(true))];
  process.chdir(prev);
  const ext = join(root, 'dist/extension.js');
  const vsix = join(root, 'trial-report.vsix');
  if (withPackage && (!existsSync(vsix) || (existsSync(ext) && statSync(vsix).mtimeMs < statSync(ext).mtimeMs))) {
    console.error('building the VSIX (npm run package)…');
    execSync('npm run package', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  results.bundle = { extensionKB, clientKB, coreKB, vsixKB: existsSync(vsix) ? statSync(vsix).size / 1024 : undefined };
}

// Targets (issue 7).
const bySize = (t) => results.sizes.find((s) => s.target === t);
const k1 = bySize(1000);
const k10 = bySize(10000);
const growth = (key) => k10.ms[key] / k1.ms[key];
const perLine = (s, key) => s.ms[key] / (key.startsWith('continuous') ? s.continuousLines : s.lines);
// (binaryFull: the binary report's full check timed in turn with the continuous one.)
results.targets = [
  // Issues 7 and 15: about 100 lines no slower than markdownlint, 1,000 and 10,000 lines ≤ 0.75×,
  // on the bench report and on the dense one.
  ...results.sizes.map((s) => ({ name: `full check ≤ ${s.target === 100 ? '1' : '0.75'}× markdownlint (${s.lines} lines)`, value: s.ms.full / s.ms.markdownlint, limit: s.target === 100 ? 1 : 0.75 })),
  ...results.sizes.filter((s) => s.target !== 100).map((s) => ({ name: `full check ≤ 0.75× markdownlint, dense report (${s.denseLines} lines)`, value: s.ms.denseFull / s.ms.denseMarkdownlint, limit: 0.75 })),
  // Issue 14: continuous outcomes cost no more per line than binary ones.
  ...results.sizes.map((s) => ({ name: `continuous report per line ≤ binary per line (${s.continuousLines} vs ${s.lines} lines)`, value: perLine(s, 'continuousFull') / perLine(s, 'binaryFull'), limit: 1 })),
  { name: 're-check after a one-char edit, 10k lines ≤ 30 ms', value: k10.ms.recheck, limit: 30 },
  ...(results.memory ? [{ name: `re-check while typing (${results.memory.edits} successive edits), 10k lines, median ≤ 30 ms`, value: results.memory.medianEditMs, limit: 30 }] : []),
  { name: `language server over stdio: edit → diagnostics p95 of ${results.lsp.edits} edits, 10k lines ≤ 50 ms`, value: results.lsp.p95, limit: 50 },
  { name: 'growth 1k→10k ≤ 11×', value: growth('full'), limit: 11 },
  { name: 'extension bundle loaded at activation ≤ 600 KB', value: results.bundle.extensionKB, limit: 600 },
  ...(results.bundle.vsixKB !== undefined ? [{ name: 'VSIX ≤ 1 MB', value: results.bundle.vsixKB, limit: 1024 }] : []),
  ...(results.memory ? [{ name: `heap growth after ${results.memory.edits} edits ≤ 10%`, value: results.memory.growth * 100, limit: 10 }] : []),
].map((t) => ({ ...t, met: t.value <= t.limit }));

// Print.
const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const r = (x) => `${x.toFixed(2)}×`;
const rows = [
  '| lines | ours: full check | ours: re-check after 1-char edit | markdownlint | remark + frontmatter-schema | mdast-util-from-markdown | full ÷ markdownlint | full ÷ remark | full ÷ from-markdown | re-check ÷ markdownlint |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.sizes.map((s) => `| ${s.lines.toLocaleString('en')} | ${f(s.ms.full)} ms | ${f(s.ms.recheck)} ms | ${f(s.ms.markdownlint)} ms | ${f(s.ms.remark)} ms | ${f(s.ms.fromMarkdown)} ms | ${r(s.ms.full / s.ms.markdownlint)} | ${r(s.ms.full / s.ms.remark)} | ${r(s.ms.full / s.ms.fromMarkdown)} | ${r(s.ms.recheck / s.ms.markdownlint)} |`),
];
console.log(`trial-report bench — node ${results.machine.node}, ${results.machine.cpus} CPUs; medians of ${Object.values(RUNS).join('/')} runs after ${WARM} warm-up runs\n`);
console.log(rows.join('\n'));
console.log(`\npreview update after a 1-char edit (re-check + report HTML): ${results.sizes.map((s) => `${s.lines.toLocaleString('en')} lines ${f(s.ms.preview)} ms`).join(' · ')}`);
console.log(`continuous report (1.1 flow, means, medians, time-to-event, rates): ${results.sizes.map((s) => `${s.continuousLines.toLocaleString('en')} lines full ${f(s.ms.continuousFull)} ms (${f((1000 * perLine(s, 'continuousFull')))} µs/line vs binary ${f(1000 * perLine(s, 'binaryFull'))}, timed in turn), re-check ${f(s.ms.continuousRecheck)} ms`).join(' · ')}`);
console.log(`dense report (a paragraph, a table, a list and a link per block): ${results.sizes.map((s) => `${s.denseLines.toLocaleString('en')} lines ours ${f(s.ms.denseFull)} ms, markdownlint ${f(s.ms.denseMarkdownlint)} ms (${r(s.ms.denseFull / s.ms.denseMarkdownlint)})`).join(' · ')}`);
console.log(`language server (stdio, debounce 0): edit → diagnostics on the 10k-line report, median ${f(results.lsp.median)} ms, p95 ${f(results.lsp.p95)} ms over ${results.lsp.edits} successive edits`);
console.log(`warm: ${results.warmSmall.lines} lines, medians of ${results.warmSmall.runs} runs of each in turn: ours ${f(results.warmSmall.full)} ms, markdownlint ${f(results.warmSmall.markdownlint)} ms (${r(results.warmSmall.full / results.warmSmall.markdownlint)})`);
console.log(`growth 1k→10k lines: ours ${r(growth('full'))} · re-check ${r(growth('recheck'))} · markdownlint ${r(growth('markdownlint'))} · remark ${r(growth('remark'))} · from-markdown ${r(growth('fromMarkdown'))}`);
console.log(`peer schema check ran: ${results.peerSchemaCheck.length ? results.peerSchemaCheck.join(' | ') : 'NO MESSAGES (peer did not validate?)'}`);
if (results.memory) {
  const m = results.memory;
  console.log(`memory: ${m.edits} successive edits on the 10k-line report: heap after GC ${m.heapBeforeMB.toFixed(1)} MB → ${m.heapAfterMB.toFixed(1)} MB (${m.growth >= 0 ? '+' : ''}${(m.growth * 100).toFixed(1)}%), ${f(m.meanEditMs)} ms per edit (median ${f(m.medianEditMs)}, p95 ${f(m.p95EditMs)})`);
}
const { extensionKB, clientKB, coreKB, vsixKB } = results.bundle;
console.log(`bundles (minified, as packaged): dist/extension.js, loaded at activation, ${extensionKB.toFixed(0)} KB · dist/extension-client.js, the language client, loaded just after, ${clientKB.toFixed(0)} KB · dist/extension-core.js, the language server's process, ${coreKB.toFixed(0)} KB · trial-report.vsix ${vsixKB?.toFixed(0) ?? '—'} KB`);
console.log('activate(): measured by the integration suite (test/integration), not here: a bench cannot see the extension host.');
console.log('\ntargets:');
for (const t of results.targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.name}: ${f(t.value)}`);
if (jsonFile) {
  writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${jsonFile}`);
}
