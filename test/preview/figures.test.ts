// The preview's figures and the numbers in them: dose order, participant flow, forest plot,
// scroll mapping, and the shares and Wilson intervals against reference values and against the
// checker's own arithmetic.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../src/core/check.js';
import { armShare } from '../../src/core/rules/arm-data.js';
import { doseOf } from '../../src/core/rules/dose-response-claim.js';
import { denominator } from '../../src/core/rules/rule.js';
import { wilson } from '../../src/core/stats.js';
import type { Arm } from '../../src/core/types.js';
import { doseOrder, flowDiagram, forestAxis, forestPlot, linearTicks, logTicks, lossOf, scaleFor } from '../../src/preview/figures.js';
import { renderReport } from '../../src/preview/render.js';
import { lineForOffset, offsetForLine } from '../../src/preview/scroll-map.js';

const ROOT = path.resolve(__dirname, '../../..');
const example = (name: string): string => fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8');

function arm(id: string, label: string, dose?: string, aliases: string[] = []): Arm {
  const r = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
  return { id, idRange: r, label, aliases, range: r, ...(dose ? { dose } : {}) };
}

/** Text content of the SVG <text> elements of the figure with `cls`. */
function texts(html: string, cls: string): string[] {
  const fig = new RegExp(`<figure class="${cls}">[\\s\\S]*?</figure>`).exec(html)?.[0] ?? '';
  return [...fig.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

describe('preview figures', () => {
  describe('dose order', () => {
    it('puts placebo first, then rising numeric dose, then arms without a dose in declared order', () => {
      const arms = [
        arm('hi', 'IL-2 1.0 MIU', '1.0 million IU every other day'),
        arm('soc', 'Standard care'),
        arm('lo', 'IL-2 0.2 MIU', '0.2 million IU every other day'),
        arm('pbo', 'Placebo'),
        arm('mid', 'IL-2 0.5 MIU', '0.5 million IU'),
        arm('other', 'Usual physiotherapy'),
      ];
      assert.deepEqual(doseOrder(arms).map((a) => a.id), ['pbo', 'lo', 'mid', 'hi', 'soc', 'other']);
    });

    it('reads thousands separators ("3,200 IU" after "400 IU") and keeps ties stable', () => {
      const arms = [arm('a', 'High', '3,200 IU daily'), arm('b', 'Low', '400 IU daily'), arm('c', 'Low too', '400 IU'), arm('p', 'Vehicle cream')];
      assert.deepEqual(doseOrder(arms).map((a) => a.id), ['p', 'b', 'c', 'a']);
    });

    it('is the order the checker (TR113) reads doses in', () => {
      const arms = [arm('x', 'Drug 20 mg', '20 mg'), arm('y', 'Drug 5 mg', '5 mg'), arm('p', 'Placebo')];
      const byChecker = [...arms].sort((a, b) => doseOf(a)! - doseOf(b)!).map((a) => a.id);
      assert.deepEqual(doseOrder(arms).map((a) => a.id), byChecker);
    });

    it('orders the chart bars and result rows of a report by dose', () => {
      const html = renderReport(analyzeDocument(example('vitamin-d-care-homes.trial.md'), { fileName: 'v.trial.md' }), { mode: 'standalone' });
      const labels = texts(html, 'chart').filter((t) => !/%$/.test(t));
      assert.deepEqual(labels, ['Placebo', 'Vitamin D3'], 'placebo first although declared second');
      const results = /<table class="data results">[\s\S]*?<\/table>/.exec(html)![0];
      assert.ok(results.indexOf('Placebo') < results.indexOf('Vitamin D3'));
    });
  });

  describe('participant flow', () => {
    it('draws randomised → allocated per arm → analysed per arm with the losses', () => {
      const svg = flowDiagram({ randomized: 240, arms: [{ label: 'Vitamin D3', randomized: 120, analysed: 118 }, { label: 'Placebo', randomized: 120, analysed: 117 }] }).html;
      const t = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      assert.deepEqual(t, [
        'Randomised', 'N = 240',
        'Vitamin D3', 'allocated n = 120', '2 not analysed', 'Analysed', 'n = 118',
        'Placebo', 'allocated n = 120', '3 not analysed', 'Analysed', 'n = 117',
      ]);
      assert.equal((svg.match(/<rect class="box/g) ?? []).length, 5);
    });

    it('says what is unknown or inconsistent instead of guessing', () => {
      assert.deepEqual(lossOf({ label: 'A', randomized: 38 }), { text: 'losses not reported', cls: 'unknown' });
      assert.deepEqual(lossOf({ label: 'A', randomized: 38, analysed: 38 }), { text: 'none excluded', cls: 'none' });
      assert.deepEqual(lossOf({ label: 'A', randomized: 38, analysed: 40 }), { text: 'analysed > randomised', cls: 'error' });
      const svg = flowDiagram({ randomized: 152, arms: [{ label: 'A', randomized: 38 }, { label: 'B', randomized: 38 }] }).html;
      assert.ok(svg.includes('arms add up to 76'));
      assert.ok(svg.includes('n not reported'));
      assert.ok(flowDiagram({ arms: [{ label: 'A', randomized: 10 }, { label: 'B', randomized: 12 }] }).html.includes('N = 22 (sum of arms)'));
    });

    it('gives each arm its own column, wide enough, however many arms', () => {
      for (const n of [1, 2, 4, 8]) {
        const svg = flowDiagram({ arms: Array.from({ length: n }, (_, i) => ({ label: `A very long arm label number ${i}`, randomized: 10 })) }).html;
        const boxes = [...svg.matchAll(/<rect class="box[^"]*" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/g)].map((m) => ({ x: +m[1]!, y: +m[2]!, w: +m[3]! }));
        const alloc = boxes.filter((b) => b.y === boxes[1]!.y);
        assert.equal(alloc.length, n);
        for (let i = 1; i < alloc.length; i++) assert.ok(alloc[i]!.x >= alloc[i - 1]!.x + alloc[i - 1]!.w, 'columns do not overlap');
        assert.ok(alloc.every((b) => b.w >= 140), 'columns at least 140 units wide');
        if (n >= 4) assert.ok(svg.includes('…'), 'long labels are truncated in narrow columns');
      }
    });

    it('escapes labels', () => {
      const svg = flowDiagram({ arms: [{ label: '<script>x</script>', randomized: 1 }] }).html;
      assert.ok(!svg.includes('<script>') && svg.includes('&lt;script&gt;'));
    });
  });

  describe('forest plot', () => {
    it('puts ratios on a log axis and differences on a linear one', () => {
      assert.equal(scaleFor('risk ratio'), 'log');
      assert.equal(scaleFor('odds ratio'), 'log');
      assert.equal(scaleFor('hazard ratio'), 'log');
      assert.equal(scaleFor('risk difference'), 'linear');
      assert.equal(scaleFor('mean difference'), 'linear');
      assert.equal(scaleFor(undefined), 'linear');
      const log = forestAxis([{ label: 'a', estimate: 1, ci: [0.5, 2] }].map((r) => ({ ...r, text: '' })) as never, 'log');
      // On a log axis 0.5 and 2 are equally far from 1.
      assert.ok(Math.abs(log.pos(1) - log.pos(0.5) - (log.pos(2) - log.pos(1))) < 1e-9);
      const lin = forestAxis([{ label: 'a', estimate: 13.3, ci: [1.4, 25.2], text: '' }], 'linear');
      assert.ok(Math.abs(lin.pos(13.3) - lin.pos(1.4) - (lin.pos(25.2) - lin.pos(13.3))) < 1e-9);
      assert.ok(lin.pos(0) >= 0 && lin.pos(0) < lin.pos(1.4), 'the null line is on the axis');
    });

    it('ticks: 1-2-5 on a log axis with 1 among them, round steps on a linear one', () => {
      assert.deepEqual(logTicks(0.08, 12), [0.1, 0.2, 0.5, 1, 2, 5, 10]);
      assert.ok(logTicks(0.9, 2.6).includes(1));
      assert.deepEqual(linearTicks(-2, 27), [0, 5, 10, 15, 20, 25]);
    });

    it('draws the estimate and the interval where they belong', () => {
      const svg = forestPlot([{ label: 'Vitamin D3 vs Placebo', estimate: 1.5, ci: [1.03, 2.19], text: '1.50 (95% CI 1.03 to 2.19)' }], 'log', 'Risk ratio (log scale)').html;
      const point = /<rect class="point" x="([\d.]+)"/.exec(svg)!;
      const ci = /<line class="ci" x1="([\d.]+)"[^>]*x2="([\d.]+)"/.exec(svg)!;
      const nul = /<line class="null" x1="([\d.]+)"/.exec(svg)!;
      const px = Number(point[1]) + 4.5;
      assert.ok(Number(nul[1]) < Number(ci[1]) && Number(ci[1]) < px && px < Number(ci[2]), 'null line < lower < estimate < upper');
      // log: the estimate sits where log(1.5) falls between log(1.03) and log(2.19).
      const f = (px - Number(ci[1])) / (Number(ci[2]) - Number(ci[1]));
      assert.ok(Math.abs(f - Math.log(1.5 / 1.03) / Math.log(2.19 / 1.03)) < 0.01, String(f));
      assert.ok(svg.includes('1.50 (95% CI 1.03 to 2.19)'));
    });

    it('leaves out what a log axis cannot show, and says so', () => {
      const html = forestPlot(
        [
          { label: 'A vs B', estimate: 0.8, ci: [0.6, 1.1], text: '0.80' },
          { label: 'C vs B', estimate: -0.2, ci: [-0.5, 0.1], text: '-0.20' },
        ],
        'log',
        'Odds ratio (log scale)',
      ).html;
      assert.equal((html.match(/<rect class="point"/g) ?? []).length, 1);
      assert.ok(html.includes('Not drawn on this scale: C vs B (-0.20)'));
    });

    it('appears in a report under the comparisons, one plot per measure', () => {
      const html = renderReport(analyzeDocument(example('vitamin-d-care-homes.trial.md'), { fileName: 'v.trial.md' }), { mode: 'standalone' });
      assert.equal((html.match(/<figure class="forest">/g) ?? []).length, 2);
      assert.ok(html.includes('Risk ratio (log scale)') && html.includes('Risk difference (percentage points)'));
    });
  });

  describe('shares and Wilson intervals in the report', () => {
    // Reference values: Wilson score interval, z = 1.959964 (Newcombe 1998, method 3), computed
    // independently and rounded to one decimal as the table shows them.
    const REF: [string, number, number, string, string][] = [
      ['vitamin D3, ARI', 47, 118, '39.8', '31.5–48.8'],
      ['placebo, ARI', 31, 117, '26.5', '19.3–35.1'],
      ['IL-2 1.0 MIU, SRI-4', 23, 38, '60.5', '44.7–74.4'],
      ['placebo, SRI-4', 9, 38, '23.7', '13.0–39.2'],
      ['hypercalcaemia', 3, 118, '2.5', '0.9–7.2'],
      ['falls', 12, 118, '10.2', '5.9–16.9'],
    ];
    for (const [what, k, n, share, ci] of REF) {
      it(`${what}: ${k}/${n} is ${share}% (95% CI ${ci})`, () => {
        const [lo, hi] = wilson(k, n);
        assert.equal(`${lo.toFixed(1)}–${hi.toFixed(1)}`, ci);
        assert.equal(((100 * k) / n).toFixed(1), share);
      });
    }

    it('the example report shows exactly these intervals, labelled as computed', () => {
      const html = renderReport(analyzeDocument(example('vitamin-d-care-homes.trial.md'), { fileName: 'v.trial.md' }), { mode: 'standalone' });
      assert.ok(html.includes('95% CI (Wilson, computed)'));
      assert.ok(html.includes('<td class="num">31.5–48.8</td>'));
      assert.ok(html.includes('<td class="num">19.3–35.1</td>'));
      assert.ok(html.includes('Vitamin D3: 39.8% (95% CI 31.5–48.8, Wilson)'));
    });

    it('uses the share and the denominator the checker uses, for every result of the examples', () => {
      for (const name of ['vitamin-d-care-homes.trial.md', 'il2-lupus-news.trial.md']) {
        const analysis = analyzeDocument(example(name), { fileName: name });
        const html = renderReport(analysis, { mode: 'standalone' });
        for (const ep of analysis.model.endpoints) {
          for (const r of ep.results) {
            const a = analysis.model.arms.find((x) => x.id === r.armId);
            const checker = armShare(analysis.model, ep, r.armId);
            const n = denominator(r, a);
            if (checker?.counts) {
              const pct = (100 * checker.counts.events) / checker.counts.n;
              const [lo, hi] = wilson(checker.counts.events, checker.counts.n);
              assert.equal(checker.counts.n, n!.value);
              assert.ok(html.includes(`${a!.label}: ${r.percent ? r.percent.text : pct.toFixed(1)}% (95% CI ${lo.toFixed(1)}–${hi.toFixed(1)}, Wilson)`), `${name} ${r.armId}`);
            } else if (r.percent) {
              // Only a written share: the chart shows it as written, with no interval.
              assert.ok(checker && checker.lo * 100 <= r.percent.value && r.percent.value <= checker.hi * 100);
              assert.ok(html.includes(`<title>${a!.label}: ${r.percent.text}%</title>`), `${name} ${r.armId}`);
            }
          }
        }
      }
    });

    it('computes no share or interval when the writer says the denominator is unknown (n: null)', () => {
      const doc = example('vitamin-d-care-homes.trial.md').replace('vitd: { events: 47, n: 118, percent: 39.8 }', 'vitd: { events: 47, n: null }');
      const analysis = analyzeDocument(doc, { fileName: 'v.trial.md' });
      assert.equal(armShare(analysis.model, analysis.model.endpoints[0]!, 'vitd'), undefined);
      const html = renderReport(analysis, { mode: 'standalone' });
      assert.ok(!html.includes('31.5–48.8'));
      assert.ok(!html.includes('47 / 118'), 'the arm size is not used as the denominator');
    });
  });

  describe('scroll map', () => {
    const anchors = [
      { line: 2, top: 100 },
      { line: 10, top: 300 },
      { line: 20, top: 400 },
    ];
    it('interpolates between anchors and inverts', () => {
      assert.equal(offsetForLine(anchors, 6, 1000), 200);
      assert.equal(offsetForLine(anchors, 15, 1000), 350);
      assert.equal(lineForOffset(anchors, 200, 1000), 6);
      assert.equal(lineForOffset(anchors, 350, 1000), 15);
      for (const line of [2, 3.5, 9.99, 10, 17, 20, 20.5]) assert.ok(Math.abs(lineForOffset(anchors, offsetForLine(anchors, line, 1000)!, 1000)! - line) < 1e-9, String(line));
    });
    it('is monotone, so scrolling one way never moves the other way back', () => {
      let prev = -1;
      for (let y = 0; y <= 1000; y += 7) {
        const l = lineForOffset(anchors, y, 1000)!;
        assert.ok(l >= prev);
        prev = l;
      }
    });
    it('maps lines above the first anchor to the top, and offsets above it to line 1', () => {
      assert.equal(offsetForLine(anchors, 1, 1000), 0);
      assert.equal(lineForOffset(anchors, 50, 1000), 1);
      assert.equal(offsetForLine([], 5, 1000), undefined);
    });
  });
});
