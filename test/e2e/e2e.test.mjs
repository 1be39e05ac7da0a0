// End to end, as a writer: the packaged trial-report.vsix installed in a REAL VS Code
// (code-server, from scripts/setup-e2e.sh) driven through Debian's Chromium with playwright-core.
// Asserts what a person sees: the Problems panel's text, the hover, the preview webview's DOM,
// the Problems after an edit, and the workspace-trust contract of DESIGN.md in Restricted Mode.
// Screenshots of each state: test-output/e2e/*.png.
//
//   npm run test:e2e          (= mocha --config test/e2e/.mocharc.json)
//   env: TRIAL_REPORT_VSIX=file.vsix (default: package the working tree first)
// Waits are for conditions (polled, always bounded), never fixed sleeps.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureE2EEnv, ensureVsix, REPO } from '../../scripts/e2e-lib/prepare.mjs';
import {
  copyLogs, focusWorkbench, hoverSquiggle, openProblems, openWorkbench, quickOpenFile, runCommand, startCodeServer,
  waitForWebview,
} from '../../scripts/e2e-lib/vscode.mjs';

const OUT = path.join(REPO, 'test-output/e2e');
const REPORT = 'il2-lupus-news.trial.md';
const PREVIEW_COMMAND = 'Trial Report: Open Preview to the Side';

/** Polls `fn` until it returns a truthy value; throws after `timeoutMs` with the last value. */
async function waitUntil(fn, what, { timeoutMs = 30_000, intervalMs = 100 } = {}) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The Problems panel as shown: [{ level, text }] (level 1 file, 2 problem, 3 related info). */
function readProblems(page) {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
    els.map((el) => ({ level: Number(el.getAttribute('aria-level') || 1), text: (el.innerText || '').replace(/\s*\n\s*/g, ' ').trim() })));
}

/** Problem rows (level 2) once they are exactly what `pred` wants. */
async function problemsWhere(page, pred, what, timeoutMs = 30_000) {
  const rows = await waitUntil(async () => {
    const all = await readProblems(page);
    const problems = all.filter((r) => r.level === 2).map((r) => r.text);
    return pred(problems, all) ? problems : false;
  }, what, { timeoutMs });
  return rows;
}

/**
 * Types `text` into the Problems panel's filter box, as a person narrowing the list would (the
 * list is virtual: rows scrolled out of view are not in the DOM, so a short list is read whole).
 */
async function filterProblems(page, text) {
  const box = page.locator('.markers-panel-container .viewpane-filter input, .pane-header .viewpane-filter input, .viewpane-filter-container input').first();
  await box.fill(text);
  await page.keyboard.press('Enter');
}

/** "[Ln 38, Col 27]" positions of problem rows. */
const positions = (rows) => rows.map((t) => (/\[Ln (\d+), Col (\d+)\]/.exec(t) ?? []).slice(1).join(':')).sort();

/** One VS Code session (code-server + Chromium) on a copy of `folders` in a temp dir. */
function session({ restricted, name, files }) {
  const s = { failed: false };
  before(async function () {
    this.timeout(10 * 60_000); // a first run on a fresh machine provisions the toolchain
    const env = ensureE2EEnv();
    const vsix = ensureVsix();
    s.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-e2e-'));
    s.workspace = path.join(s.tmp, name);
    fs.mkdirSync(s.workspace);
    for (const [from, to] of files) fs.cpSync(path.join(REPO, from), path.join(s.workspace, to), { recursive: true });
    s.cs = await startCodeServer(env, { vsix: [vsix], restricted, logFile: path.join(s.tmp, 'code-server.log') });
    const wb = await openWorkbench(env, s.cs.url, s.workspace);
    s.browser = wb.browser;
    s.page = wb.page;
    s.consoleLines = wb.consoleLines;
  });
  beforeEach(function () {
    // The steps build on each other: after a failure the rest would only repeat it.
    if (s.failed) this.skip();
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    s.failed = true;
    const tag = `${restricted ? 'restricted' : 'trusted'}-failure`;
    await s.page?.screenshot({ path: path.join(OUT, `${tag}.png`), timeout: 5_000 }).catch(() => {});
    if (s.cs) {
      try { copyLogs(s.cs.userDataDir, path.join(OUT, `${tag}-logs`)); } catch { /* best effort */ }
      fs.cpSync(path.join(s.tmp, 'code-server.log'), path.join(OUT, `${tag}-logs`, 'code-server.log'));
    }
    fs.writeFileSync(path.join(OUT, `${tag}-console.log`), (s.consoleLines ?? []).join('\n') + '\n');
  });
  after(async function () {
    this.timeout(30_000);
    await Promise.race([s.browser?.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
    await s.cs?.stop().catch(() => {});
    if (s.tmp) fs.rmSync(s.tmp, { recursive: true, force: true });
  });
  return s;
}

const shot = (page, name) => page.screenshot({ path: path.join(OUT, `${name}.png`) });

const started = Date.now();
after(() => console.error(`[e2e] finished in ${((Date.now() - started) / 1000).toFixed(1)} s`));

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
// A signal (e.g. CI's timeout) still runs the after() hooks' cleanup through process exit.
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => process.exit(130));

describe('A writer in VS Code (code-server + Chromium, packaged VSIX), trusted folder', () => {
  const s = session({ restricted: false, name: 'examples', files: [['examples', '.']] });

  it('opens the report with errors and sees its four TR104 warnings in the Problems panel', async () => {
    await quickOpenFile(s.page, REPORT);
    await openProblems(s.page);
    // Other rules may add notes (info) to this file; this scenario is about its TR104 warnings.
    await filterProblems(s.page, 'TR104');
    const rows = await problemsWhere(s.page, (p) => p.length === 4, 'four TR104 problems');
    assert.deepEqual(positions(rows), ['38:27', '39:27', '58:42', '59:1']);
    for (const r of rows) assert.match(r, /trial-report\W*TR104\b/, r);
    const all = rows.join('\n');
    assert.match(all, /Placebo: 23% of 38 patients is consistent only if 23\.7% \(9\/38\) was truncated to 23%/);
    assert.match(all, /IL-2 1\.0 MIU: 60% of 38 patients is consistent only if 60\.5% \(23\/38\) was truncated to 60%/);
    // The file row counts them; the related information ("n = 38 declared here") is listed too.
    const shown = await readProblems(s.page);
    const fileRows = shown.filter((r) => r.level === 1).map((r) => r.text);
    assert.equal(fileRows.length, 1);
    assert.match(fileRows[0], /il2-lupus-news\.trial\.md.*\b4\b/);
    assert.equal(shown.filter((r) => r.level === 3 && /n = 38 declared here/.test(r.text)).length, 4, 'related information rows');
    await shot(s.page, 'problems');
  });

  it('hovers the flagged 60 and reads the finding', async () => {
    // Put line 39 on screen with Go to Line, then move the mouse over its squiggle.
    await runCommand(s.page, 'Go to Line/Column...');
    await s.page.keyboard.type('39:27');
    await s.page.keyboard.press('Enter');
    // Monaco paints the squiggle a frame or two after the reveal: retry until it is there.
    await waitUntil(() => hoverSquiggle(s.page, 39, { timeoutMs: 6_000 }).then(() => true), 'a hover over the squiggle on line 39');
    const hover = s.page.locator('.monaco-hover:not(.hidden)').first();
    const text = await waitUntil(async () => {
      const t = await hover.innerText();
      return /TR104/.test(t) && /60% of 38 patients/.test(t) ? t : false;
    }, 'the hover to show the TR104 finding', { timeoutMs: 10_000 });
    assert.match(text, /IL-2 1\.0 MIU: 60% of 38 patients is consistent only if 60\.5% \(23\/38\) was truncated to 60%/);
    await shot(s.page, 'hover');
    await s.page.mouse.move(0, 0);
    await s.page.keyboard.press('Escape');
  });

  it('opens the preview to the side from F1 and sees the trial card and the flagged numbers', async () => {
    await runCommand(s.page, PREVIEW_COMMAND);
    await s.page.mouse.move(0, 0);
    const frame = await waitForWebview(s.page, { text: 'Low-dose', timeoutMs: 30_000 });
    const view = await waitUntil(() => frame.evaluate(() => {
      const card = document.querySelector('.trial-card');
      const marks = [...document.querySelectorAll('mark.finding')].filter((m) => /^TR104:/.test(m.title)).map((m) => `${m.getAttribute('data-line')}:${m.textContent}`);
      const problems = [...document.querySelectorAll('.problem-list li.problem')].map((li) => li.textContent ?? '').filter((t) => t.includes('TR104'));
      return card && marks.length === 4 ? { card: card.textContent ?? '', title: document.querySelector('h1')?.textContent ?? '', marks, problems } : false;
    }), 'the trial card and four marked numbers in the preview');
    assert.match(view.title, /Low-dose IL-2 in active SLE|Low-dose interleukin-2/);
    assert.match(view.card, /NCT04077684/);
    assert.match(view.card, /2b/);
    assert.deepEqual(view.marks, ['38:23', '39:60', '58:60', '59:23']);
    assert.equal(view.problems.length, 4, JSON.stringify(view.problems));
    assert.match(view.problems.join('\n'), /60% of 38 patients is consistent only if 60\.5% \(23\/38\)/);
    await shot(s.page, 'preview');
  });

  it('edits 60 to 60.5 and sees that problem disappear (Problems panel and preview)', async () => {
    await s.page.keyboard.press('Control+1'); // back to the editor, keyboard only
    await runCommand(s.page, 'Go to Line/Column...');
    await s.page.keyboard.type('39:27');
    await s.page.keyboard.press('Enter');
    await s.page.keyboard.press('Shift+ArrowRight');
    await s.page.keyboard.press('Shift+ArrowRight');
    await s.page.keyboard.type('60.5');
    const editor = s.page.locator('.editor-group-container').first().locator('.view-lines');
    // Monaco renders spaces as no-break spaces.
    await waitUntil(async () => (await editor.innerText()).replace(/\u00a0/g, ' ').includes('il2-1.0: { percent: 60.5 }'), 'the edited line in the editor');
    const rows = await problemsWhere(s.page, (p) => p.length === 3, 'three TR104 problems after the edit');
    assert.deepEqual(positions(rows), ['38:27', '58:42', '59:1']);
    const frame = await waitForWebview(s.page, { text: 'Low-dose' });
    const marks = await waitUntil(() => frame.evaluate(() => {
      const m = [...document.querySelectorAll('mark.finding')].filter((e) => /^TR104:/.test(e.title)).map((e) => e.getAttribute('data-line'));
      return m.length === 3 ? m : false;
    }), 'the preview to drop the mark on line 39');
    assert.deepEqual(marks, ['38', '58', '59']);
    await shot(s.page, 'edited');
  });
});

describe('A writer in VS Code, the same folder in Restricted Mode (workspace trust contract)', () => {
  const s = session({
    restricted: true,
    name: 'examples',
    files: [['examples', '.'], ['test/integration/workspace/house.trial.md', 'house.trial.md'], ['test/integration/workspace/house.schema.json', 'house.schema.json']],
  });

  it('shows the folder as restricted', async () => {
    await waitUntil(async () => /Restricted Mode/.test(await s.page.locator('#workbench\\.parts\\.statusbar').innerText()), 'the Restricted Mode indicator in the status bar');
  });

  it('still checks a report with the bundled schema', async () => {
    await quickOpenFile(s.page, REPORT);
    await openProblems(s.page);
    await filterProblems(s.page, 'TR104');
    const rows = await problemsWhere(s.page, (p) => p.length === 4, 'four TR104 problems');
    assert.deepEqual(positions(rows), ['38:27', '39:27', '58:42', '59:1']);
    for (const r of rows) assert.match(r, /trial-report\W*TR104\b/, r);
  });

  it('gives a $schema the info TR203 "takes effect once the folder is trusted", and loads nothing', async () => {
    await quickOpenFile(s.page, 'house.trial.md');
    await filterProblems(s.page, 'house.trial.md');
    const rows = await problemsWhere(s.page, (p) => p.some((r) => r.includes('TR203')), 'the TR203 info');
    const tr203 = rows.filter((r) => r.includes('TR203'));
    assert.equal(tr203.length, 1, JSON.stringify(rows));
    assert.match(tr203[0], /takes effect once the folder is trusted/);
    assert.match(tr203[0], /\[Ln 2, Col \d+\]/, 'on the $schema line');
    // The house schema (which requires trial.sponsor) was not loaded.
    assert.ok(!rows.some((r) => /sponsor/.test(r)), JSON.stringify(rows));
    await focusWorkbench(s.page);
    await shot(s.page, 'restricted');
  });
});
