#!/usr/bin/env node
// Screenshots of the extension running in a REAL VS Code (code-server) in Debian's Chromium.
//
//   node scripts/vscode-shot.mjs --vsix trial-report.vsix --workspace DIR \
//        --open RELATIVE_FILE --out DIR [--restricted] [--timeout SECONDS] [--keep]
//        [--min-problems N] [--preview-command TITLE] [--expect TEXT]... [--expect-preview TEXT]...
//        [--clean] [--top-line N] [--hover-line N] [--preview-top-line N] [--preview-width F]
//   --dev EXTENSION_DIR may replace --vsix: loads an unpackaged extension folder (with its
//   package.json and built main) as an Extension Development Host would.
//   --min-problems N (default 1): wait for N problem rows (0: wait a moment, expect none).
//   --expect TEXT: fail unless the Problems rows contain TEXT (repeatable);
//   --expect-preview TEXT: fail unless the preview webview's text contains TEXT (repeatable).
//   --clean: close the side bar before the shots, and the panel before the preview shot.
//   --top-line N: scroll the editor so line N is the first visible one for problems.png.
//   --hover-line N: hover the first squiggle on line N and write hover.png / hover.txt.
//   --preview-top-line N: same as --top-line, for preview.png.
//   --preview-width F: give the preview F (0..1) of the editor area's width.
//   --preview-scroll SELECTOR: also write preview-scrolled.png, the webview scrolled so that
//   element is at its top (e.g. '.trial-card'), the editor scrolled to --preview-scroll-top-line.
//   --panel-height PX: resize the Problems panel before problems.png.
//   --check-reveal: at the end, click the preview's first problem and check that the editor's
//   cursor goes to that problem's line (webview script -> extension host -> editor).
//   --zoom F (default 1): lay the workbench out on a (1280/F)x(800/F) CSS-pixel viewport and render
//   it at device scale F, so the pictures stay 1280x800 (like the browser's zoom at F*100%).
//
// Needs scripts/setup-e2e.sh to have run (reads $TRIAL_REPORT_E2E_CACHE/env.sh).
// Writes OUT/problems.png, OUT/preview.png, OUT/problems.txt, OUT/preview.txt (the webview's
// text), OUT/code-server.log, OUT/console.log and OUT/logs/ (code-server's log folder: extension
// host, the "Trial Report" output channel, ...); prints the Problems panel rows on stdout (one per line, file rows
// unindented, problem rows indented by two spaces). Exit code 0 on success, 1 on a
// failed step, 2 when the overall timeout fired. code-server and Chromium are always
// stopped, whatever happens.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  closePanel, closeSideBar, copyLogs, deadline, focusWorkbench, hoverSquiggle, loadE2EEnv, log,
  openProblems, openWorkbench, problemRows, quickOpenFile, resizeEditorSplit, resizePanel, runCommand,
  scrollEditorToLine, sleep, startCodeServer, waitForWebview,
} from './e2e-lib/vscode.mjs';

const PREVIEW_COMMAND = 'Trial Report: Open Preview to the Side';

const { values: opt } = parseArgs({
  options: {
    vsix: { type: 'string' },
    dev: { type: 'string' },
    'min-problems': { type: 'string', default: '1' },
    workspace: { type: 'string' },
    open: { type: 'string' },
    out: { type: 'string' },
    restricted: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '240' },
    'preview-command': { type: 'string', default: PREVIEW_COMMAND },
    keep: { type: 'boolean', default: false }, // keep code-server's temp dir for debugging
    expect: { type: 'string', multiple: true, default: [] },
    'expect-preview': { type: 'string', multiple: true, default: [] },
    clean: { type: 'boolean', default: false },
    'top-line': { type: 'string' },
    'hover-line': { type: 'string' },
    'preview-top-line': { type: 'string' },
    'preview-width': { type: 'string' },
    'preview-scroll': { type: 'string' },
    'preview-scroll-top-line': { type: 'string' },
    'panel-height': { type: 'string' },
    zoom: { type: 'string', default: '1' },
    'check-reveal': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help || !(opt.vsix || opt.dev) || !opt.workspace || !opt.open || !opt.out) {
  console.error('usage: node scripts/vscode-shot.mjs (--vsix FILE | --dev EXTENSION_DIR) --workspace DIR --open RELATIVE_FILE --out DIR\n' +
    '         [--restricted] [--min-problems N] [--preview-command TITLE] [--timeout SECONDS] [--keep]');
  process.exit(opt.help ? 0 : 64);
}
const vsix = opt.vsix ? path.resolve(opt.vsix) : undefined;
const devExt = opt.dev ? path.resolve(opt.dev) : undefined;
const minProblems = Number(opt['min-problems']);
const workspace = path.resolve(opt.workspace);
const outDir = path.resolve(opt.out);
for (const [what, p] of [['--vsix', vsix], ['--dev', devExt && path.join(devExt, 'package.json')], ['--workspace', workspace], ['--open', path.join(workspace, opt.open)]]) {
  if (p && !fs.existsSync(p)) { console.error(`${what}: ${p} does not exist`); process.exit(64); }
}
fs.mkdirSync(outDir, { recursive: true });

let cs;
let browser;
let consoleLines = [];
let cleaning;
const cleanup = () =>
  (cleaning ??= (async () => {
    if (consoleLines.length) fs.writeFileSync(path.join(outDir, 'console.log'), consoleLines.join('\n') + '\n');
    await Promise.race([browser?.close().catch(() => {}), sleep(10_000)]);
    if (cs?.userDataDir) {
      try {
        fs.rmSync(path.join(outDir, 'logs'), { recursive: true, force: true });
        reportLogErrors(copyLogs(cs.userDataDir, path.join(outDir, 'logs')));
      } catch (e) { log(`could not copy logs: ${e.message}`); }
    }
    await cs?.stop().catch(() => {});
  })());

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => { cleanup().finally(() => process.exit(130)); });
}

const overall = deadline(Number(opt.timeout) * 1000, 'whole run (--timeout)');
overall.catch(() => {}); // handled via race below
let code = 0;
try {
  await Promise.race([overall, main()]);
} catch (e) {
  code = /timed out after .*whole run/.test(e.message) ? 2 : 1;
  console.error(`[e2e] FAILED: ${e.stack || e.message}`);
  // A picture of the state we failed in is the best clue.
  const page = browser?.contexts()[0]?.pages()[0];
  if (page) await page.screenshot({ path: path.join(outDir, 'failure.png'), timeout: 5_000 }).then(() => log(`wrote ${path.join(outDir, 'failure.png')}`), () => {});
} finally {
  overall.cancel();
  await cleanup();
}
process.exit(code);

async function main() {
  const env = loadE2EEnv();
  const logFile = path.join(outDir, 'code-server.log');
  fs.rmSync(logFile, { force: true });
  cs = await startCodeServer(env, { vsix: vsix ? [vsix] : [], devMode: !!devExt, restricted: opt.restricted, logFile, keepTmp: opt.keep });
  const zoom = Number(opt.zoom);
  const context = zoom === 1 ? undefined
    : { viewport: { width: Math.round(1280 / zoom), height: Math.round(800 / zoom) }, deviceScaleFactor: zoom };
  const wb = await openWorkbench(env, cs.url, workspace, { devExtensionPath: devExt, context });
  browser = wb.browser;
  consoleLines = wb.consoleLines;
  const { page } = wb;

  log(`opening ${opt.open}`);
  await quickOpenFile(page, opt.open);

  log('opening Problems');
  await openProblems(page);
  // Rows = one per file + one per problem.
  const rows = await problemRows(page, { min: minProblems > 0 ? minProblems + 1 : 0, timeoutMs: 60_000 });
  const lines = rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.text}`);
  fs.writeFileSync(path.join(outDir, 'problems.txt'), lines.join('\n') + '\n');
  for (const l of lines) console.log(l);
  const missing = opt.expect.filter((t) => !lines.some((l) => l.includes(t)));
  if (missing.length) throw new Error(`Problems panel lacks ${JSON.stringify(missing)}`);

  if (opt.clean) await closeSideBar(page);
  if (opt['panel-height']) await resizePanel(page, Number(opt['panel-height']));
  if (opt['top-line']) log(`editor shows lines ${range(await scrollEditorToLine(page, Number(opt['top-line'])))}`);
  // Don't leave the mouse hovering over anything, then shoot.
  await page.mouse.move(0, 0);
  await sleep(300);
  await page.screenshot({ path: path.join(outDir, 'problems.png') });
  log(`wrote ${path.join(outDir, 'problems.png')}`);

  if (opt['hover-line']) {
    const text = await hoverSquiggle(page, Number(opt['hover-line']));
    fs.writeFileSync(path.join(outDir, 'hover.txt'), text + '\n');
    await page.screenshot({ path: path.join(outDir, 'hover.png') });
    log(`wrote ${path.join(outDir, 'hover.png')}; hover says: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await sleep(300);
  }

  log(`running "${opt['preview-command']}"`);
  if (opt.clean) await closePanel(page);
  // Put focus back in the editor so the preview is for that document.
  if (opt['preview-top-line']) log(`editor shows lines ${range(await scrollEditorToLine(page, Number(opt['preview-top-line'])))}`);
  else await page.locator('.editor-group-container.active .monaco-editor .editor-scrollable').first().click({ position: { x: 30, y: 30 } });
  await runCommand(page, opt['preview-command']);
  // The mouse is where the palette row was: move it off the editor toolbar (tooltips).
  await page.mouse.move(0, 0);
  const frame = await waitForWebview(page, { timeoutMs: 30_000 });
  if (opt['preview-width']) await resizeEditorSplit(page, 1 - Number(opt['preview-width']));
  const layout = await frame.evaluate(() => Array.from(document.querySelectorAll('#report > *, #report section')).map((e) => {
    const r = e.getBoundingClientRect();
    return `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} y=${Math.round(r.top + window.scrollY)} h=${Math.round(r.height)}`;
  }));
  log(`preview layout (viewport ${await frame.evaluate(() => `${innerWidth}x${innerHeight}`)}):\n  ${layout.join('\n  ')}`);
  await sleep(800); // let the webview paint its styles
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(outDir, 'preview.png') });
  log(`wrote ${path.join(outDir, 'preview.png')}`);
  const previewText = await frame.evaluate(() => document.body.innerText);
  fs.writeFileSync(path.join(outDir, 'preview.txt'), previewText + '\n');
  const errors = await frame.evaluate(() => Array.from(document.querySelectorAll('.banner.error, .error-page')).map((e) => e.textContent.trim()));
  if (errors.length) log(`preview shows errors: ${JSON.stringify(errors)}`);
  if (opt['preview-scroll']) {
    if (opt['preview-scroll-top-line']) log(`editor shows lines ${range(await scrollEditorToLine(page, Number(opt['preview-scroll-top-line'])))}`);
    const found = await frame.evaluate((sel) => {
      const el = document.querySelector(sel);
      if (el) el.scrollIntoView({ block: 'start' });
      return !!el;
    }, opt['preview-scroll']);
    if (!found) throw new Error(`preview has no element ${opt['preview-scroll']}`);
    await page.mouse.move(0, 0);
    await sleep(500);
    await page.screenshot({ path: path.join(outDir, 'preview-scrolled.png') });
    log(`wrote ${path.join(outDir, 'preview-scrolled.png')}`);
  }
  if (opt['check-reveal']) {
    const problem = frame.locator('#report .problem').first();
    const line = Number(await problem.getAttribute('data-line'));
    await problem.click();
    const status = page.locator('#workbench\\.parts\\.statusbar', { hasText: new RegExp(`Ln ${line}, Col`) });
    await status.waitFor({ timeout: 10_000 }).catch(async () => {
      throw new Error(`clicking the preview's first problem did not move the cursor to line ${line}; status bar: ${await page.locator('#workbench\\.parts\\.statusbar').innerText()}`);
    });
    log(`clicked the preview's first problem: the editor cursor went to line ${line}`);
  }
  const missingPreview = opt['expect-preview'].filter((t) => !previewText.toLowerCase().includes(t.toLowerCase()));
  if (missingPreview.length) throw new Error(`preview lacks ${JSON.stringify(missingPreview)}`);
  await focusWorkbench(page).catch(() => {});
}

function range(lines) { return lines.length ? `${lines[0]}-${lines[lines.length - 1]}` : '(none)'; }

/** Prints the log lines that point at a problem of this extension (or of the extension host). */
function reportLogErrors(files) {
  const hits = [];
  for (const f of files) {
    if (!f.endsWith('.log')) continue;
    const ours = /Trial Report|trial-report/i.test(path.basename(f));
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      if (ours ? /\[(error|warning)\]/i.test(line) : /\[error\]/i.test(line) && /trial-report|trialReport/i.test(line)) {
        hits.push(`${path.relative(outDir, f)}: ${line}`);
      }
    }
  }
  log(hits.length ? `log lines about trial-report:\n${hits.join('\n')}` : 'logs: no error or warning from trial-report');
}
