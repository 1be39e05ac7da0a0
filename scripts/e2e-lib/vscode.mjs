// Helpers to run a REAL VS Code (code-server, on the Node 24 that scripts/setup-e2e.sh
// provisions) and drive it with Debian's Chromium through playwright-core.
// Plain ESM for the system Node (20+); no dependency from the repo's node_modules.
//
// Typical use:
//   const env = loadE2EEnv();
//   const cs = await startCodeServer(env, { vsix, workspace });
//   const { browser, page } = await openWorkbench(env, cs.url, workspace);
//   ... await quickOpenFile(page, 'report.md'); await runCommand(page, 'Trial Report: ...');
//   finally: await browser.close(); await cs.stop();
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

export const log = (...a) => console.error('[e2e]', ...a);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Reads $CACHE/env.sh written by scripts/setup-e2e.sh (E2E_* variables). */
export function loadE2EEnv() {
  const cache = process.env.TRIAL_REPORT_E2E_CACHE || '/var/cache/trial-report-e2e';
  const file = path.join(cache, 'env.sh');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} not found: run scripts/setup-e2e.sh first`);
  }
  const env = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^export (E2E_\w+)='(.*)'$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  for (const k of ['E2E_NODE24', 'E2E_CODE_SERVER_ENTRY', 'E2E_PLAYWRIGHT_CORE', 'E2E_CHROMIUM']) {
    if (!env[k] || !fs.existsSync(env[k])) throw new Error(`${k} missing or not on disk (${env[k]}): re-run scripts/setup-e2e.sh`);
  }
  return env;
}

/** playwright-core from the cache (not from the repo's node_modules). */
export function loadPlaywright(env) {
  const require = createRequire(path.join(env.E2E_PLAYWRIGHT_CORE, 'package.json'));
  return require(env.E2E_PLAYWRIGHT_CORE);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Runs code-server's CLI (not the server) synchronously with a timeout. */
function codeServerCli(env, args, timeoutMs = 120_000) {
  const r = spawnSync(env.E2E_NODE24, [env.E2E_CODE_SERVER_ENTRY, ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, PATH: `${path.dirname(env.E2E_NODE24)}:${process.env.PATH}` },
  });
  if (r.error) throw new Error(`code-server ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

/** User settings that keep the workbench quiet and screenshots stable. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Light Modern',
  // Restricted mode: no modal at start (the folder simply opens untrusted), and the banner says so.
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
};

/**
 * Starts code-server on a free 127.0.0.1 port with a fresh user-data-dir and
 * extensions-dir (in a temp dir), after installing the given VSIX files there.
 * Returns { url, port, tmp, logFile, proc, stop() }. stop() kills the whole
 * process group (server, extension host, pty host, ...); it is idempotent.
 */
export async function startCodeServer(env, opts = {}) {
  const { vsix = [], restricted = false, settings = {}, readyTimeoutMs = 60_000, logFile, extraArgs = [] } = opts;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-cs-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2),
  );
  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  for (const file of [].concat(vsix)) {
    log(`installing ${file}`);
    const out = codeServerCli(env, [...dirs, '--install-extension', path.resolve(file), '--force']);
    if (!/successfully installed|already installed/i.test(out)) throw new Error(`VSIX install said:\n${out}`);
  }

  const port = await freePort();
  const args = [
    env.E2E_CODE_SERVER_ENTRY,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(restricted ? [] : ['--disable-workspace-trust']),
    // Lets the workbench honour ?payload=[["extensionDevelopmentPath", ...]] (see openWorkbench's devExtensionPath).
    ...(opts.devMode ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...dirs,
    ...extraArgs,
  ];
  const out = fs.openSync(logFile || path.join(tmp, 'code-server.log'), 'a');
  const proc = spawn(env.E2E_NODE24, args, {
    detached: true, // own process group, so stop() can kill every child too
    stdio: ['ignore', out, out],
    env: { ...process.env, PATH: `${path.dirname(env.E2E_NODE24)}:${process.env.PATH}`, VSCODE_PROXY_URI: '' },
  });
  fs.closeSync(out);
  let exited = false;
  proc.on('exit', () => { exited = true; });
  const killGroup = (sig) => { try { process.kill(-proc.pid, sig); } catch { /* gone */ } };
  // Last resort if this Node process dies without calling stop().
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    for (let i = 0; i < 30 && !exited; i++) await sleep(100);
    killGroup('SIGKILL');
    process.off('exit', onExit);
    if (!opts.keepTmp) fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) { await stop(); throw new Error(`code-server exited early; see ${logFile || 'its log'}`); }
    try {
      const r = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`code-server not ready after ${readyTimeoutMs} ms`); }
    await sleep(250);
  }
  log(`code-server up at ${url} (pid ${proc.pid})`);
  return { url, port, tmp, proc, stop, userDataDir, extensionsDir };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-dev-shm-usage',
];

/**
 * Launches Debian's chromium headless and opens the workbench on `folder`.
 * Waits until the workbench is interactive. Returns { browser, context, page, consoleLines }.
 */
export async function openWorkbench(env, url, folder, opts = {}) {
  const { chromium } = loadPlaywright(env);
  const browser = await chromium.launch({
    executablePath: env.E2E_CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts.context });
    const page = await context.newPage();
    page.setDefaultTimeout(opts.timeoutMs ?? 30_000);
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    let target = `${url}?folder=${encodeURIComponent(path.resolve(folder))}`;
    if (opts.devExtensionPath) {
      // An unpackaged extension folder on the server, loaded as in an Extension Development Host.
      // Needs startCodeServer(..., { devMode: true }); a built workbench ignores the payload otherwise.
      const u = new URL(url);
      const payload = [['extensionDevelopmentPath', `vscode-remote://${u.host}${path.resolve(opts.devExtensionPath)}`]];
      target += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    }
    await page.goto(target, { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The status bar and the activity bar are among the last parts to render.
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 }).catch(() => {});
    await focusWorkbench(page);
    return { browser, context, page, consoleLines };
  } catch (e) {
    await browser.close().catch(() => {});
    throw e;
  }
}

/** Gives keyboard focus to the workbench (not to the browser chrome / body). */
export async function focusWorkbench(page) {
  await page.locator('#workbench\\.parts\\.statusbar').click({ position: { x: 640, y: 5 }, timeout: 5_000 }).catch(() => {});
  await page.keyboard.press('Escape');
}

const quickInput = (page) => page.locator('.quick-input-widget');
const quickInputBox = (page) => page.locator('.quick-input-widget .quick-input-box input');

async function openQuickInput(page, keys) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press(keys);
    try {
      await quickInputBox(page).waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch {
      await focusWorkbench(page);
    }
  }
  throw new Error(`quick input did not open with ${keys}`);
}

/**
 * Runs a command from the Command Palette (F1; Ctrl+Shift+P can be taken by the
 * browser). `title` is the label as shown, e.g. 'Trial Report: Open Preview to the Side'.
 */
export async function runCommand(page, title, { timeoutMs = 15_000 } = {}) {
  await openQuickInput(page, 'F1');
  await quickInputBox(page).fill(`>${title}`);
  // Wait for a row whose label is exactly the command; pick it, not just the first row.
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) })
    .first();
  try {
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    const labels = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts().catch(() => []);
    await page.keyboard.press('Escape');
    throw new Error(`command "${title}" not found in the palette; rows: ${JSON.stringify(labels)}`);
  }
  await row.click();
  await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
}

/** Opens a workspace file through Quick Open (F1, then drop the '>' prefix). */
export async function quickOpenFile(page, relPath, { timeoutMs = 20_000 } = {}) {
  await openQuickInput(page, 'F1');
  await quickInputBox(page).fill(relPath);
  const base = path.basename(relPath);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: base }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
  await activeTab(page, base).waitFor({ timeout: timeoutMs });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: timeoutMs });
}

export const activeTab = (page, base) =>
  page.locator(`.tabs-container .tab.active[data-resource-name="${base}"], .tabs-container .tab.active[aria-label^="${base}"]`).first();

/** Shows the Problems panel (Ctrl+Shift+M; falls back to the palette). */
export async function openProblems(page) {
  const panel = page.locator('.markers-panel');
  await page.keyboard.press('Control+Shift+M');
  try {
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    await runCommand(page, 'View: Focus on Problems View');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
  }
  return panel;
}

/** Waits until the Problems panel lists at least `min` rows; returns each row's text. */
export async function problemRows(page, { min = 1, timeoutMs = 60_000, settleMs = 1_500 } = {}) {
  const rows = page.locator('.markers-panel .monaco-list-row');
  const deadline = Date.now() + timeoutMs;
  if (min <= 0) await sleep(settleMs * 2); // nothing to wait for: give diagnostics a chance to arrive
  while ((await rows.count()) < min) {
    if (Date.now() > deadline) throw new Error(`Problems panel: fewer than ${min} rows after ${timeoutMs} ms`);
    await sleep(250);
  }
  // Let late diagnostics arrive, then read a stable list.
  let last = '';
  for (let i = 0; i < 10; i++) {
    await sleep(settleMs / 3);
    const now = JSON.stringify(await readRows(page));
    if (now === last) break;
    last = now;
  }
  return readRows(page);
}

async function readRows(page) {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
    els.map((el) => {
      const level = Number(el.getAttribute('aria-level') || 1);
      const text = (el.innerText || '').replace(/\s*\n\s*/g, ' ').trim();
      return { level, text, ariaLabel: el.getAttribute('aria-label') || '' };
    }),
  );
}

/**
 * Waits for a webview (an extension's WebviewPanel) to show content; returns the
 * inner Frame. VS Code nests it: iframe.webview (host) > iframe#active-frame (content).
 */
export async function waitForWebview(page, { timeoutMs = 30_000, text } = {}) {
  await page.locator('iframe.webview').first().waitFor({ state: 'attached', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) {
      if (f.name() !== 'active-frame' && !/\/fake\.html|active-frame/.test(f.url())) continue;
      const ok = await f
        .evaluate((t) => !!document.body && document.body.innerText.trim().length > 0 && (!t || document.body.innerText.includes(t)), text)
        .catch(() => false);
      if (ok) return f;
    }
    if (Date.now() > deadline) throw new Error(`webview content not shown after ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** Rejects after ms (use with Promise.race to bound anything). */
export function deadline(ms, what) {
  let t;
  const p = new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms); });
  p.cancel = () => clearTimeout(t);
  return p;
}

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

// ---------------------------------------------------------------------------
// Layout and editor helpers for screenshots.
// ---------------------------------------------------------------------------

const firstEditor = (page) => page.locator('.editor-group-container .monaco-editor').first();

/** Hides the primary side bar (Explorer) if it is shown. */
export async function closeSideBar(page) {
  const bar = page.locator('#workbench\\.parts\\.sidebar');
  if (!(await bar.isVisible().catch(() => false))) return;
  await runCommand(page, 'View: Close Primary Side Bar');
  await bar.waitFor({ state: 'hidden', timeout: 5_000 });
}

/** Hides the bottom panel (Problems, Output, ...) if it is shown. */
export async function closePanel(page) {
  const panel = page.locator('#workbench\\.parts\\.panel');
  if (!(await panel.isVisible().catch(() => false))) return;
  await runCommand(page, 'View: Hide Panel');
  await panel.waitFor({ state: 'hidden', timeout: 5_000 });
}

/** Line numbers (1-based) fully visible in the active editor, top to bottom. */
export async function visibleEditorLines(page) {
  const ed = firstEditor(page);
  const box = await ed.locator('.overflow-guard').first().boundingBox();
  const nums = await ed.locator('.margin-view-overlays .line-numbers').evaluateAll((els) =>
    els.map((el) => { const r = el.getBoundingClientRect(); return { n: Number(el.textContent.trim()), top: r.top, bottom: r.bottom }; }));
  return nums
    .filter((x) => Number.isInteger(x.n) && x.n > 0 && (!box || (x.top >= box.y - 1 && x.bottom <= box.y + box.height + 1)))
    .sort((a, b) => a.top - b.top)
    .map((x) => x.n);
}

/**
 * Scrolls the first editor group's editor so that `line` is the first visible line (cursor to
 * the top, then "Scroll Line Down" with Ctrl+Down; the cursor stays on line 1). Returns the
 * visible lines.
 */
export async function scrollEditorToLine(page, line) {
  const ed = firstEditor(page);
  // Focus the editor by keyboard (Ctrl+1: first editor group), not by a click: a click in the
  // editor is a mouse selection, which an open preview follows (selection sync). Fall back to
  // a click. Not on .view-lines: when scrolled it extends above the viewport, and a click there
  // makes Playwright scroll the DOM itself, which leaves Monaco drawing an empty editor. Not at
  // y < 6 either: the scroll shadow (.scroll-decoration) sits there once the editor is scrolled.
  await page.keyboard.press('Control+1');
  await sleep(200);
  if (!(await page.locator('.monaco-editor.focused').count())) {
    await ed.locator('.editor-scrollable').first().click({ position: { x: 30, y: 30 } });
  }
  await page.keyboard.press('Control+Home');
  await sleep(100);
  let lines = await visibleEditorLines(page);
  for (let i = 0; i < 500 && lines.length && lines[0] < line; i++) {
    const before = lines.join();
    await page.keyboard.press('Control+ArrowDown');
    // Monaco renders on the next frame: wait for the change, so we never press once too often.
    for (let t = 0; t < 20 && (lines = await visibleEditorLines(page)).join() === before; t++) await sleep(15);
  }
  await sleep(200);
  return visibleEditorLines(page);
}

/** The vertical band (page coordinates) of a visible editor line, or undefined. */
async function lineBand(page, line) {
  const ed = firstEditor(page);
  const bands = await ed.locator('.margin-view-overlays .line-numbers').evaluateAll((els, n) =>
    els.filter((el) => Number(el.textContent.trim()) === n).map((el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; }), line);
  return bands[0];
}

/**
 * Hovers the first squiggle (error/warning/info) on `line` of the active editor and waits for
 * the hover widget. Returns the hover's text. Throws when there is no squiggle on that line.
 */
export async function hoverSquiggle(page, line, { timeoutMs = 10_000 } = {}) {
  const band = await lineBand(page, line);
  if (!band) throw new Error(`line ${line} is not visible in the editor`);
  const ed = firstEditor(page);
  const boxes = await ed.locator('.view-overlays [class*="squiggly-"]').evaluateAll((els) =>
    els.map((el) => { const r = el.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; }));
  // A wrapped line's squiggle may sit below the line number's row: take the band down to the next number.
  const sq = boxes
    .filter((b) => b.w > 0 && b.y + b.h / 2 >= band.top - 1 && b.y + b.h / 2 <= band.bottom + 1)
    .sort((a, b) => a.x - b.x)[0];
  if (!sq) throw new Error(`no squiggle on line ${line}`);
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.mouse.move(sq.x + sq.w / 2 - 3, sq.y + sq.h / 2);
    await page.mouse.move(sq.x + sq.w / 2, sq.y + sq.h / 2, { steps: 3 });
    try {
      await hover.waitFor({ state: 'visible', timeout: timeoutMs / 3 });
      await sleep(400); // the hover grows as its parts arrive
      return (await hover.innerText()).trim();
    } catch {
      await page.mouse.move(0, 0);
      await sleep(300);
    }
  }
  throw new Error(`no hover appeared over line ${line}`);
}

/** Copies code-server's log folder (server, extension host, output channels) to `dest`. */
export function copyLogs(userDataDir, dest) {
  const src = path.join(userDataDir, 'logs');
  if (!fs.existsSync(src)) return [];
  fs.cpSync(src, dest, { recursive: true });
  const files = [];
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else files.push(p); } };
  walk(dest);
  return files;
}

/**
 * Drags the sash between the first two editor groups so the first takes `fraction` (0..1) of
 * the editor area's width. No-op when there is a single group.
 */
export async function resizeEditorSplit(page, fraction) {
  const part = await page.locator('#workbench\\.parts\\.editor').boundingBox();
  const sash = page.locator('#workbench\\.parts\\.editor .monaco-sash.vertical:not(.disabled)').first();
  const box = await sash.boundingBox().catch(() => null);
  if (!part || !box) return;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(part.x + part.width * fraction, y, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(0, 0);
  await sleep(300);
}

/**
 * Drags the sash at the primary side bar's right edge so the side bar is `width` px wide (if it
 * is shown). Returns the width it had, to restore it with a second call.
 */
export async function resizeSideBar(page, width) {
  const bar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox().catch(() => null);
  if (!bar) return undefined;
  const edge = bar.x + bar.width;
  const sashes = await page.locator('.monaco-sash.vertical:not(.disabled)').evaluateAll((els) =>
    els.map((el) => { const r = el.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; }));
  const sash = sashes.filter((s) => s.h > 0 && Math.abs(s.x + s.w / 2 - edge) <= 4).sort((a, b) => b.h - a.h)[0];
  if (!sash || width === undefined) return bar.width;
  const y = sash.y + sash.h / 2;
  await page.mouse.move(sash.x + sash.w / 2, y);
  await page.mouse.down();
  await page.mouse.move(bar.x + width, y, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(0, 0);
  for (let i = 0; i < 20; i++) {
    const now = await page.locator('#workbench\\.parts\\.sidebar').boundingBox().catch(() => null);
    if (now && Math.abs(now.width - width) <= 2) break;
    await sleep(50);
  }
  return bar.width;
}

/** Drags the sash above the bottom panel so the panel is `height` px tall (if it is shown). */
export async function resizePanel(page, height) {
  const panel = await page.locator('#workbench\\.parts\\.panel').boundingBox().catch(() => null);
  if (!panel) return;
  const sashes = await page.locator('.monaco-sash.horizontal:not(.disabled)').evaluateAll((els) =>
    els.map((el, i) => { const r = el.getBoundingClientRect(); return { i, x: r.left, y: r.top, w: r.width, h: r.height }; }));
  // The sash whose centre line is the panel's top edge.
  const sash = sashes.filter((s) => s.w > 0 && Math.abs(s.y + s.h / 2 - panel.y) <= 4).sort((a, b) => b.w - a.w)[0];
  if (!sash) return;
  const x = sash.x + sash.w / 2;
  await page.mouse.move(x, sash.y + sash.h / 2);
  await page.mouse.down();
  await page.mouse.move(x, panel.y + panel.height - height, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(0, 0);
  await sleep(300);
}
