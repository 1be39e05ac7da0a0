#!/usr/bin/env node
// Screenshots of the Trial Report preview in real Chromium, for docs/:
//   docs/preview-<example>-light.png, docs/preview-<example>-dark.png  (the webview HTML the
//     extension renders, with VS Code's theme variables, media/preview.css and preview.js)
//   docs/preview-<example>-high-contrast.png
//   docs/preview-export.png        (the exported standalone HTML, as a browser shows it)
//   docs/preview-export-print.png  (the same page with the print stylesheet)
//   docs/preview-<example>-<theme>-flow.png, -results.png  (for the format 1.1 example: the
//     participant-flow card and the results card on their own, in each theme)
// Each is the whole page at a 1280x800 viewport (a full-page capture, 1280 px wide); with
// --beside, also the preview at 640 px wide, as it sits beside the editor.
//
// Before writing, it checks each page: no SVG text overlaps another, no request left the page,
// no script error. Exit 0 ok, 1 a check failed. Each picture is quantised with pngquant when it
// is installed (a UI screenshot loses nothing visible at about 40% of the size).
//
// Usage: node scripts/preview-screenshots.mjs [--out DIR] [--beside]
//   --only NAME (repeatable): only that example's pictures, without the export ones.
//   Needs the e2e toolchain (bash scripts/setup-e2e.sh): Chromium and playwright-core.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, loadRenderer, openPage, REPO, standaloneHtml, webviewHtml } from '../test/e2e-preview/harness.mjs';

const { values: opt } = parseArgs({
  options: { out: { type: 'string', default: path.join(REPO, 'docs') }, beside: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } },
});
const outDir = path.resolve(opt.out);
fs.mkdirSync(outDir, { recursive: true });

const EXAMPLES = ['il2-lupus-news', 'vitamin-d-care-homes', 'knee-exercise-continuous'];
/** Cards also taken on their own, per example: [selector, file suffix]. */
const CROPS = { 'knee-exercise-continuous': [['.card.arms', 'flow'], ['.results-card', 'results']] };
const log = (...a) => console.error('[preview-shots]', ...a);

/** Pairs of SVG <text> elements whose boxes intersect (by more than half a pixel). */
async function overlappingLabels(page) {
  return page.evaluate(() => {
    const out = [];
    for (const svg of document.querySelectorAll('svg')) {
      const boxes = [...svg.querySelectorAll('text')].map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r;
          const b = boxes[j].r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 0.5 && h > 0.5) out.push(`${svg.closest('figure')?.className ?? 'svg'}: "${boxes[i].t}" / "${boxes[j].t}"`);
        }
    }
    return out;
  });
}

/** SVG text drawn smaller than 9 CSS px (unreadable) at this viewport. */
async function tinyText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('svg text')]
      .map((t) => ({ t: t.textContent, h: t.getBoundingClientRect().height }))
      .filter((x) => x.h > 0 && x.h < 9)
      .map((x) => `"${x.t}" is ${x.h.toFixed(1)} px tall`),
  );
}

function quantise(dest) {
  const r = spawnSync('pngquant', ['--quality=80-95', '--speed', '1', '--strip', '--skip-if-larger', '--force', '--ext', '.png', dest], { encoding: 'utf8' });
  if (r.error) log('pngquant not found (apt-get install pngquant): the pictures are not quantised');
}

const failures = [];
async function shoot(browser, html, { kind, theme, file, width = 1280, print = false, crops = [] }) {
  const p = await openPage(browser, html, { kind, theme, viewport: { width, height: 800 } });
  try {
    if (print) await p.page.emulateMedia({ media: 'print' });
    await p.page.evaluate(() => document.fonts.ready);
    const problems = [...(await overlappingLabels(p.page)).map((s) => `overlap ${s}`), ...(await tinyText(p.page)), ...p.blocked.map((u) => `request left the page: ${u}`), ...p.consoleErrors, ...p.xss.map((x) => `script ran: ${x}`)];
    if (problems.length) failures.push(...problems.map((s) => `${file}: ${s}`));
    const dest = path.join(outDir, file);
    await p.page.screenshot({ path: dest, fullPage: true });
    quantise(dest);
    const dims = await p.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
    log(`wrote ${path.relative(REPO, dest)} (${dims[0]}x${dims[1]})${problems.length ? ` with ${problems.length} problem(s)` : ''}`);
    for (const [selector, suffix] of crops) {
      const crop = path.join(outDir, file.replace(/\.png$/, `-${suffix}.png`));
      const el = await p.page.$(selector);
      if (!el) {
        failures.push(`${file}: no ${selector} to crop`);
        continue;
      }
      await el.screenshot({ path: crop });
      quantise(crop);
      log(`wrote ${path.relative(REPO, crop)}`);
    }
  } finally {
    await p.context.close();
  }
}

const renderer = loadRenderer();
const browser = await launchChromium();
try {
  for (const name of EXAMPLES.filter((n) => !opt.only || opt.only.includes(n))) {
    const file = path.join(REPO, 'examples', `${name}.trial.md`);
    const text = fs.readFileSync(file, 'utf8');
    for (const theme of ['light', 'dark', 'high-contrast']) {
      await shoot(browser, webviewHtml(renderer, text, file), { kind: 'webview', theme, file: `preview-${name}-${theme}.png`, crops: CROPS[name] ?? [] });
    }
    if (opt.beside) await shoot(browser, webviewHtml(renderer, text, file), { kind: 'webview', theme: 'light', file: `preview-${name}-beside.png`, width: 640 });
  }
  if (!opt.only) {
    const vd = path.join(REPO, 'examples', 'vitamin-d-care-homes.trial.md');
    const exported = standaloneHtml(renderer, fs.readFileSync(vd, 'utf8'), vd);
    await shoot(browser, exported, { kind: 'standalone', theme: 'light', file: 'preview-export.png' });
    await shoot(browser, exported, { kind: 'standalone', theme: 'light', file: 'preview-export-print.png', print: true });
  }
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
log('all pages passed the layout and network checks');
