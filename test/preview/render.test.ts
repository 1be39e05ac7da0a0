// The preview renderer: content, computed intervals, finding marks, sanitising, CSP.
import { strict as assert } from 'node:assert';
import { analyzeDocument, type Analysis } from '../../src/core/check.js';
import { wilson } from '../../src/core/stats.js';
import type { Finding, Severity } from '../../src/core/types.js';
import { escapeHtml, registryUrl, renderReport, renderReportBody, type RenderOptions } from '../../src/preview/render.js';

const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const WEBVIEW: RenderOptions = {
  mode: 'webview',
  nonce: NONCE,
  cspSource: CSP_SOURCE,
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js',
  version: 7,
};
const STANDALONE: RenderOptions = { mode: 'standalone', inlineCss: 'body { color: red; }' };

const SECTIONS = `
# Low-dose IL-2

## Background

Low-dose interleukin-2 expands regulatory T cells.

## Methods

Adults were randomized 1:1.

## Results

At week 24, 60.5% (23/38) of patients on IL-2 responded, against 23.7% (9/38) on placebo.

| Arm | n | Response, n (%) |
|---|---:|---:|
| Placebo | 38 | 9 (23.7) |
| IL-2 1.0 MIU | 38 | 23 (60.5) |

## Safety

Infections occurred in 6 of 38 patients on placebo.

## Conclusions

This is **very** important.
`;

const TRIAL = `---
trial:
  title: Low-dose interleukin-2 in active SLE
  registration: NCT04077684
  phase: "2b"
  design: [randomized, double-blind, placebo-controlled]
  population: Adults with active systemic lupus erythematosus
  randomized: 76
  allocation: "1:1"
  duration: 24 weeks
arms:
  - id: placebo
    label: Placebo
    randomized: 38
    aliases: [placebo]
  - id: il2
    label: IL-2 1.0 MIU
    dose: 1.0 million IU every other day
    randomized: 38
    aliases: [IL-2]
endpoints:
  - id: sri4
    label: SRI-4 response at week 24
    primary: true
    type: binary
    results:
      placebo: { events: 9, n: 38 }
      il2: { events: 23, n: 38, percent: 60.5 }
    comparisons:
      - arm: il2
        versus: placebo
        measure: risk difference
        estimate: 36.8
        ci: [16.2, 57.4]
        p: 0.001
adverse_events:
  - term: Infections
    results:
      placebo: { events: 6, n: 38 }
      il2: { events: 2, n: 38 }
---
${SECTIONS}`;

function analyze(text: string, fileName = 'x.trial.md'): Analysis {
  return analyzeDocument(text, { fileName });
}

/** An analysis with hand-made findings, so the marking tests do not depend on the rules. */
function withFindings(a: Analysis, findings: Finding[]): Analysis {
  return { ...a, findings };
}

/** A finding on the first occurrence of `needle` (after `after`) in the source text. */
function findingAt(a: Analysis, needle: string, ruleId = 'TR999', severity: Severity = 'error', after = 0): Finding {
  const start = a.doc.text.indexOf(needle, after);
  assert.ok(start >= 0, `fixture lacks ${needle}`);
  return { ruleId, severity, message: `about ${needle}`, range: a.doc.lines.range(start, start + needle.length) };
}

/** Text content of the marks for finding `i` (tags removed, entities of the escaper undone). */
function markedText(html: string, i: number): string[] {
  const out: string[] = [];
  const re = new RegExp(`<mark [^>]*data-finding="${i}"[^>]*>([\\s\\S]*?)</mark>`, 'g');
  for (const m of html.matchAll(re)) out.push(unescape(m[1]!.replace(/<[^>]+>/g, '')));
  return out;
}

function unescape(s: string): string {
  return s.replace(/&lt;|&#x3C;/g, '<').replace(/&#x3E;/g, '>').replace(/&#x22;/g, '"').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x26;|&amp;/g, '&');
}

/** Every start tag in the output (quote-aware), for attribute checks. */
function startTags(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][^\s/>]*(?:\s+[^\s"'=<>`/]+(?:="[^"]*")?)*\s*\/?>/g)].map((m) => m[0]);
}

/** A start tag with its attribute values blanked, so escaped data in them cannot confuse checks. */
function tagShape(tag: string): string {
  return tag.replace(/="[^"]*"/g, '=""');
}

/** Reference Wilson score interval, written independently of src/core/stats.ts. */
function wilsonRef(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const a = 2 * n * p + z * z;
  const b = z * Math.sqrt(z * z + 4 * n * p * (1 - p));
  const c = 2 * (n + z * z);
  return [(100 * (a - b)) / c, (100 * (a + b)) / c];
}

/** The SVG of the first bar chart (the flow diagram comes before it). */
function chartSvg(html: string): string | undefined {
  return /<figure class="chart"><svg [\s\S]*?<\/svg>/.exec(html)?.[0];
}

describe('preview renderer', () => {
  describe('trial card and tables', () => {
    const html = renderReport(analyze(TRIAL), STANDALONE);

    it('renders a full document with the trial title', () => {
      assert.match(html, /^<!DOCTYPE html>/);
      assert.match(html, /<h1>Low-dose interleukin-2 in active SLE<\/h1>/);
      assert.match(html, /<title>Low-dose interleukin-2 in active SLE<\/title>/);
    });

    it('shows the trial facts', () => {
      for (const [label, value] of [
        ['Phase', '2b'],
        ['Population', 'Adults with active systemic lupus erythematosus'],
        ['N randomised', '76'],
        ['Allocation', '1:1'],
        ['Duration', '24 weeks'],
      ]) {
        assert.match(html, new RegExp(`<dt>${label}</dt><dd>${value}</dd>`), label);
      }
      for (const d of ['randomized', 'double-blind', 'placebo-controlled']) assert.ok(html.includes(`<li>${d}</li>`), d);
    });

    it('links a ClinicalTrials.gov registration', () => {
      assert.ok(html.includes('<a href="https://clinicaltrials.gov/study/NCT04077684" rel="noopener noreferrer">NCT04077684</a>'));
    });

    it('links only registry ids of a known pattern', () => {
      assert.equal(registryUrl('NCT04077684'), 'https://clinicaltrials.gov/study/NCT04077684');
      assert.equal(registryUrl('ISRCTN12345678'), 'https://www.isrctn.com/ISRCTN12345678');
      assert.equal(registryUrl('NCT0407768'), undefined);
      assert.equal(registryUrl('ChiCTR2000029999'), undefined);
      assert.equal(registryUrl('javascript:alert(1)//NCT04077684'), undefined);
      const other = renderReport(analyze(TRIAL.replace('NCT04077684', 'ChiCTR2000029999')), STANDALONE);
      assert.ok(other.includes('<dd>ChiCTR2000029999</dd>'));
      assert.ok(!/<a [^>]*>ChiCTR/.test(other));
    });

    it('lists the arms with dose, randomised and analysed', () => {
      assert.match(html, /<th scope="row">IL-2 1\.0 MIU <code class="id">il2<\/code><\/th><td>1\.0 million IU every other day<\/td><td class="num">38<\/td>/);
      assert.match(html, /<th scope="row">Placebo <code class="id">placebo<\/code><\/th><td><span class="muted">—<\/span><\/td>/);
    });

    it('shows events/n, share and the labelled Wilson interval per arm', () => {
      assert.ok(html.includes('95% CI (Wilson, computed)'));
      assert.match(html, /<th scope="row">Placebo<\/th><td class="num">9 \/ 38<\/td><td class="num"><span class="computed"[^>]*>23\.7<\/span><\/td><td class="num">13\.0–39\.2<\/td>/);
      assert.match(html, /<th scope="row">IL-2 1\.0 MIU<\/th><td class="num">23 \/ 38<\/td><td class="num">60\.5<\/td><td class="num">44\.7–74\.4<\/td>/);
    });

    it('shows the comparisons', () => {
      assert.match(html, /IL-2 1\.0 MIU <span class="muted">vs<\/span> Placebo<\/th><td>risk difference<\/td><td class="num">36\.8 <span class="unit">pp<\/span><\/td><td class="num"><span class="muted">95%<\/span> 16\.2 to 57\.4<\/td><td class="num">0\.001<\/td>/);
    });

    it('shows adverse events per arm', () => {
      assert.match(html, /<th scope="row">Infections<\/th><td class="num">6\/38 \(<span class="computed"[^>]*>15\.8<\/span>%\)<\/td><td class="num">2\/38 \(<span class="computed"[^>]*>5\.3<\/span>%\)<\/td>/);
    });

    it('renders the body without the front matter', () => {
      assert.ok(html.includes('<h2 class="code-line" data-line="'));
      assert.ok(html.includes('Low-dose interleukin-2 expands regulatory T cells.'));
      assert.ok(!html.includes('aliases:'));
      assert.ok(html.includes('<strong>very</strong>'));
    });

    it('puts the source line of each top-level block in data-line', () => {
      const a = analyze(TRIAL);
      const body = renderReportBody(a, STANDALONE);
      const line = (s: string): number => a.doc.lines.position(a.doc.text.indexOf(s)).line;
      // Each is also a scroll-sync anchor (class code-line).
      assert.ok(body.includes(`<h2 class="code-line" data-line="${line('## Methods')}">Methods</h2>`));
      assert.ok(body.includes(`<table class="code-line" data-line="${line('| Arm | n |')}">`));
      assert.ok(body.includes(`<p class="code-line" data-line="${line('Low-dose interleukin-2 expands')}">`));
    });
  });

  describe('Wilson intervals', () => {
    it('matches an independent formula', () => {
      for (const [k, n] of [[9, 38], [23, 38], [0, 20], [20, 20], [1, 29], [81, 263], [500, 1000]] as const) {
        const [lo, hi] = wilson(k, n);
        const [rlo, rhi] = wilsonRef(k, n);
        assert.ok(Math.abs(lo - rlo) < 1e-6 && Math.abs(hi - rhi) < 1e-6, `${k}/${n}: ${lo}–${hi} vs ${rlo}–${rhi}`);
      }
    });

    it('matches published values (Newcombe 1998, Table I: 81/263, 15/148, 0/20)', () => {
      const close = (got: [number, number], want: [number, number]): void =>
        assert.ok(Math.abs(got[0] - want[0]) < 0.01 && Math.abs(got[1] - want[1]) < 0.01, `${got.join('–')} vs ${want.join('–')}`);
      close(wilson(81, 263), [25.53, 36.62]);
      close(wilson(15, 148), [6.24, 16.05]);
      close(wilson(0, 20), [0, 16.11]);
    });

    it('9/38 is 13.0% to 39.2% and 23/38 is 44.7% to 74.4%', () => {
      const f = (x: [number, number]): string => x.map((v) => v.toFixed(1)).join('–');
      assert.equal(f(wilson(9, 38)), '13.0–39.2');
      assert.equal(f(wilsonRef(9, 38)), '13.0–39.2');
      assert.equal(f(wilson(23, 38)), '44.7–74.4');
    });

    it('is not shown for a model-based estimate or for a share without counts', () => {
      const doc = TRIAL.replace('placebo: { events: 9, n: 38 }', 'placebo: { percent: 23.7 }').replace(
        'il2: { events: 23, n: 38, percent: 60.5 }',
        'il2: { events: 23, n: 38, percent: 58.1, estimate: adjusted }',
      );
      const html = renderReport(analyze(doc), STANDALONE);
      assert.ok(!html.includes('13.0–39.2'));
      assert.ok(!html.includes('44.7–74.4'));
      assert.match(html, /58\.1<\/td>|58\.1 <span class="badge"/);
    });
  });

  describe('chart', () => {
    it('draws one bar per arm with Wilson whiskers and separate label rows', () => {
      const html = renderReport(analyze(TRIAL), STANDALONE);
      const svg = chartSvg(html);
      assert.ok(svg);
      assert.equal((svg.match(/<rect class="bar/g) ?? []).length, 2);
      assert.equal((svg.match(/<g class="whisker">/g) ?? []).length, 2);
      const labels = [...svg.matchAll(/<text class="label" x="([\d.]+)" y="([\d.]+)"/g)].map((m) => Number(m[2]));
      assert.equal(labels.length, 2);
      assert.ok(Math.abs(labels[1]! - labels[0]!) >= 20, 'labels are a row apart');
      assert.ok(svg.includes('60.5%') && svg.includes('23.7%'));
    });

    it('truncates a long arm label and keeps it whole in the tooltip', () => {
      const long = 'An exceptionally long arm label that would never fit beside its bar in the chart';
      const html = renderReport(analyze(TRIAL.replace('label: Placebo', `label: ${long}`)), STANDALONE);
      const svg = chartSvg(html)!;
      const label = /<text class="label"[^>]*>([^<]*)<\/text>/.exec(svg)![1]!;
      assert.ok(label.endsWith('…') && label.length < long.length, label);
      assert.ok(svg.includes(`<title>${long}:`));
      // The value text starts right of the label column.
      const labelX = Number(/<text class="label" x="([\d.]+)"/.exec(svg)![1]);
      const barX = Number(/<rect class="bar[^"]*" x="([\d.]+)"/.exec(svg)![1]);
      assert.ok(barX > labelX);
    });
  });

  describe('finding marks', () => {
    it('marks the exact source text of a body finding', () => {
      const a = analyze(TRIAL);
      const f = findingAt(a, '23.7% (9/38)', 'TR103', 'error', a.doc.text.indexOf('At week 24'));
      const html = renderReport(withFindings(a, [f]), STANDALONE);
      assert.deepEqual(markedText(html, 0), ['23.7% (9/38)']);
      assert.match(html, /<mark class="finding error" id="finding-0" title="TR103: about 23\.7% \(9\/38\)" data-line="\d+" data-column="\d+" data-finding="0">23\.7% \(9\/38\)<\/mark>/);
      // The problems list links to it.
      assert.ok(html.includes('<a class="problem-link" href="#finding-0">'));
    });

    it('splits a finding across emphasis into one mark per text node', () => {
      const a = analyze(TRIAL);
      const f = findingAt(a, 'is **very** imp', 'TR112', 'warning');
      const html = renderReport(withFindings(a, [f]), STANDALONE);
      assert.deepEqual(markedText(html, 0), ['is ', 'very', ' imp']);
      assert.ok(html.includes('This <mark class="finding warning"'));
      assert.ok(html.includes('</mark>ortant.'));
    });

    it('marks text in body table cells', () => {
      const a = analyze(TRIAL);
      const f = findingAt(a, '23 (60.5)', 'TR105', 'info', a.doc.text.indexOf('| IL-2 1.0 MIU | 38 |'));
      const html = renderReport(withFindings(a, [f]), STANDALONE);
      assert.deepEqual(markedText(html, 0), ['23 (60.5)']);
      assert.match(html, /<td align="right"><mark class="finding info"/);
    });

    it('combines overlapping findings and uses the worst severity', () => {
      const a = analyze(TRIAL);
      const start = a.doc.text.indexOf('60.5% (23/38)');
      const f1 = findingAt(a, '60.5% (23/38)', 'TR103', 'warning', start);
      const f2 = findingAt(a, '23/38', 'TR105', 'error', start);
      const html = renderReport(withFindings(a, [f1, f2]), STANDALONE);
      // The middle run is covered by both; it carries the first finding's index.
      assert.deepEqual(markedText(html, 0), ['60.5% (', '23/38', ')']);
      assert.match(html, /<mark class="finding error"[^>]*title="TR103: about 60\.5% \(23\/38\)\nTR105: about 23\/38"[^>]*>23\/38<\/mark>/);
    });

    it('keeps marks aligned when the text has escapes and entities', () => {
      const a = analyze(TRIAL.replace('This is **very** important.', 'Risk \\* was 12 &amp; 34% in total.'));
      const f = findingAt(a, '34%', 'TR104', 'error');
      const html = renderReport(withFindings(a, [f]), STANDALONE);
      assert.deepEqual(markedText(html, 0), ['34%']);
    });

    it('marks the card or table cell of a front-matter finding (TR103 on a result percent)', () => {
      const a = analyze(TRIAL.replace('il2: { events: 23, n: 38, percent: 60.5 }', 'il2: { events: 23, n: 38, percent: 65.8 }'));
      const i = a.findings.findIndex((f) => f.ruleId === 'TR103');
      assert.ok(i >= 0, 'TR103 expected from the core');
      const html = renderReport(a, STANDALONE);
      assert.deepEqual(markedText(html, i), ['65.8']);
      assert.match(html, /<li class="problem error" data-line="\d+" data-column="\d+" data-finding="\d+"><a class="problem-link" href="#finding-\d+"><span class="sev" aria-label="error"><\/span><span class="rule">TR103<\/span><span class="loc">line \d+ \(front matter\)<\/span>/);
    });

    it('marks arm and trial counts by range', () => {
      const a = analyze(TRIAL);
      const arm = a.model.arms[1]!;
      const findings: Finding[] = [
        { ruleId: 'TR101', severity: 'error', message: 'arms do not add up', range: a.model.trial.randomized!.range },
        { ruleId: 'TR102', severity: 'warning', message: 'too many', range: arm.randomized!.range },
      ];
      const html = renderReport(withFindings(a, findings), STANDALONE);
      assert.match(html, /<dt>N randomised<\/dt><dd><mark class="finding error"[^>]*data-finding="0">76<\/mark><\/dd>/);
      assert.match(html, /<td class="num"><mark class="finding warning"[^>]*data-finding="1">38<\/mark><\/td>/);
    });

    it('lists every finding with rule, line and message, counted by severity', () => {
      const a = analyze(TRIAL);
      const findings = [findingAt(a, 'Adults were', 'TR106', 'warning'), findingAt(a, 'Infections occurred', 'TR107', 'info'), findingAt(a, 'This is', 'TR112', 'error')];
      const html = renderReport(withFindings(a, findings), WEBVIEW);
      assert.ok(html.includes('<span class="count error">1 error</span><span class="count warning">1 warning</span><span class="count info">1 info</span>'));
      const line = findings[0]!.range.start.line;
      assert.ok(html.includes(`<li class="problem warning" data-line="${line}" data-column="1" data-finding="0" tabindex="0" role="button" title="Reveal in editor"><span class="sev" aria-label="warning"></span><span class="rule">TR106</span><span class="loc">line ${line}</span><span class="msg">about Adults were</span>`));
    });

    it('shows suppressions with their justification', () => {
      const doc = TRIAL.replace('## Safety\n', '## Safety\n\n<!-- trial-report-disable-next-line TR104 -- adjusted <b>CMH</b> -->\n');
      const a = analyze(doc);
      const withS: Analysis = { ...a, suppressions: [{ ruleId: 'TR104', line: 3, justification: 'adjusted <b>CMH</b>' }] };
      const html = renderReport(withS, STANDALONE);
      assert.ok(html.includes('1 suppressed finding'));
      assert.ok(html.includes('adjusted &lt;b&gt;CMH&lt;/b&gt;'));
    });
  });

  describe('security', () => {
    const EVIL_BODY = `
# Evil

<script>alert('body-script')</script>

<img src=x onerror=alert(1)>

Click [x](javascript:alert(1)) or [y](JaVaScRiPt:alert(2)) or [z](data:text/html;base64,PHNjcmlwdD4=) or [ok](https://example.org/a?b=1&c=2).

<iframe src="https://evil.example/frame"></iframe>

<svg onload=alert(1)><circle r="4"/></svg>

Inline <span onmouseover="alert(1)">html</span> and <a href="javascript:alert(3)">raw link</a>.

![remote](http://evil.example/track.png) ![relative](./pic.png) ![inline](data:image/png;base64,iVBORw0KGgo=) ![svg](data:image/svg+xml;base64,PHN2Zz4=)

<style>body { display: none }</style>

\`<script>in code</script>\`

## Background
`;
    const EVIL_TRIAL = `---
trial:
  title: "<script>alert('title')</script>"
  registration: "<img src=x onerror=alert(1)>"
  phase: "2"
  design: ["<svg onload=alert(1)>"]
  population: "<iframe src=javascript:alert(1)>"
  randomized: 10
  allocation: "\\"><script>alert(1)</script>"
  duration: "</style><script>alert(1)</script>"
arms:
  - id: a
    label: "<img src=x onerror=alert('label')>"
    dose: "<a href=javascript:alert(1)>dose</a>"
    randomized: 10
endpoints:
  - id: e
    label: "<svg onload=alert('endpoint')>"
    type: binary
    results:
      a: { events: 3, n: 10 }
adverse_events:
  - term: "<script>alert('ae')</script>"
    results:
      a: { events: 1, n: 10 }
---
${EVIL_BODY}`;

    const INLINE_IMG = ['<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">'];

    function assertSafe(html: string, images: string[] = INLINE_IMG): void {
      // No executable or remote-loading elements, no event handlers, no script URLs.
      assert.ok(!/<script/i.test(html.replace(/<script nonce="[^"]+" src="[^"]+"><\/script>/, '')), 'script element');
      assert.ok(!/<(iframe|svg onload|img src=x)/i.test(html), 'no literal dangerous markup anywhere, attributes included');
      for (const tag of ['iframe', 'img', 'style', 'object', 'embed', 'link', 'base', 'form']) {
        const found = startTags(html).filter((t) => t.toLowerCase().startsWith(`<${tag}`) && !(tag === 'link' && t.startsWith('<link rel="stylesheet" nonce=')) && !(tag === 'style' && t === '<style>'));
        if (tag === 'img') assert.deepEqual(found, images, 'img');
        else assert.deepEqual(found, [], tag);
      }
      for (const t of startTags(html)) {
        assert.ok(!/\son[a-z]+\s*=/i.test(tagShape(t)), `event handler in ${t}`);
        assert.ok(!/(href|src)\s*=\s*"?\s*(javascript|vbscript|data:text)/i.test(t), `script URL in ${t}`);
        if (t.startsWith('<svg')) assert.ok(t.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox='), `foreign svg ${t}`);
      }
      assert.ok(!html.includes('evil.example'), 'remote reference');
      assert.equal((html.match(/<style>/g) ?? []).length <= 1, true);
      assert.ok(!/<\/style>[\s\S]*<\/style>/.test(html), 'style closed twice');
    }

    it('drops raw HTML and unsafe links from the body', () => {
      const a = analyze(EVIL_BODY, 'evil.trial.md');
      for (const mode of [STANDALONE, WEBVIEW]) {
        const html = renderReport(a, mode);
        assertSafe(html);
        assert.ok(html.includes('<a href="https://example.org/a?b=1&#x26;c=2">ok</a>') || html.includes('<a href="https://example.org/a?b=1&amp;c=2">ok</a>'));
        assert.ok(html.includes('<a>x</a>'), 'javascript: link loses its href');
        assert.ok(html.includes('[image not shown: remote]') && html.includes('[image not shown: relative]') && html.includes('[image not shown: svg]'));
        assert.ok(html.includes('<code>&#x3C;script>in code&#x3C;/script></code>') || html.includes('<code>&lt;script&gt;in code&lt;/script&gt;</code>'));
      }
    });

    it('escapes front-matter strings in the card, tables, chart and title', () => {
      const a = analyze(EVIL_TRIAL, 'evil.trial.md');
      assert.equal(a.model.trial.title?.value, "<script>alert('title')</script>");
      for (const mode of [STANDALONE, WEBVIEW]) {
        const html = renderReport(a, mode);
        assertSafe(html);
        assert.ok(html.includes('<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>'));
        assert.ok(html.includes('&lt;img src=x onerror=alert(&#39;label&#39;)&gt;'));
        assert.ok(html.includes('&lt;svg onload=alert(&#39;endpoint&#39;)&gt;'));
        assert.ok(html.includes('&lt;script&gt;alert(&#39;ae&#39;)&lt;/script&gt;'));
        assert.ok(html.includes('&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
      }
    });

    it('escapes finding messages and titles of marks', () => {
      const a = analyze(TRIAL);
      const f: Finding = { ...findingAt(a, 'Adults were'), message: '"><script>alert(1)</script>', expected: ['<b>x</b>'] };
      const html = renderReport(withFindings(a, [f]), STANDALONE);
      assertSafe(html, []);
      const titles = [...html.matchAll(/<mark [^>]*?title="([^"]*)"/g)].map((m) => unescape(m[1]!));
      assert.deepEqual(titles, ['TR999: "><script>alert(1)</script>']);
      assert.ok(html.includes('expected &lt;b&gt;x&lt;/b&gt;'));
    });

    it('escapes the title option and keeps inline CSS inside its element', () => {
      const a = analyze('# x\n', 'x.md');
      const html = renderReport(a, { mode: 'standalone', title: '</title><script>alert(1)</script>', inlineCss: 'a{} </style><script>alert(1)</script>' });
      // The CSS cannot close its <style> element, so what follows stays inert CSS text.
      assert.ok(html.includes('<style>a{} <\\/style><script>alert(1)</script></style>'));
      assert.ok(!/<script/i.test(html.replace(/<style>[\s\S]*?<\/style>/, '')));
      assert.ok(html.includes('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>'));
      assert.equal((html.match(/<\/style>/g) ?? []).length, 1);
    });

    it('escapeHtml escapes the five characters', () => {
      assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    });
  });

  describe('document shell and CSP', () => {
    it('webview: exact CSP, nonce on the script, stylesheet link, data-version', () => {
      const html = renderReport(analyze(TRIAL), WEBVIEW);
      const csp = `default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; font-src ${CSP_SOURCE};`;
      assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
      assert.ok(html.includes(`<script nonce="${NONCE}" src="${WEBVIEW.scriptUri}"></script>`));
      assert.equal((html.match(/<script/g) ?? []).length, 1);
      assert.ok(html.includes(`<link rel="stylesheet" nonce="${NONCE}" href="${WEBVIEW.styleUri}">`));
      assert.ok(html.includes('<body class="trial-report mode-webview" data-version="7">'));
      assert.ok(!html.includes('<style'));
      assert.ok(!/style="/.test(html), 'no inline style attributes (blocked by the CSP)');
    });

    it('webview: refuses to render without a nonce or cspSource', () => {
      const a = analyze(TRIAL);
      assert.throws(() => renderReport(a, { ...WEBVIEW, nonce: undefined as unknown as string }));
      assert.throws(() => renderReport(a, { ...WEBVIEW, nonce: "abc'; script-src *" }));
      assert.throws(() => renderReport(a, { ...WEBVIEW, cspSource: "x; script-src 'unsafe-inline'" }));
      assert.throws(() => renderReport(a, { ...WEBVIEW, cspSource: "'self' 'unsafe-inline'" }));
      assert.throws(() => renderReport(a, { ...WEBVIEW, cspSource: 'https://a.b">' }));
    });

    it("webview: accepts VS Code's own cspSource list (`'self' https://*.vscode-cdn.net`)", () => {
      const html = renderReport(analyze(TRIAL), { ...WEBVIEW, cspSource: "'self' https://*.vscode-cdn.net" });
      assert.ok(html.includes('img-src &#39;self&#39; https://*.vscode-cdn.net data:;'), 'attribute-escaped quotes, which the browser decodes');
    });

    it('standalone: strict CSP, inlined CSS and no script at all', () => {
      const html = renderReport(analyze(TRIAL), STANDALONE);
      assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">`));
      assert.ok(html.includes('<style>body { color: red; }</style>'));
      assert.ok(!/<script/i.test(html));
      assert.ok(!/\son[a-z]+=/i.test(startTags(html).join('')));
      const remote = /(src|href)="\/\/|url\(|@import|https?:\/\/(?!clinicaltrials\.gov\/study\/|www\.w3\.org\/2000\/svg)\S*/.exec(html);
      assert.equal(remote?.[0], undefined, 'no remote references');
    });

    it('renderReportBody is the inner HTML of #report', () => {
      const a = analyze(TRIAL);
      const inner = renderReportBody(a, WEBVIEW);
      assert.ok(renderReport(a, WEBVIEW).includes(`<main id="report">${inner}</main>`));
    });
  });

  describe('documents that are not (valid) trial summaries', () => {
    it('says a plain Markdown file is not a trial summary and still renders it', () => {
      const a = analyze('---\ntitle: Notes\n---\n\n# Meeting notes\n\n60% of 38 people liked it.\n', 'notes.md');
      assert.equal(a.model.isTrialSummary, false);
      const html = renderReport(a, STANDALONE);
      assert.ok(html.includes('This document is not a trial summary'));
      assert.ok(html.includes('60% of 38 people liked it.'));
      assert.ok(!html.includes('class="card problems"'));
      assert.ok(!html.includes('title: Notes'));
    });

    it('shows a YAML parse error prominently and still renders the body', () => {
      const a = analyze(TRIAL.replace('title: Low-dose interleukin-2 in active SLE', 'title: Low-dose: IL-2 in SLE'));
      assert.ok(a.findings.some((f) => f.ruleId === 'TR202'));
      const html = renderReport(a, STANDALONE);
      assert.match(html, /<div class="banner error" role="alert"><strong>The front matter could not be parsed\.<\/strong>/);
      assert.match(html, /<span class="loc">line 3, column \d+<\/span> Front matter is not valid YAML/);
      assert.ok(html.includes('Low-dose interleukin-2 expands regulatory T cells.'));
      assert.ok(!html.includes('class="card trial-card"'));
      assert.ok(html.indexOf('banner error') < html.indexOf('class="card problems"'));
    });

    it('renders a trial summary without front matter', () => {
      const html = renderReport(analyze(SECTIONS), STANDALONE);
      assert.ok(html.includes('<span class="rule">TR201</span>'));
      assert.ok(html.includes('<h1>Low-dose IL-2</h1>'));
    });

    it('renders an empty document', () => {
      const html = renderReport(analyze('', 'x.md'), STANDALONE);
      assert.match(html, /<h1>Trial report<\/h1>/);
    });
  });
});
