// End to end, as a writer: the packaged trial-report.vsix installed in a REAL VS Code
// (code-server, from scripts/setup-e2e.sh) driven through Debian's Chromium with playwright-core.
// Asserts what a person sees: the Problems panel's text, the hover, the quick-fix menu (a fix
// applied and undone), front-matter completion, the Reporting Checklist view, the status bar item,
// the preview webview's DOM, the Problems after an edit, the New Report command, the workspace
// check reaching a report never opened, and the workspace-trust contract of docs/architecture.md in
// Restricted Mode. Expected values come from the library (dist/core.js, built by the packaging)
// on the same files, or from the schema, where the test does not state them itself.
// Screenshots of each state: test-output/e2e/*.png.
//
//   npm run test:e2e          (= mocha --config test/e2e/.mocharc.json)
//   env: TRIAL_REPORT_VSIX=file.vsix (default: package the working tree first)
// Waits are for conditions (polled, always bounded), never fixed sleeps.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ensureE2EEnv, ensureVsix, REPO } from '../../scripts/e2e-lib/prepare.mjs';
import {
  activeTab, closePanel, copyLogs, focusWorkbench, hoverSquiggle, openProblems, openWorkbench, quickOpenFile, resizeSideBar,
  runCommand, startCodeServer, waitForWebview,
} from '../../scripts/e2e-lib/vscode.mjs';

const OUT = path.join(REPO, 'test-output/e2e');
const REPORT = 'il2-lupus-news.trial.md';
const PREVIEW_COMMAND = 'Trial Report: Open Preview to the Side';
/** The edit of the "edits 60 to 60.5" step (line 39, before and after); the document stays edited. */
const EDITED_LINE_39 = ['il2-1.0: { percent: 60 }', 'il2-1.0: { percent: 60.5 }'];
/** A report the trusted session never opens: only the workspace check can find its problems. */
const UNOPENED = 'reports/unopened.trial.md';
/** The items of CONSORT for Abstracts in the checklist view, in order (docs/rules/TR303.md). */
const CHECKLIST = ['Trial registration', 'Number randomised, per arm', 'Number analysed, per arm', 'Primary outcome: result per arm, effect size and precision', 'Harms (important adverse events)', 'Funding'];

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

/** The library the extension bundles (dist/core.js, built by `npm run package` in ensureVsix()). */
const core = () => createRequire(import.meta.url)(path.join(REPO, 'dist/core.js'));

/** What the library finds in a text: its findings, their "line:col" positions and counts by severity. */
function expectedFindings(text, fileName) {
  const { findings, model } = core().checkDocument(text, { fileName });
  const count = { error: 0, warning: 0, info: 0 };
  for (const f of findings) count[f.severity]++;
  return { findings, model, count, positions: findings.map((f) => `${f.range.start.line}:${f.range.start.column}`).sort() };
}

/** Puts the cursor at "line:col" with Go to Line (which also scrolls it into view). */
async function goTo(page, where) {
  await runCommand(page, 'Go to Line/Column...');
  await page.keyboard.type(where);
  await page.keyboard.press('Enter');
}

/** The text the active editor shows (visible lines only; Monaco renders spaces as no-break spaces). */
async function editorText(page) {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

const quickFixRows = (page) => page.locator('.action-widget .monaco-list-row.action');

/** Opens the quick-fix menu (Ctrl+.) at the cursor; returns its entries as shown and the focused one. */
async function quickFixMenu(page) {
  const rows = quickFixRows(page);
  await page.keyboard.press('Control+.');
  return waitUntil(async () => {
    const shown = await rows.evaluateAll((els) => els.map((el) => ({ title: el.querySelector('.title')?.textContent ?? '', focused: el.classList.contains('focused') })));
    return shown.length ? { titles: shown.map((r) => r.title), focused: shown.find((r) => r.focused)?.title } : false;
  }, 'the quick-fix menu', { timeoutMs: 10_000 });
}

/**
 * Every row of the (virtual) Problems list, with the severity icon of problem rows: the panel
 * is maximized while it is read, so that no row is scrolled out of the DOM, then restored.
 */
async function allProblems(page) {
  await runCommand(page, 'View: Toggle Maximized Panel');
  try {
    return await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((el) => ({
      level: Number(el.getAttribute('aria-level') || 1),
      setSize: Number(el.getAttribute('aria-setsize') || 0),
      severity: /\b(error|warning|info)\b/.exec(el.querySelector('.marker-icon')?.className ?? '')?.[1],
      text: (el.innerText || '').replace(/\s*\n\s*/g, ' ').trim(),
      label: el.getAttribute('aria-label') ?? '',
    })));
  } finally {
    await runCommand(page, 'View: Toggle Maximized Panel');
  }
}

/** Problem rows per file, from allProblems(): { 'name': { total (the file row's count), rows: [...] } }. */
function problemsByFile(rows) {
  const files = {};
  let current;
  for (const r of rows) {
    if (r.level === 1) {
      // "7 problems in file il2-lupus-news.trial.md of folder ."
      const m = /(\d+) problems? in file (\S+)/.exec(r.label);
      current = files[m?.[2] ?? r.text] = { total: Number(m?.[1]), rows: [] };
    } else if (r.level === 2 && current) current.rows.push(r);
  }
  return files;
}

const severityCounts = (rows) => {
  const count = { error: 0, warning: 0, info: 0 };
  for (const r of rows) count[r.severity]++;
  return count;
};

/** The extension's status bar item as text, its icons written `$(name)`. */
function statusBarText(page) {
  return page.locator('[id="trial-report.trial-report.trialReport.status"] .statusbar-item-label').evaluate((el) =>
    [...el.childNodes].map((n) => (n.nodeType === 1 && n.classList.contains('codicon') ? `$(${[...n.classList].find((c) => c.startsWith('codicon-')).slice(8)})` : n.textContent)).join('').replace(/\s+/g, ' ').trim());
}

/** The quick input's title once it matches `re` (a step of a multi-step command). */
const quickInputStep = (page, re, what) =>
  waitUntil(async () => {
    const t = await page.locator('.quick-input-widget').innerText().catch(() => '');
    return re.test(t) ? t : false;
  }, what, { timeoutMs: 15_000 });

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
  const s = session({ restricted: false, name: 'examples', files: [['examples', '.'], ['test/integration/workspace/reports/unopened.trial.md', UNOPENED]] });
  const seedText = () => fs.readFileSync(path.join(s.workspace, REPORT), 'utf8');

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
    await goTo(s.page, '39:27');
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

  it('opens the quick-fix menu on the flagged 60% (Ctrl+.), applies "Replace 60% with 60.5%" from the keyboard, and undoes it', async () => {
    await goTo(s.page, '58:42'); // the "60%" of the Results
    const menu = await quickFixMenu(s.page);
    // The finding's consistent values (exact share first), the justified suppression, fix-all.
    assert.deepEqual(menu.titles, ['Replace 60% with 60.5%', 'Replace 60% with 61%', 'Suppress TR104 here with a justification comment', 'Fix all TR104 problems in this file (4)']);
    assert.equal(menu.focused, 'Replace 60% with 60.5%', 'the preferred fix is the focused entry');
    await shot(s.page, 'quickfix-menu');
    await s.page.keyboard.press('Enter');
    await quickFixRows(s.page).first().waitFor({ state: 'hidden', timeout: 5_000 });
    await waitUntil(async () => (await editorText(s.page)).includes('was reached by 60.5% of patients'), 'the fixed sentence in the editor');
    assert.ok(!(await editorText(s.page)).includes('60.5%%'), 'the % is replaced with the number, not added');
    const fixed = await problemsWhere(s.page, (p) => p.length === 3, 'three TR104 problems after the fix');
    assert.deepEqual(positions(fixed), ['38:27', '39:27', '59:1']);
    // One undoable edit: a single Ctrl+Z brings back the text and the warning.
    await s.page.keyboard.press('Control+z');
    await waitUntil(async () => (await editorText(s.page)).includes('was reached by 60% of patients'), 'the original sentence after Ctrl+Z');
    const restored = await problemsWhere(s.page, (p) => p.length === 4, 'the four TR104 problems after Ctrl+Z');
    assert.deepEqual(positions(restored), ['38:27', '39:27', '58:42', '59:1']);
    // In the front matter the values are YAML and a comment cannot suppress: no suppression there.
    await goTo(s.page, '39:27');
    const yaml = await quickFixMenu(s.page);
    assert.deepEqual(yaml.titles, ['Replace 60 with 60.5', 'Replace 60 with 61', 'Fix all TR104 problems in this file (4)']);
    await s.page.keyboard.press('Escape');
    await quickFixRows(s.page).first().waitFor({ state: 'hidden', timeout: 5_000 });
  });

  it('completes the phase in the front matter with the schema\'s values (Ctrl+Space)', async () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas/trial-summary.schema.json'), 'utf8'));
    const phases = [...new Set(schema.$defs.trial.properties.phase.enum.map(String))];
    assert.ok(phases.includes('2b'), JSON.stringify(phases));
    await goTo(s.page, '5:10'); // after `  phase: `
    await s.page.keyboard.press('Shift+End');
    await s.page.keyboard.press('Delete');
    await waitUntil(async () => /^\s*phase: *$/m.test(await editorText(s.page)), 'the emptied `phase:` line');
    const widget = s.page.locator('.suggest-widget.visible');
    const listed = () => widget.locator('.monaco-list-row').evaluateAll((els) => els.map((el) => ({ label: el.querySelector('.label-name')?.textContent ?? '', size: Number(el.getAttribute('aria-setsize')) })));
    // Suggest may ask before the extension has the edited text ("No suggestions."): ask again.
    let shown;
    for (let attempt = 1; !shown; attempt++) {
      await s.page.keyboard.press('Control+Space');
      try {
        shown = await waitUntil(async () => { const r = await listed(); return r.length ? r : false; }, 'the suggest widget with values', { timeoutMs: 5_000 });
      } catch (e) {
        if (attempt === 3) throw e;
        await s.page.keyboard.press('Escape');
      }
    }
    assert.deepEqual(shown.map((r) => r.label).sort(), [...phases].sort());
    assert.equal(shown[0].size, phases.length, 'every value is in the list (none scrolled away)');
    await shot(s.page, 'completion');
    await s.page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 5_000 });
    await s.page.keyboard.press('Control+z');
    await waitUntil(async () => (await editorText(s.page)).includes('phase: "2b"'), 'the phase back after Ctrl+Z');
    await s.page.keyboard.press('Escape'); // drop the selection the undo left
  });

  it('sees the Reporting Checklist in the Explorer agree with the library\'s TR303 for the report', async () => {
    // Missing items are TR303's findings (the library on the file); every other item is present.
    const tr303 = expectedFindings(seedText(), REPORT).findings.filter((f) => f.ruleId === 'TR303');
    const missing = tr303.map((f) => /^CONSORT for Abstracts item without data: (.+?) — /.exec(f.message)?.[1]);
    assert.equal(missing.length, 3, JSON.stringify(tr303));
    const expected = CHECKLIST.map((label) => ({ label, description: missing.includes(label.charAt(0).toLowerCase() + label.slice(1)) ? 'missing' : 'present' }));
    assert.equal(expected.filter((r) => r.description === 'missing').length, missing.length, `every TR303 finding is a checklist item: ${JSON.stringify(missing)}`);

    await runCommand(s.page, 'View: Show Explorer');
    const pane = s.page.locator('.pane').filter({ has: s.page.locator('.pane-header h3.title', { hasText: /^Reporting Checklist$/ }) });
    const header = pane.locator('.pane-header');
    await header.waitFor({ timeout: 10_000 });
    // Make room: fold the folder tree, unfold the checklist.
    const folders = s.page.locator('.pane-header').filter({ has: s.page.locator('h3.title', { hasText: new RegExp(`^${path.basename(s.workspace)}$`, 'i') }) });
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await waitUntil(async () => (await header.getAttribute('aria-expanded')) === 'true', 'the checklist section expanded');
    assert.equal((await header.locator('.description').innerText()).trim(), REPORT, 'the view names the active report');
    const rows = await waitUntil(async () => {
      const r = await pane.locator('.monaco-list-row').evaluateAll((els) => els.map((el) => ({
        label: el.querySelector('.label-name')?.textContent ?? '',
        description: el.querySelector('.label-description')?.textContent ?? '',
        size: Number(el.getAttribute('aria-setsize')),
      })));
      return r.length && r.length === r[0].size ? r : false;
    }, 'every row of the checklist');
    assert.deepEqual(rows.map(({ label, description }) => ({ label, description })), expected);
    await closePanel(s.page); // the report beside the checklist, whose labels are shown whole
    const width = await resizeSideBar(s.page, 540);
    await shot(s.page, 'checklist');
    await resizeSideBar(s.page, width);
    if ((await folders.getAttribute('aria-expanded')) !== 'true') await folders.click();
  });

  it('reads the counts in the status bar, equal to the Problems panel\'s for the file, and clicks it to open the Problems', async () => {
    const want = expectedFindings(seedText(), REPORT).count;
    const item = s.page.locator('[id="trial-report.trial-report.trialReport.status"]');
    const text = await waitUntil(async () => {
      const t = await statusBarText(s.page);
      return t === `$(beaker) $(error) ${want.error} $(warning) ${want.warning} $(info) ${want.info} · bundled schema` ? t : false;
    }, `the status bar item with ${JSON.stringify(want)}`);
    const [, errors, warnings, infos] = /\$\(error\) (\d+) \$\(warning\) (\d+) \$\(info\) (\d+)/.exec(text).map(Number);
    // The panel is closed (previous step): the item opens it.
    assert.equal(await s.page.locator('.markers-panel').isVisible(), false);
    await item.click();
    await s.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
    await filterProblems(s.page, ''); // unfiltered
    const files = await waitUntil(async () => {
      const f = problemsByFile(await allProblems(s.page));
      return f[REPORT] && f[REPORT].rows.length === f[REPORT].total ? f : false;
    }, 'the Problems panel, unfiltered');
    assert.deepEqual(severityCounts(files[REPORT].rows), { error: errors, warning: warnings, info: infos });
    assert.equal(files[REPORT].total, errors + warnings + infos);
    assert.deepEqual(Object.keys(files), [REPORT], `only the open report has problems yet (${UNOPENED} was never opened)`);
    await filterProblems(s.page, 'TR104'); // as the steps below expect
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
    assert.deepEqual(view.marks, ['38:23', '39:60', '58:60%', '59:23%']);
    assert.equal(view.problems.length, 4, JSON.stringify(view.problems));
    assert.match(view.problems.join('\n'), /60% of 38 patients is consistent only if 60\.5% \(23\/38\)/);
    await shot(s.page, 'preview');
  });

  it('edits 60 to 60.5 and sees that problem disappear (Problems panel and preview)', async () => {
    await s.page.keyboard.press('Control+1'); // back to the editor, keyboard only
    await goTo(s.page, '39:27');
    await s.page.keyboard.press('Shift+ArrowRight');
    await s.page.keyboard.press('Shift+ArrowRight');
    await s.page.keyboard.type('60.5');
    await waitUntil(async () => (await editorText(s.page)).includes(EDITED_LINE_39[1]), 'the edited line in the editor');
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

  it('creates a three-arm report with "Trial Report: New Report" and sees no error or warning in it', async () => {
    const title = 'Colchicine versus placebo in gout flares: a randomised trial';
    const arms = ['Placebo', 'Colchicine 0.5 mg', 'Colchicine 1 mg'];
    // The preview beside has been seen above: close it, the new report gets the whole editor area.
    // (With the mouse, on its tab's close button: keys sent to the webview's group are the webview's.)
    await s.page.locator('.tabs-container .tab', { hasText: /^Report / }).locator('.tab-actions .action-label').first().click();
    await s.page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 });
    await s.page.keyboard.press('Control+1');
    await runCommand(s.page, 'Trial Report: New Report');
    const box = s.page.locator('.quick-input-widget .quick-input-box input');
    await quickInputStep(s.page, /New Trial Report: title/, 'the title prompt');
    await box.fill(title);
    await s.page.keyboard.press('Enter');
    await quickInputStep(s.page, /New Trial Report: number of arms/, 'the number-of-arms pick');
    await box.fill('3');
    await waitUntil(async () => {
      const labels = await s.page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
      return labels.length === 1 && labels[0].trim() === '3';
    }, 'the pick narrowed to "3"');
    await s.page.keyboard.press('Enter');
    for (const [i, label] of arms.entries()) {
      await quickInputStep(s.page, new RegExp(`label of arm ${i + 1} of 3`), `the label prompt of arm ${i + 1}`);
      await box.fill(label);
      await s.page.keyboard.press('Enter');
    }
    // One outcome, continuous (typed into the pick's filter, as a writer does), on a 0–10 scale
    // in whole points (the proposed answers), items left empty; the flow not yet known.
    await quickInputStep(s.page, /New Trial Report: number of outcomes/, 'the number-of-outcomes pick');
    await s.page.keyboard.press('Enter');
    await quickInputStep(s.page, /New Trial Report: type of the primary outcome/, 'the outcome-type pick');
    await box.fill('continuous');
    await waitUntil(async () => {
      const labels = await s.page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
      return labels.length === 1 && labels[0].trim() === 'continuous';
    }, 'the pick narrowed to "continuous"');
    await s.page.keyboard.press('Enter');
    for (const [what, value] of [['lowest value', '0'], ['highest value', '10'], ['step', '1'], ['items averaged', '']]) {
      await quickInputStep(s.page, new RegExp(`scale of the primary outcome: ${what}`), `the scale's ${what}`);
      await waitUntil(async () => (await box.inputValue()) === value, `"${value}" proposed for the ${what}`);
      await s.page.keyboard.press('Enter');
    }
    await quickInputStep(s.page, /New Trial Report: participant flow/, 'the participant-flow pick');
    await box.fill('Not yet');
    await s.page.keyboard.press('Enter');
    // code-server's save dialog is VS Code's simple file dialog: a quick input holding the path.
    await quickInputStep(s.page, /Save the new trial report/, 'the save dialog');
    const target = await waitUntil(async () => { const v = await box.inputValue(); return v.endsWith('.trial.md') ? v : false; }, 'the proposed path');
    assert.equal(path.dirname(target), s.workspace, 'proposed in the workspace folder');
    await s.page.keyboard.press('Enter');
    const name = path.basename(target);
    await activeTab(s.page, name).waitFor({ timeout: 15_000 });
    const file = await waitUntil(() => fs.existsSync(target) && fs.readFileSync(target, 'utf8'), 'the new report on disk');
    assert.match(file, new RegExp(`^  title: "?${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?$`, 'm'));
    const armsBlock = file.slice(file.indexOf('\narms:'), file.indexOf('\nendpoints:'));
    assert.deepEqual([...armsBlock.matchAll(/^ {4}label: (.+)$/gm)].map((m) => m[1]), arms);
    assert.match(file, /\n {4}type: continuous\n {4}scale: +# .*\n {6}min: 0 +# .*\n {6}max: 10 +# .*\n {6}step: 1 +# /);
    await waitUntil(async () => (await editorText(s.page)).includes(`label: ${arms[0]}`), 'the new report in the editor');
    // Its problems: the library's, and never an error or a warning (the template's blanks are infos).
    const want = expectedFindings(file, name);
    assert.deepEqual({ error: want.count.error, warning: want.count.warning }, { error: 0, warning: 0 }, JSON.stringify(want.findings));
    await openProblems(s.page);
    await filterProblems(s.page, name);
    const mine = await waitUntil(async () => {
      const f = problemsByFile(await allProblems(s.page))[name];
      return f && f.rows.length === want.findings.length ? f.rows : false;
    }, `the ${want.findings.length} problems of ${name}`);
    assert.deepEqual(severityCounts(mine), want.count);
    assert.deepEqual(positions(mine.map((r) => r.text)), want.positions);
    await shot(s.page, 'new-report');
  });

  it('checks the whole workspace from F1 and sees the summary and the problems of a report it never opened', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const cmd = manifest.contributes.commands.find((c) => c.command === 'trialReport.checkWorkspace');
    const unopened = path.basename(UNOPENED);
    assert.equal(await s.page.locator(`.tabs-container .tab[data-resource-name="${unopened}"]`).count(), 0, `${UNOPENED} was never opened`);
    // What the check should count: every trial summary on disk, the seed report as edited above.
    let files = 0;
    const total = { error: 0, warning: 0, info: 0 };
    for (const rel of fs.readdirSync(s.workspace, { recursive: true }).filter((f) => /\.(md|markdown)$/.test(f))) {
      let text = fs.readFileSync(path.join(s.workspace, rel), 'utf8');
      if (rel === REPORT) text = text.replace(...EDITED_LINE_39);
      const { model, count } = expectedFindings(text, rel);
      if (!model.isTrialSummary) continue;
      files++;
      for (const k of Object.keys(total)) total[k] += count[k];
    }
    const hidden = expectedFindings(fs.readFileSync(path.join(s.workspace, UNOPENED), 'utf8'), UNOPENED);
    assert.ok(hidden.count.error + hidden.count.warning > 0, 'the unopened report has something to find');
    await filterProblems(s.page, unopened);
    assert.equal(problemsByFile(await allProblems(s.page))[unopened], undefined, 'no problems for it before the check');

    const toasts = s.page.locator('.notifications-toasts .notification-toast');
    const seen = new Set();
    let watching = true;
    const watch = (async () => {
      while (watching) {
        for (const t of await toasts.allInnerTexts().catch(() => [])) seen.add(t.replace(/\s*\n\s*/g, ' '));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      await runCommand(s.page, `${cmd.category}: ${cmd.title}`);
      const summary = await waitUntil(() => [...seen].find((t) => /trial summar(y|ies) checked/.test(t)), 'the summary notification');
      assert.match(summary, new RegExp(`Trial Report: ${files} trial summaries checked, ${total.error} error\\(s\\), ${total.warning} warning\\(s\\)\\.`));
      assert.ok([...seen].some((t) => /Trial Report: checking the workspace/.test(t)), `the progress notification: ${JSON.stringify([...seen])}`);
    } finally {
      watching = false;
      await watch;
    }
    const rows = await waitUntil(async () => {
      const f = problemsByFile(await allProblems(s.page))[unopened];
      return f && f.rows.length === hidden.findings.length ? f.rows : false;
    }, `the problems of ${UNOPENED}`);
    assert.deepEqual(positions(rows.map((r) => r.text)), hidden.positions);
    assert.deepEqual(severityCounts(rows), hidden.count);
    assert.match(rows.map((r) => r.text).join('\n'), /TR101/);
    assert.equal(await s.page.locator(`.tabs-container .tab[data-resource-name="${unopened}"]`).count(), 0, 'still not opened');
    await shot(s.page, 'workspace-check');
  });

  it('cancels a long workspace check from its progress notification and reads "cancelled" in the summary', async () => {
    // 800 reports: long enough to press Cancel while the progress notification is up.
    const bulk = path.join(s.workspace, 'bulk');
    fs.mkdirSync(bulk);
    const seedText = fs.readFileSync(path.join(REPO, 'examples', REPORT), 'utf8');
    for (let i = 0; i < 800; i++) fs.writeFileSync(path.join(bulk, `r-${String(i).padStart(3, '0')}.trial.md`), seedText);
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const cmd = manifest.contributes.commands.find((c) => c.command === 'trialReport.checkWorkspace');
    const toasts = s.page.locator('.notifications-toasts .notification-toast');
    try {
      // The previous check's summary may still be up: clear it, so the next summary is this run's.
      await runCommand(s.page, 'Notifications: Clear All Notifications');
      await waitUntil(async () => (await toasts.count()) === 0, 'no notification left');
      await runCommand(s.page, `${cmd.category}: ${cmd.title}`);
      const progress = toasts.filter({ hasText: 'checking the workspace' });
      const cancel = progress.getByRole('button', { name: 'Cancel' });
      // The toast shows which file it is on ("12/803 bulk/r-011.trial.md"): wait until it is under way.
      await waitUntil(async () => /\d+\/\d+ /.test(await progress.innerText().catch(() => '')), 'the progress notification counting files');
      await cancel.click();
      const summary = await waitUntil(async () => (await toasts.allInnerTexts()).map((t) => t.replace(/\s*\n\s*/g, ' ')).find((t) => /trial summar(y|ies) checked/.test(t)), 'the summary after Cancel', { timeoutMs: 60_000 });
      const m = /Trial Report: cancelled; (\d+) trial summar(?:y|ies) checked/.exec(summary);
      assert.ok(m, summary);
      assert.ok(Number(m[1]) < 800, `stopped before the end: ${summary}`);
      await shot(s.page, 'workspace-check-cancelled');
    } finally {
      fs.rmSync(bulk, { recursive: true, force: true });
    }
  });

  it('opens the format 1.1 example, sees its impossible mean (TR116), the preview\'s flow diagram with the losses per arm, and fixes the mean', async () => {
    const KNEE = 'knee-exercise-continuous.trial.md';
    const expected = expectedFindings(fs.readFileSync(path.join(s.workspace, KNEE), 'utf8'), KNEE);
    const grim = expected.findings.filter((f) => f.ruleId === 'TR116');
    assert.equal(grim.length, 1, 'the example has one impossible mean');
    const at = `${grim[0].range.start.line}:${grim[0].range.start.column}`;
    const flow = expected.model.arms.map((a) => ({ label: a.label, lost: a.lost?.value }));
    assert.ok(flow.every((a) => a.lost > 0), 'every arm of the example has losses to show');
    await s.page.keyboard.press('Control+1');
    await quickOpenFile(s.page, KNEE);
    await filterProblems(s.page, 'TR116');
    const rows = await problemsWhere(s.page, (p) => p.length === 1, 'the TR116 problem');
    assert.deepEqual(positions(rows), [at]);
    assert.match(rows[0], /no 14 participants with scores in whole numbers have a mean of 18\.25; the nearest possible means are 18\.21 and 18\.29/);

    // The preview follows the report: the CONSORT flow drawn from the front matter, losses per arm.
    await runCommand(s.page, PREVIEW_COMMAND);
    await s.page.mouse.move(0, 0);
    const frame = await waitForWebview(s.page, { text: 'Assessed for eligibility', timeoutMs: 30_000 });
    const view = await waitUntil(() => frame.evaluate(() => {
      const fig = document.querySelector('figure.flow-full');
      const arms = [...(fig?.querySelectorAll('g.flow-arm') ?? [])].map((g) => ({
        label: g.querySelector(':scope > title')?.textContent ?? '',
        text: [...g.querySelectorAll('text')].map((t) => t.textContent).join(' | '),
      }));
      const marks = [...document.querySelectorAll('mark.finding')].filter((m) => /^TR116:/.test(m.title)).map((m) => `${m.getAttribute('data-line')}:${m.textContent}`);
      return fig && arms.length && marks.length ? { top: [...fig.querySelectorAll('text')].slice(0, 4).map((t) => t.textContent), arms, marks } : false;
    }), 'the flow diagram and the marked mean in the preview');
    assert.deepEqual(view.top.slice(0, 2), ['Assessed for eligibility', `n = ${expected.model.trial.assessed.value}`]);
    assert.deepEqual(view.arms.map((a) => a.label), flow.map((a) => a.label));
    view.arms.forEach((a, i) => assert.match(a.text, new RegExp(`Lost to follow-up \\| n = ${flow[i].lost}\\b|Lost to follow-up n = ${flow[i].lost}\\b`), a.text));
    assert.deepEqual(view.marks, [`${grim[0].range.start.line}:18.25`]);
    // Shown, not only in the DOM: the webview swaps in a document it loads into a pending frame
    // only once it has loaded; then the flow is scrolled into view and two frames painted.
    const frameElement = await frame.frameElement();
    await waitUntil(async () => (await frameElement.getAttribute('id')) === 'active-frame', 'the preview\'s frame to become the active one');
    await frame.evaluate(() => new Promise((done) => {
      document.querySelector('figure.flow-full').scrollIntoView({ block: 'start' });
      requestAnimationFrame(() => requestAnimationFrame(done));
    }));
    await shot(s.page, 'continuous-preview-flow');

    // The quick fix from the keyboard writes the nearest possible mean; the problem and the mark go.
    // (The editor beside the preview is narrow: the line wraps after the SD.)
    await s.page.keyboard.press('Control+1');
    await goTo(s.page, at);
    const menu = await quickFixMenu(s.page);
    assert.deepEqual(menu.titles.slice(0, 2), ['Replace 18.25 with 18.21', 'Replace 18.25 with 18.29']);
    await s.page.keyboard.press('Enter');
    await quickFixRows(s.page).first().waitFor({ state: 'hidden', timeout: 5_000 });
    await waitUntil(async () => /exercise: \{ mean: 18\.21, sd: 6\.1,/.test(await editorText(s.page)), 'the fixed mean in the editor');
    await problemsWhere(s.page, (p) => p.length === 0, 'no TR116 problem after the fix');
    await waitUntil(() => frame.evaluate(() => ![...document.querySelectorAll('mark.finding')].some((m) => /^TR116:/.test(m.title)) && !!document.querySelector('figure.flow-full')), 'the preview without the TR116 mark');
    await shot(s.page, 'continuous-fixed');
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
