#!/usr/bin/env node
// Runs the integration suite (test/integration/suite, mocha + the `vscode` API) inside a REAL
// VS Code's extension host: code-server on the Node 24 from scripts/setup-e2e.sh, with the
// packaged trial-report.vsix installed, opened by Debian's Chromium.
//
// Mechanism: code-server started with `--vscode-option enable-smoke-test-driver` honours the
// workbench URL's `payload`, i.e. the same `extensionDevelopmentPath` / `extensionTestsPath` /
// `extensionEnvironment` that @vscode/test-electron passes to VS Code on the command line (as
// vscode-remote:// URIs). The extension host then `require`s out/integration/index.js and calls
// its run(), exactly as in Electron. The development path is the folder code-server extracted
// the installed VSIX into, so the suite tests the packaged extension. When run() settles, the
// workbench calls window.codeAutomationExit(code), which this script exposes from Playwright.
// The reporter's lines arrive through a log file (TRIAL_REPORT_IT_LOG) and are printed here as
// they come; the summary through TRIAL_REPORT_IT_RESULT.
//
//   node test/integration/run-code-server.mjs [--timeout SECONDS] [--keep] [--grep PATTERN]
//   env: TRIAL_REPORT_VSIX=file.vsix (default: package the working tree first)
//        TRIAL_REPORT_E2E_SKIP_SETUP=1 (don't run scripts/setup-e2e.sh first)
// Exit 0: every test passed; 1: a test failed or the run broke; 2: the timeout fired.
// code-server and Chromium are always stopped. Logs on failure: test-output/integration/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIntegration, copyWorkspace } from './build.mjs';
import { ensureE2EEnv, ensureVsix, installedExtensionDir, REPO } from '../../scripts/e2e-lib/prepare.mjs';
import { CHROMIUM_ARGS, copyLogs, deadline, loadPlaywright, log, sleep, startCodeServer } from '../../scripts/e2e-lib/vscode.mjs';

const { values: opt } = parseArgs({
  options: { timeout: { type: 'string', default: '300' }, keep: { type: 'boolean', default: false }, grep: { type: 'string' } },
});

const ARTIFACTS = path.join(REPO, 'test-output/integration');

let cs;
let browser;
let cleaning;
const cleanup = () =>
  (cleaning ??= (async () => {
    await Promise.race([browser?.close().catch(() => {}), sleep(10_000)]);
    await cs?.stop().catch(() => {});
  })());
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup().finally(() => process.exit(130)); });

let printed = 0; // bytes of the reporter's log already printed
const started = Date.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-it-'));
const logFile = path.join(tmp, 'mocha.log');
const resultFile = path.join(tmp, 'result.json');
let code = 1;
const overall = deadline(Number(opt.timeout) * 1000, `integration run (--timeout ${opt.timeout}s)`);
overall.catch(() => {});
try {
  code = await Promise.race([overall, main()]);
} catch (e) {
  code = /timed out after .*integration run/.test(e.message) ? 2 : 1;
  console.error(`[integration] FAILED: ${e.stack || e.message}`);
} finally {
  overall.cancel();
  flushLog();
  if (code !== 0 && cs?.userDataDir) {
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    try { copyLogs(cs.userDataDir, path.join(ARTIFACTS, 'logs')); } catch { /* best effort */ }
    for (const f of ['code-server.log', 'console.log', 'workbench.png']) if (fs.existsSync(path.join(tmp, f))) fs.cpSync(path.join(tmp, f), path.join(ARTIFACTS, f));
    console.error(`[integration] logs: ${path.relative(process.cwd(), ARTIFACTS)}/`);
  }
  await cleanup();
  if (!opt.keep) fs.rmSync(tmp, { recursive: true, force: true });
  console.error(`[integration] ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(code);

function flushLog() {
  if (!fs.existsSync(logFile)) return;
  const text = fs.readFileSync(logFile, 'utf8');
  // Print whole lines only; the rest on the next call.
  const end = text.lastIndexOf('\n') + 1;
  if (end > printed) {
    process.stdout.write(text.slice(printed, end));
    printed = end;
  }
}

async function main() {
  const env = ensureE2EEnv();
  const vsix = ensureVsix();
  const testsEntry = await buildIntegration();
  const workspace = path.join(tmp, 'workspace');
  copyWorkspace(workspace);

  cs = await startCodeServer(env, { vsix: [vsix], devMode: true, logFile: path.join(tmp, 'code-server.log') });
  const extDir = installedExtensionDir(cs.extensionsDir);

  const { chromium } = loadPlaywright(env);
  browser = await chromium.launch({ executablePath: env.E2E_CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  const page = await browser.newPage();
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
  let exitCode;
  let onExit;
  const exited = new Promise((resolve) => { onExit = resolve; });
  // The workbench calls this when the extension host's test run settles (smoke-test driver API).
  await page.exposeFunction('codeAutomationExit', (c) => { exitCode = c; onExit(c); });

  const host = new URL(cs.url).host;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extDir)],
    ['extensionTestsPath', remote(testsEntry)],
    ['extensionEnvironment', JSON.stringify({ TRIAL_REPORT_IT_LOG: logFile, TRIAL_REPORT_IT_RESULT: resultFile, ...(opt.grep ? { TRIAL_REPORT_IT_GREP: opt.grep } : {}) })],
  ];
  log(`opening the workbench on ${workspace} with the extension from ${path.basename(vsix)} under test`);
  await page.goto(`${cs.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 60_000 });

  // Stream the reporter's output until the run settles.
  let done = false;
  exited.then(() => { done = true; });
  while (!done) {
    flushLog();
    await Promise.race([exited, sleep(200)]);
  }
  flushLog();
  // What the workbench showed when the run ended (a stuck dialog, a notification), for a failure.
  if (exitCode !== 0) await page.screenshot({ path: path.join(tmp, 'workbench.png'), timeout: 5_000 }).catch(() => {});
  fs.writeFileSync(path.join(tmp, 'console.log'), consoleLines.join('\n') + '\n');
  const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
  if (!result) {
    console.error(`[integration] the test run ended (exit ${exitCode}) without results: the suite did not load or run; see the logs`);
    return 1;
  }
  if (exitCode !== 0 || result.failures > 0 || result.passes === 0) {
    console.error(`[integration] ${result.failures} failing, ${result.passes} passing (extension host exit ${exitCode})`);
    return 1;
  }
  return 0;
}
