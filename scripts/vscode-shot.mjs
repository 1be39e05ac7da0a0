#!/usr/bin/env node
// Screenshots of the extension running in a REAL VS Code (code-server) in Debian's Chromium.
//
//   node scripts/vscode-shot.mjs --vsix trial-report.vsix --workspace DIR \
//        --open RELATIVE_FILE --out DIR [--restricted] [--timeout SECONDS] [--keep]
//        [--min-problems N] [--preview-command TITLE]
//   --dev EXTENSION_DIR may replace --vsix: loads an unpackaged extension folder (with its
//   package.json and built main) as an Extension Development Host would.
//   --min-problems N (default 1): wait for N problem rows (0: wait a moment, expect none).
//
// Needs scripts/setup-e2e.sh to have run (reads $TRIAL_REPORT_E2E_CACHE/env.sh).
// Writes OUT/problems.png, OUT/preview.png, OUT/problems.txt, OUT/code-server.log and
// OUT/console.log; prints the Problems panel rows on stdout (one per line, file rows
// unindented, problem rows indented by two spaces). Exit code 0 on success, 1 on a
// failed step, 2 when the overall timeout fired. code-server and Chromium are always
// stopped, whatever happens.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  deadline, focusWorkbench, loadE2EEnv, log, openProblems, openWorkbench, problemRows,
  quickOpenFile, runCommand, sleep, startCodeServer, waitForWebview,
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
  const wb = await openWorkbench(env, cs.url, workspace, { devExtensionPath: devExt });
  browser = wb.browser;
  consoleLines = wb.consoleLines;
  const { page } = wb;

  log(`opening ${opt.open}`);
  await quickOpenFile(page, opt.open);

  log('opening Problems');
  await openProblems(page);
  // Rows = one per file + one per problem.
  const rows = await problemRows(page, { min: minProblems > 0 ? minProblems + 1 : 0, timeoutMs: 60_000 });
  // Don't leave the mouse hovering over anything, then shoot.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(outDir, 'problems.png') });
  log(`wrote ${path.join(outDir, 'problems.png')}`);
  const lines = rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.text}`);
  fs.writeFileSync(path.join(outDir, 'problems.txt'), lines.join('\n') + '\n');
  for (const l of lines) console.log(l);

  log(`running "${opt['preview-command']}"`);
  // Put focus back in the editor so the preview is for that document.
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  await runCommand(page, opt['preview-command']);
  await waitForWebview(page, { timeoutMs: 30_000 });
  await sleep(500); // let the webview paint its styles
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(outDir, 'preview.png') });
  log(`wrote ${path.join(outDir, 'preview.png')}`);
  await focusWorkbench(page).catch(() => {});
}
