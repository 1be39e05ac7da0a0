// The participant flow of format 1.1 (src/preview/flow.ts): what each box says, that the 1.0
// diagram is kept when no 1.1 value is given, that no text leaves its box for 1 to 4 arms, and
// that a finding on a flow count is shown on the count in the diagram and marked in the tables.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, type Analysis } from '../../src/core/check.js';
import type { Finding } from '../../src/core/types.js';
import { CHAR_W, flowDiagram } from '../../src/preview/figures.js';
import { clamp, fullFlowDiagram, hasFullFlow, participantFlow, wrap, type FlowCount, type FullFlowInput } from '../../src/preview/flow.js';
import { renderReport } from '../../src/preview/render.js';

const ROOT = path.resolve(__dirname, '../../..');
const KNEE = fs.readFileSync(path.join(ROOT, 'examples', 'knee-exercise-continuous.trial.md'), 'utf8');

const n = (value: number): FlowCount => ({ value, text: String(value) });

/** The knee example's flow, as the renderer passes it. */
const KNEE_FLOW: FullFlowInput = {
  assessed: n(418),
  excluded: n(226),
  exclusionReasons: [
    { reason: 'did not meet inclusion criteria', count: n(151) },
    { reason: 'declined to participate', count: n(58) },
    { reason: 'other reasons', count: n(17) },
  ],
  randomized: n(192),
  arms: [
    { label: 'Supervised exercise', randomized: n(96), received: n(94), discontinued: n(5), lost: n(3), completed: n(88), analysed: n(93) },
    { label: 'Usual care', randomized: n(96), received: n(96), discontinued: n(2), lost: n(4), completed: n(90), analysed: n(92) },
  ],
};

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  lines: { x: number; y: number; anchor: string; text: string }[];
}

/** Each box of the diagram (a `flow-box` group: one rect and its lines). */
function boxes(svg: string): Box[] {
  return [...svg.matchAll(/<g class="flow-box[^"]*">([\s\S]*?)<\/g>/g)].map((g) => {
    const r = /<rect class="box[^"]*" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(g[1]!)!;
    const lines = [...g[1]!.matchAll(/<text class="[^"]*" x="([-\d.]+)" y="([-\d.]+)" text-anchor="(\w+)">([^<]*)<\/text>/g)].map((m) => ({ x: +m[1]!, y: +m[2]!, anchor: m[3]!, text: m[4]! }));
    return { x: +r[1]!, y: +r[2]!, w: +r[3]!, h: +r[4]!, lines };
  });
}

/** Every line inside its box, with room (CHAR_W per character is generous). */
function assertFits(svg: string): void {
  for (const b of boxes(svg)) {
    for (const l of b.lines) {
      const w = [...l.text].length * CHAR_W;
      const left = l.anchor === 'middle' ? l.x - w / 2 : l.x;
      assert.ok(left >= b.x + 4 && left + w <= b.x + b.w - 4, `"${l.text}" (${w} wide) fits its box at ${b.x}+${b.w}`);
      assert.ok(l.y - 12 >= b.y && l.y + 4 <= b.y + b.h, `"${l.text}" is inside its box vertically`);
    }
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('preview participant flow (format 1.1)', () => {
  it('draws assessed → excluded with reasons → randomised → allocated → follow-up → analysed, counts as written', () => {
    const svg = fullFlowDiagram(KNEE_FLOW).html;
    assert.deepEqual(texts(svg), [
      'Assessed for eligibility', 'n = 418',
      'Excluded', 'n = 226', '• did not meet inclusion criteria: n = 151', '• declined to participate: n = 58', '• other reasons: n = 17',
      'Randomised', 'n = 192',
      'Allocated to Supervised exercise', 'n = 96', 'Received allocated intervention n = 94',
      'Follow-up', 'Lost to follow-up n = 3', 'Discontinued intervention n = 5', 'Completed n = 88',
      'Analysed', 'n = 93', '3 randomised not analysed',
      'Allocated to Usual care', 'n = 96', 'Received allocated intervention n = 96',
      'Follow-up', 'Lost to follow-up n = 4', 'Discontinued intervention n = 2', 'Completed n = 90',
      'Analysed', 'n = 92', '4 randomised not analysed',
    ]);
    assert.equal(boxes(svg).length, 9);
    assertFits(svg);
  });

  it('puts the excluded box beside the line from assessed to randomised, overlapping nothing', () => {
    const bs = boxes(fullFlowDiagram(KNEE_FLOW).html);
    const [assessed, excluded, randomised] = bs;
    assert.ok(excluded!.y >= assessed!.y + assessed!.h && excluded!.y + excluded!.h <= randomised!.y, 'between the two vertically');
    assert.ok(excluded!.x > assessed!.x + assessed!.w / 2, 'to the right of the main line');
    for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) assert.ok(!overlaps(bs[i]!, bs[j]!), `boxes ${i} and ${j} do not overlap`);
  });

  it('describes itself to a screen reader and says what it shows', () => {
    const svg = fullFlowDiagram(KNEE_FLOW).html;
    assert.equal(
      /aria-label="([^"]*)"/.exec(svg)![1],
      'Participant flow: 418 assessed for eligibility; 226 excluded (did not meet inclusion criteria 151, declined to participate 58, other reasons 17); 192 randomised; Supervised exercise: allocated 96, received allocated intervention 94, lost to follow-up 3, discontinued intervention 5, completed 88, analysed 93; Usual care: allocated 96, received allocated intervention 96, lost to follow-up 4, discontinued intervention 2, completed 90, analysed 92',
    );
    assert.equal(
      /<figcaption>([^<]*)<\/figcaption>/.exec(svg)![1],
      'Participant flow from the front matter, counts as written: assessed for eligibility, excluded with the reasons given; randomised; then per arm: allocated (and received the intervention, where given), lost to follow-up, discontinued and completed where given, and analysed. “Not analysed” is randomised minus analysed, computed here.',
    );
  });

  it('keeps the 1.0 diagram, byte for byte, when no 1.1 value is given', () => {
    const input: FullFlowInput = { randomized: n(240), arms: [{ label: 'Vitamin D3', randomized: n(120), analysed: n(118) }, { label: 'Placebo', randomized: n(120), analysed: n(117) }] };
    assert.equal(hasFullFlow(input), false);
    assert.equal(participantFlow(input).html, flowDiagram({ randomized: 240, arms: [{ label: 'Vitamin D3', randomized: 120, analysed: 118 }, { label: 'Placebo', randomized: 120, analysed: 117 }] }).html);
    assert.equal(hasFullFlow({ arms: [{ label: 'A', lost: n(1) }] }), true);
    assert.equal(hasFullFlow({ assessed: n(10), arms: [] }), true);
  });

  it('says what is not reported, and where the counts do not add up', () => {
    const svg = fullFlowDiagram({
      assessed: n(100),
      excluded: n(30),
      exclusionReasons: [{ reason: 'declined', count: n(20) }],
      randomized: n(60),
      arms: [{ label: 'A', randomized: n(30), lost: n(2) }, { label: 'B', randomized: n(30), completed: n(31), analysed: n(31) }],
    }).html;
    const t = texts(svg);
    assert.ok(t.includes('assessed − excluded = 70'));
    assert.ok(t.includes('reasons add up to 20'));
    assert.deepEqual(t.slice(t.indexOf('Allocated to A')), [
      'Allocated to A', 'n = 30', 'Follow-up', 'Lost to follow-up n = 2', 'Analysed', 'n not reported',
      'Allocated to B', 'n = 30', 'Follow-up', 'Completed n = 31', 'Analysed', 'n = 31', 'analysed &gt; randomised',
    ]);
    // An arm with no follow-up count at all says so, in a dashed box.
    const svg2 = fullFlowDiagram({ assessed: n(10), arms: [{ label: 'A', randomized: n(5) }] }).html;
    assert.ok(texts(svg2).includes('not reported'));
    assert.match(svg2, /<g class="flow-box unknown"><rect/);
  });

  it('fits its text in the boxes and keeps the columns apart for 2, 3 and 4 arms with long labels', () => {
    for (const k of [1, 2, 3, 4]) {
      const arms = Array.from({ length: k }, (_, i) => ({
        label: `A rather long arm label number ${i} with a dose of 1.0 million IU`,
        randomized: n(1000 + i),
        received: n(998),
        discontinued: n(12),
        lost: n(10),
        completed: n(976),
        analysed: n(990),
      }));
      const svg = fullFlowDiagram({ ...KNEE_FLOW, exclusionReasons: [{ reason: 'a reason so long that it has to be wrapped onto a second line of the side box', count: n(226) }], arms }).html;
      assertFits(svg);
      const bs = boxes(svg);
      for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) assert.ok(!overlaps(bs[i]!, bs[j]!), `${k} arms: boxes ${i} and ${j} do not overlap`);
      // The counts are never truncated away.
      for (const t of ['n = 1000', 'Received allocated', 'n = 998', 'n = 976', 'n = 990']) assert.ok(texts(svg).some((x) => x.includes(t)), `${k} arms: ${t}`);
      // A label takes at most three lines; the arm's <title> keeps it whole.
      assert.ok(texts(svg).filter((x) => /^Allocated to/.test(x)).length === k);
      assert.ok(svg.includes(`<title>${arms[0]!.label}</title>`));
      assert.ok(texts(svg).some((x) => x.includes('n = 226')), 'the reason count is kept');
    }
  });

  it('wraps at spaces and truncates only a word longer than a line', () => {
    assert.deepEqual(wrap('Received allocated intervention n = 94', 20), ['Received allocated', 'intervention n = 94']);
    assert.deepEqual(wrap('Supercalifragilistic exercise', 10), ['Supercali…', 'exercise']);
    assert.deepEqual(wrap('', 10), ['']);
    assert.deepEqual(clamp(['one line', 'two lines', 'three lines'], 2, 10), ['one line', 'two lines…']);
    assert.deepEqual(clamp(['one line', 'exactly 10', 'more'], 2, 10), ['one line', 'exactly 1…']);
    assert.deepEqual(clamp(['a', 'b'], 2, 10), ['a', 'b']);
  });

  it('escapes labels and reasons', () => {
    const svg = fullFlowDiagram({ assessed: n(1), exclusionReasons: [{ reason: '<img src=x>', count: n(1) }], arms: [{ label: '</text><script>x</script>' }] }).html;
    assert.ok(!svg.includes('<script>') && !svg.includes('<img'));
    assert.ok(svg.includes('&lt;img src=x&gt;'));
  });

  describe('in a report', () => {
    const analysis = analyzeDocument(KNEE, { fileName: 'knee.trial.md' });

    it('draws the knee example from its front matter', () => {
      const html = renderReport(analysis, { mode: 'standalone' });
      const fig = /<figure class="flow flow-full">[\s\S]*?<\/figure>/.exec(html)![0];
      assert.equal(fig, fullFlowDiagram(KNEE_FLOW).html);
    });

    it('lists the flow in the trial card and the arms table', () => {
      const html = renderReport(analysis, { mode: 'standalone' });
      assert.ok(html.includes('<div class="field"><dt>Assessed for eligibility</dt><dd>418</dd></div><div class="field"><dt>Excluded</dt><dd>226</dd></div><div class="field"><dt>Exclusion reasons</dt><dd><ul class="reasons"><li>did not meet inclusion criteria: 151</li><li>declined to participate: 58</li><li>other reasons: 17</li></ul></dd></div>'));
      const table = /<section class="card arms[\s\S]*?<table class="data">([\s\S]*?)<\/table>/.exec(html)![1]!;
      const cells = [...table.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
      assert.deepEqual(cells, [
        'Arm', 'Dose', 'Randomised', 'Received', 'Discontinued', 'Lost to follow-up', 'Completed', 'Analysed',
        'Supervised exercise exercise', '2 sessions a week for 12 weeks', '96', '94', '5', '3', '88', '93',
        'Usual care usual', '—', '96', '96', '2', '4', '90', '92',
      ]);
    });

    it('marks a finding on a flow count in the tables and underlines the count in the diagram', () => {
      const lost = analysis.model.arms[0]!.lost!;
      const reasonsAt = analysis.model.frontMatter!.pointers.get('/trial/exclusion_reasons')!;
      const findings: Finding[] = [
        { ruleId: 'TR115', severity: 'error', message: 'lost above randomised', range: lost.range },
        { ruleId: 'TR115', severity: 'warning', message: 'assessed is odd', range: analysis.model.trial.assessed!.range },
        { ruleId: 'TR115', severity: 'error', message: 'reasons do not add up', range: reasonsAt.key ?? reasonsAt.value },
        { ruleId: 'TR201', severity: 'error', message: 'declined is odd', range: analysis.model.trial.exclusionReasons![1]!.count.range },
      ];
      const html = renderReport({ ...analysis, findings } as Analysis, { mode: 'standalone' });
      assert.match(html, /<td class="num"><mark class="finding error" id="finding-0" title="TR115: lost above randomised"[^>]*data-finding="0">3<\/mark><\/td>/);
      assert.match(html, /<dt>Assessed for eligibility<\/dt><dd><mark class="finding warning" id="finding-1"[^>]*>418<\/mark><\/dd>/);
      // The list's finding marks every reason; the one on a count marks that count alone.
      const marked = (i: number): string[] => [...html.matchAll(new RegExp(`<mark [^>]*data-finding="${i}"[^>]*>((?:(?!</mark>)[\\s\\S])*?(?:<mark[\\s\\S]*?</mark>)?[^<]*)</mark>`, 'g'))].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
      assert.deepEqual(marked(2), ['did not meet inclusion criteria: 151', 'declined to participate: 58', 'other reasons: 17']);
      assert.deepEqual(marked(3), ['58']);
      assert.match(html, /<dt>Exclusion reasons<\/dt><dd><ul class="reasons"><li><mark class="finding error" id="finding-2"/);
      const fig = /<figure class="flow flow-full">[\s\S]*?<\/figure>/.exec(html)![0];
      assert.match(fig, /<text class="n loss flag error" [^>]*>Lost to follow-up n = 3<\/text>/);
      assert.match(fig, /<text class="n flag warning" [^>]*>n = 418<\/text>/);
      assert.equal((fig.match(/<text class="reason flag error"/g) ?? []).length, 3);
      // Without the list's finding, only the flagged count's line is.
      const one = renderReport({ ...analysis, findings: [findings[3]!] } as Analysis, { mode: 'standalone' });
      assert.deepEqual([...one.matchAll(/<text class="reason flag error"[^>]*>([^<]*)</g)].map((m) => m[1]), ['• declined to participate: n = 58']);
      assert.match(fig, /<title>TR115: lost above randomised<\/title><rect class="box flag error"/);
    });
  });
});
