// Continuous and time-to-event results in the preview (src/preview/continuous.ts): the tables
// show every number as written and marked where a finding concerns it, the dot-and-interval plot
// puts its dots and bars where the values are on the scale's axis, and a mean difference is on a
// linear axis with its null line at 0.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, type Analysis } from '../../src/core/check.js';
import type { Finding } from '../../src/core/types.js';
import { renderReport } from '../../src/preview/render.js';

const ROOT = path.resolve(__dirname, '../../..');
const KNEE = fs.readFileSync(path.join(ROOT, 'examples', 'knee-exercise-continuous.trial.md'), 'utf8');

/** Placebo is shown first (dose order). SE only, negative changes, no scale, a rate without rate_per, a median CI in a continuous result. */
const MIXED = `---
trial:
  title: Mixed results
  randomized: 80
arms:
  - id: a
    label: Drug
    randomized: 40
  - id: b
    label: Placebo
    randomized: 40
endpoints:
  - id: hba1c
    label: Change in HbA1c
    type: continuous
    change: true
    results:
      a: { mean: -0.80, se: 0.12, n: 40 }
      b: { mean: -0.10, se: 0.13, n: 40 }
    comparisons:
      - { arm: a, versus: b, measure: mean difference, estimate: -0.70, ci: [-1.05, -0.35] }
  - id: weight
    label: Weight change (kg)
    type: continuous
    change: true
    scale: { min: 40, max: 60 }
    results:
      a: { mean: -2.5, sd: 30.0, n: 40, median: -2.0, iqr: [-4.5, 0.5], median_ci: [-3.0, -1.0] }
      b: { median: 0.0, iqr: [-1.0, 1.5], n: 40 }
  - id: hosp
    label: Hospital admissions
    type: time-to-event
    results:
      a: { events: 4, person_years: 38.2, rate: 10.5 }
      b: { events: 9, n: 40, median: 14.0, median_ci: [9.5, 20.0] }
  - id: flares
    label: Flares
    type: binary
    results:
      a: { rate: 12.4, person_years: 80.6, rate_per: 1000 }
      b: { rate: 20.1, person_years: 79.5 }
---

# Mixed

## Results

Text.
`;

function analyze(text: string): Analysis {
  return analyzeDocument(text, { fileName: 'x.trial.md' });
}

/** The endpoint's <article>. */
function article(html: string, label: string): string {
  const a = [...html.matchAll(/<article class="endpoint[^>]*aria-label="([^"]*)">([\s\S]*?)<\/article>/g)].find((m) => m[1] === label);
  assert.ok(a, `no article ${label}`);
  return a[2]!;
}

/** The cells of the first results table in `html`, tags removed, row by row. */
function table(html: string, cls: string): string[][] {
  const t = new RegExp(`<table class="data results ${cls}">([\\s\\S]*?)</table>`).exec(html);
  assert.ok(t, `no ${cls} table`);
  return [...t[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')));
}

function svgTexts(fig: string): string[] {
  return [...fig.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

function dots(html: string): string {
  const f = /<figure class="dots">[\s\S]*?<\/figure>/.exec(html);
  assert.ok(f, 'no dot plot');
  return f[0];
}

/** Text content of the marks for finding `i`. */
function markedText(html: string, i: number): string[] {
  return [...html.matchAll(new RegExp(`<mark [^>]*data-finding="${i}"[^>]*>([\\s\\S]*?)</mark>`, 'g'))].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

describe('preview continuous and time-to-event results', () => {
  const knee = analyze(KNEE);
  const kneeHtml = renderReport(knee, { mode: 'standalone' });
  const mixed = analyze(MIXED);
  const mixedHtml = renderReport(mixed, { mode: 'standalone' });

  describe('tables', () => {
    it('shows mean (SD) and n exactly as written (6.30 stays 6.30)', () => {
      assert.deepEqual(table(article(kneeHtml, 'Knee pain score at week 12'), 'continuous'), [
        ['Arm', 'n', 'Mean (SD)'],
        ['Supervised exercise', '93', '6.30 (3.9)'],
        ['Usual care', '92', '8.26 (4.1)'],
      ]);
      assert.ok(article(kneeHtml, 'Knee pain score at week 12').includes('<p class="note">Scale 0 to 20, step 1.</p>'));
    });

    it('shows median (IQR) and range', () => {
      assert.deepEqual(table(article(kneeHtml, 'Days with analgesic use over 12 weeks'), 'continuous'), [
        ['Arm', 'n', 'Median (IQR)', 'Range (min to max)'],
        ['Supervised exercise', '93', '9 (3–20)', '0–71'],
        ['Usual care', '92', '14 (6–28)', '0–84'],
      ]);
    });

    it('labels an SE as an SE, writes negative bounds with “to”, and shows a median CI', () => {
      assert.deepEqual(table(article(mixedHtml, 'Change in HbA1c'), 'continuous'), [
        ['Arm', 'n', 'Mean (SE)'],
        ['Placebo', '40', '-0.10 (SE 0.13)'],
        ['Drug', '40', '-0.80 (SE 0.12)'],
      ]);
      assert.deepEqual(table(article(mixedHtml, 'Weight change (kg)'), 'continuous'), [
        ['Arm', 'n', 'Mean (SD)', 'Median (IQR)', 'Median 95% CI'],
        ['Placebo', '40', '—', '0.0 (-1.0 to 1.5)', '—'],
        ['Drug', '40', '-2.5 (30.0)', '-2.0 (-4.5 to 0.5)', '-3.0 to -1.0'],
      ]);
      assert.ok(article(mixedHtml, 'Change in HbA1c').includes('<span class="badge">change from baseline</span>'));
    });

    it('shows time-to-event medians with their CI, and rates with their events and person-years', () => {
      assert.deepEqual(table(article(kneeHtml, 'Time to return to usual activities (days)'), 'time-to-event'), [
        ['Arm', 'Events / n', 'Median (95% CI)'],
        ['Supervised exercise', '88 / 93', '21 (95% CI 17–26)'],
        ['Usual care', '84 / 92', '28 (95% CI 23–35)'],
      ]);
      assert.deepEqual(table(article(kneeHtml, 'Falls'), 'time-to-event'), [
        ['Arm', 'n', 'Rate'],
        ['Supervised exercise', '93', '32.4 per 100 person-years (7 events, 21.6 person-years)'],
        ['Usual care', '92', '51.9 per 100 person-years (11 events, 21.2 person-years)'],
      ]);
      // rate_per not written: 100, and the cell says it is the default.
      assert.deepEqual(table(article(mixedHtml, 'Hospital admissions'), 'time-to-event'), [
        ['Arm', 'Events / n', 'Median (95% CI)', 'Rate'],
        ['Placebo', '9 / 40', '14.0 (95% CI 9.5–20.0)', '—'],
        ['Drug', '—', '—', '10.5 per 100 person-years (4 events, 38.2 person-years)'],
      ]);
      assert.ok(mixedHtml.includes('<span title="rate_per defaults to 100">100</span>'));
    });

    it('shows a binary endpoint given as rates by its rates alone, not an empty shares table', () => {
      const art = article(mixedHtml, 'Flares');
      assert.ok(!art.includes('<table class="data results">'));
      assert.ok(!art.includes('<figure class="chart">'));
      assert.deepEqual(table(art, 'time-to-event'), [
        ['Arm', 'Rate'],
        ['Placebo', '20.1 per 100 person-years (79.5 person-years)'],
        ['Drug', '12.4 per 1000 person-years (80.6 person-years)'],
      ]);
      // With events or shares too, both tables.
      const both = renderReport(analyze(MIXED.replace('b: { rate: 20.1, person_years: 79.5 }', 'b: { events: 16, n: 40, rate: 20.1, person_years: 79.5 }')), { mode: 'standalone' });
      assert.ok(article(both, 'Flares').includes('<table class="data results">'));
      assert.ok(article(both, 'Flares').includes('<table class="data results time-to-event">'));
    });

    it('shows and marks the scale of an endpoint without results', () => {
      const a = analyze(MIXED.replace('endpoints:\n', 'endpoints:\n  - id: pain\n    label: Pain\n    type: continuous\n    scale: { min: 0, step: 0 }\n'));
      const scale = a.model.endpoints.find((e) => e.id === 'pain')!.scale!;
      const html = renderReport({ ...a, findings: [{ ruleId: 'TR201', severity: 'error', message: 'step', range: scale.step!.range }] }, { mode: 'standalone' });
      assert.deepEqual(markedText(html, 0), ['Scale from 0, step 0']);
      assert.ok(article(html, 'Pain').includes('No results given.'));
    });

    it('marks a finding on each kind of value where it is shown', () => {
      const eps = knee.model.endpoints;
      const pain = eps.find((e) => e.id === 'pain')!.results[0]!;
      const days = eps.find((e) => e.id === 'analgesic-days')!.results[1]!;
      const ret = eps.find((e) => e.id === 'return')!.results[0]!;
      const falls = eps.find((e) => e.id === 'falls')!.results[1]!;
      const on = (range: Finding['range'], message: string): Finding => ({ ruleId: 'TR116', severity: 'error', message, range });
      const findings = [
        on(pain.mean!.range, 'mean'),
        on(pain.sd!.range, 'sd'),
        on(days.iqr![1].range, 'iqr upper'),
        on(days.range![1].range, 'range upper'),
        on(ret.medianCi![0].range, 'median ci lower'),
        on(falls.rate!.range, 'rate'),
        on(falls.personYears!.range, 'person-years'),
        on(eps.find((e) => e.id === 'pain')!.scale!.range, 'scale'),
      ];
      const html = renderReport({ ...knee, findings }, { mode: 'standalone' });
      assert.deepEqual(findings.map((_, i) => markedText(html, i)), [['6.30'], ['3.9'], ['28'], ['84'], ['17'], ['51.9'], ['21.2'], ['Scale 0 to 20, step 1']]);
    });
  });

  describe('dot-and-interval plot', () => {
    /** Where the plot area runs: the axis line. */
    function axis(fig: string): [number, number] {
      const a = /<line class="axis" x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"/.exec(fig)!;
      return [+a[1]!, +a[2]!];
    }

    it('puts the mean and ± 1 SD on the scale’s axis (0 to 20)', () => {
      const fig = dots(article(kneeHtml, 'Knee pain score at week 12'));
      const [x0, x1] = axis(fig);
      const at = (v: number): number => x0 + (v / 20) * (x1 - x0);
      const cx = [...fig.matchAll(/<circle class="dot mean" cx="([\d.]+)"/g)].map((m) => +m[1]!);
      assert.equal(cx.length, 2);
      assert.ok(Math.abs(cx[0]! - at(6.3)) < 0.01 && Math.abs(cx[1]! - at(8.26)) < 0.01);
      const bar = /<line class="bar-line" x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"/.exec(fig)!;
      assert.ok(Math.abs(+bar[1]! - at(6.3 - 3.9)) < 0.01 && Math.abs(+bar[2]! - at(6.3 + 3.9)) < 0.01);
      assert.deepEqual(svgTexts(fig), [
        '0', '5', '10', '15', '20',
        'Supervised exercise', '6.30 ± 3.9 SD', 'Usual care', '8.26 ± 4.1 SD',
        'Knee pain score at week 12 (axis: the whole scale, 0 to 20)',
      ]);
      assert.equal(/<figcaption>([^<]*)<\/figcaption>/.exec(fig)![1], 'Circle: mean; bar: mean ± 1 SD (the spread of participants’ values, not a confidence interval).');
      assert.match(fig, /aria-label="Dot-and-interval plot of Knee pain score at week 12: Supervised exercise 6.30 ± 3.9 SD; Usual care 8.26 ± 4.1 SD"/);
    });

    it('draws a median with its IQR and the observed range', () => {
      const fig = dots(article(kneeHtml, 'Days with analgesic use over 12 weeks'));
      assert.equal((fig.match(/<rect class="dot median"/g) ?? []).length, 2);
      assert.equal((fig.match(/<line class="range"/g) ?? []).length, 2);
      assert.ok(svgTexts(fig).includes('9 (IQR 3 to 20)'));
      assert.ok(fig.includes('<title>Supervised exercise: 9 (IQR 3 to 20) (range 0 to 71)</title>'));
      assert.equal(/<figcaption>([^<]*)<\/figcaption>/.exec(fig)![1], 'Diamond: median; bar: interquartile range; thin line: observed range.');
    });

    it('says when the axis comes from the values, labels SE bars, and says when a bar is cut', () => {
      const se = dots(article(mixedHtml, 'Change in HbA1c'));
      assert.ok(svgTexts(se).includes('Change in HbA1c (axis from the values; no scale given)'));
      assert.ok(svgTexts(se).includes('-0.80 ± 0.12 SE'));
      assert.equal(/<figcaption>([^<]*)<\/figcaption>/.exec(se)![1], 'Circle: mean; bar: mean ± 1 SE (not a 95% confidence interval).');
      // A change on a 40–60 scale runs from −20 to 20; an SD of 30 runs past both ends.
      const cut = dots(article(mixedHtml, 'Weight change (kg)'));
      assert.ok(svgTexts(cut).includes('Weight change (kg), change from baseline (axis: the largest possible change, ±20)'));
      assert.ok(svgTexts(cut).includes('-20') && svgTexts(cut).includes('20'));
      assert.match(/<figcaption>([^<]*)<\/figcaption>/.exec(cut)![1]!, /A bar that runs past the end of the axis is cut at the end\.$/);
    });

    it('is not drawn for an endpoint without a mean and spread or a median and IQR', () => {
      assert.ok(!article(kneeHtml, 'Falls').includes('<figure class="dots">'));
      assert.ok(!article(kneeHtml, 'Time to return to usual activities (days)').includes('<figure class="dots">'));
    });
  });

  describe('mean differences in the forest plot', () => {
    it('are on a linear axis with the null line at 0, the estimate where it lies between its bounds', () => {
      const art = article(kneeHtml, 'Knee pain score at week 12');
      const fig = /<figure class="forest">[\s\S]*?<\/figure>/.exec(art)![0];
      const point = +/<rect class="point" x="([\d.]+)"/.exec(fig)![1]! + 4.5;
      const ci = /<line class="ci" x1="([\d.]+)"[^>]*x2="([\d.]+)"/.exec(fig)!;
      const nul = +/<line class="null" x1="([\d.]+)"/.exec(fig)![1]!;
      const [lo, hi] = [+ci[1]!, +ci[2]!];
      // Linear: −1.96 is (−1.96 − −3.11) / (−0.81 − −3.11) of the way from the lower bound.
      assert.ok(Math.abs((point - lo) / (hi - lo) - 1.15 / 2.3) < 0.01);
      // …and 0 is as far right of the upper bound as linear distance says.
      assert.ok(Math.abs((nul - hi) / (hi - lo) - 0.81 / 2.3) < 0.01);
      assert.ok(svgTexts(fig).includes('Mean difference (scale 0 to 20, step 1)'));
      assert.ok(!fig.includes('log scale'));
      assert.ok(fig.includes('dashed line: no effect (0)'));
    });

    it('with negative bounds and no scale', () => {
      const fig = /<figure class="forest">[\s\S]*?<\/figure>/.exec(article(mixedHtml, 'Change in HbA1c'))![0];
      assert.ok(svgTexts(fig).includes('Mean difference (results are changes from baseline)'));
      assert.ok(svgTexts(fig).includes('-0.70 (95% CI -1.05 to -0.35)'));
      assert.ok(svgTexts(fig).includes('0'));
    });
  });
});
