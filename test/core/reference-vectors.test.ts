// Reference vectors for the arithmetic the TR1xx rules share, each checked against a published
// worked example or a value derivable by hand, with its source named beside it. The project's own
// functions are under test: GRIM from src/core/numbers.ts, the normal distribution and Wilson
// interval from src/core/stats.ts (jStat), and the p-from-CI path end to end through TR109.
import { strict as assert } from 'node:assert';
import { checkDocument } from '../without-tr303.js';
import { fittingDenominators, grim, nearestCounts, scaled, shareFits, shareFitsTruncated, shareTestable, type Scaled } from '../../src/core/numbers.js';
import { twoSidedP, wilson, zForLevel } from '../../src/core/stats.js';

const pct = (text: string): Scaled => {
  const s = scaled(text);
  assert.ok(s, `cannot read ${text}`);
  return s;
};

/**
 * GRIM for a mean of n integer scores: M = (a·n + k)/n for integers a and 0 ≤ k < n, so the
 * fractional part of M must be a share k/n; at 2 decimals, 3.48 is the share "48"% of n.
 */
const meanAsShare = (mean: string): Scaled => {
  const s = pct(mean);
  assert.ok(s.decimals >= 2, 'a mean written to at least 2 decimals');
  return { units: s.units % 10n ** BigInt(s.decimals), decimals: s.decimals - 2 };
};

const close = (got: number, want: number, tol: number, what: string): void => assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want} ± ${tol}`);

describe('reference vectors: GRIM for percentages', () => {
  // Source: the issue's own worked example (issue 4, "Every number checked against every other"),
  // derivable by hand: 60% of 38 lies in [59.5, 60.5]·38/100 = [22.61, 22.99]; 22/38 = 57.89%,
  // 23/38 = 60.53%. Denominators near 38 that fit: 21/35 = 60.0, 24/40, 25/42 = 59.52, 26/43 = 60.47.
  it('60% of 38: nearest 22/38 and 23/38; fits 35, 40, 42 or 43 patients', () => {
    const p = pct('60');
    assert.notEqual(grim(p, 38).kind, 'fits');
    assert.deepEqual(nearestCounts(p, 38), [22, 23]);
    assert.deepEqual(fittingDenominators(p, 38), [35, 40, 42, 43]);
  });

  // Source: by hand, docs/rules/README.md, arithmetic rule 1 ("60% and 60.0% are different claims"): 23/38 = 60.526…%
  // rounds to 61 and 60.5; it truncates to 60; 60.0 is neither.
  it('23/38 at each written precision: 61 and 60.5 fit, 60 only truncated, 60.0 impossible', () => {
    assert.equal(grim(pct('61'), 38).kind, 'fits');
    assert.equal(grim(pct('60.5'), 38).kind, 'fits');
    assert.deepEqual(grim(pct('60'), 38), { kind: 'truncated', k: 23 });
    assert.equal(grim(pct('60.0'), 38).kind, 'impossible');
  });

  // Source: by hand, docs/rules/README.md, arithmetic rule 3 (charitable rounding): 1/8 = 12.5% exactly, so half-down
  // gives 12 and half-up gives 13; at one decimal only 12.5 fits.
  it('1/8 = 12.5%: 12 and 13 both fit at 0 decimals; 12.5 fits and 12.0 does not at 1 decimal', () => {
    assert.ok(shareFits(pct('12'), 1, 8));
    assert.ok(shareFits(pct('13'), 1, 8));
    assert.ok(shareFits(pct('12.5'), 1, 8));
    assert.ok(!shareFits(pct('12.0'), 1, 8));
    assert.ok(!shareFits(pct('14'), 1, 8));
  });

  // Source: by hand: 2/3 = 66.67%; rounding gives 67, truncation gives 66.
  it('2/3: 67 fits, 66 only by truncation', () => {
    assert.ok(shareFits(pct('67'), 2, 3));
    assert.ok(!shareFits(pct('66'), 2, 3));
    assert.ok(shareFitsTruncated(pct('66'), 2, 3));
  });

  // Source: docs/rules/README.md, arithmetic rule 6 and the arithmetic of rule 4: an interval of width 10^-d % always
  // holds some k/n once 100/n ≤ 10^-d, i.e. n ≥ 100·10^d.
  it('untestable at n ≥ 100·10^d: integer % of 100 patients, one-decimal % of 1000', () => {
    assert.ok(shareTestable(0, 99));
    assert.ok(!shareTestable(0, 100));
    assert.ok(shareTestable(1, 999));
    assert.ok(!shareTestable(1, 1000));
    // And indeed every integer percentage of 100 patients fits.
    for (let r = 0; r <= 100; r++) assert.equal(grim(pct(String(r)), 100).kind, 'fits', `${r}% of 100`);
  });

  // Source: Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of
  // seven methods. Stat Med 1998;17:857–872 (https://studylib.net/doc/7960426/two-sided-confidence-intervals-for-the-single-proportion),
  // illustrative proportions 81/263 and 15/148: 30.80% and 10.14% by hand.
  it("Newcombe's illustrative proportions: 81/263 is 30.8% (30.7 only truncated, 30.9 impossible), 15/148 is 10.1%", () => {
    assert.ok(shareFits(pct('30.8'), 81, 263));
    assert.ok(shareFits(pct('31'), 81, 263));
    assert.deepEqual(grim(pct('30.7'), 263), { kind: 'truncated', k: 81 });
    assert.equal(grim(pct('30.9'), 263).kind, 'impossible');
    assert.ok(shareFits(pct('10.1'), 15, 148));
    assert.ok(!shareFits(pct('10.2'), 15, 148));
  });
});

describe('reference vectors: GRIM for means (Brown & Heathers), as shares of n', () => {
  // Source: GRIM test, Wikipedia (stored copy https://wiki.outremer.quest/content/wikipedia_en_all_maxi_2023-10/A/GRIM_test):
  // "a fair die is rolled 20 times … the mean is reported as 3.48 … mathematically impossible:
  // any whole number divided by 20, written to 2 decimal places, must be of the form X.X0 or X.X5".
  it('a mean of 3.48 from 20 integer rolls is impossible; 3.45 and 3.50 are possible', () => {
    assert.equal(grim(meanAsShare('3.48'), 20).kind, 'impossible');
    assert.equal(grim(meanAsShare('3.45'), 20).kind, 'fits');
    assert.equal(grim(meanAsShare('3.50'), 20).kind, 'fits');
  });

  // Source: the same page: "values may be rounded inconsistently: depending on the context, a
  // mean of 1.125 may be reported as 1.12 or 1.13" (9/8 = 1.125).
  it('9/8 = 1.125 may be reported as 1.12 or 1.13', () => {
    assert.ok(shareFits(meanAsShare('1.12'), 1, 8));
    assert.ok(shareFits(meanAsShare('1.13'), 1, 8));
    assert.equal(grim(meanAsShare('1.12'), 8).kind, 'fits');
    assert.equal(grim(meanAsShare('1.13'), 8).kind, 'fits');
  });

  // Source: scrutiny R package, GRIM vignette, citing Brown & Heathers 2017
  // (https://mirror.niser.ac.in/cran/web/packages/scrutiny/vignettes/grim.html):
  // grim(x = "5.27", n = 43) is FALSE. By hand: 226/43 = 5.256, 227/43 = 5.279.
  it('a mean of 5.27 with n = 43 is GRIM-inconsistent when rounded (only truncating 5.279 gives it)', () => {
    assert.deepEqual(grim(meanAsShare('5.27'), 43), { kind: 'truncated', k: 12 });
    assert.equal(grim(meanAsShare('5.26'), 43).kind, 'fits');
    assert.equal(grim(meanAsShare('5.28'), 43).kind, 'fits');
  });
});

describe('reference vectors: normal quantiles and Wilson / Wald intervals', () => {
  // Source: standard normal table; Altman & Bland, BMJ 2011;343:d2090 ("For a 90% CI, we replace
  // 1.96 by 1.65; for a 99% CI we use 2.57"; http://www.bmj.com/content/343/bmj.d2090).
  it('zForLevel gives 1.960, 1.645 and 2.576', () => {
    close(zForLevel(95), 1.959964, 1e-6, 'z 95%');
    close(zForLevel(90), 1.644854, 1e-6, 'z 90%');
    close(zForLevel(99), 2.575829, 1e-6, 'z 99%');
    close(twoSidedP(1.959964), 0.05, 1e-6, 'p at z 1.96');
  });

  // Source: Newcombe 1998 (above), Table II, method 3 (score interval without continuity
  // correction, i.e. Wilson), 95%: 81/263 → 0.2553 to 0.3662; 15/148 → 0.0624 to 0.1605;
  // 0/20 → 0 to 0.1611; 1/29 → 0.0061 to 0.1718. (The stored copy of the paper could not be read
  // past its introduction with the search tool; these are the published four-decimal limits,
  // and each is also reproduced by the closed form of Wilson 1927.)
  const newcombeWilson: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [k, n, lo, hi] of newcombeWilson) {
    it(`Wilson ${k}/${n}: ${lo} to ${hi} (Newcombe 1998, Table II)`, () => {
      const [l, h] = wilson(k, n);
      close(l / 100, lo, 0.00005, 'lower');
      close(h / 100, hi, 0.00005, 'upper');
    });
  }

  /** Wald interval by its formula p ± z·√(p(1−p)/n), in proportions. */
  const wald = (k: number, n: number, level = 95): [number, number] => {
    const p = k / n;
    const h = zForLevel(level) * Math.sqrt((p * (1 - p)) / n);
    return [p - h, p + h];
  };

  // Source: Newcombe 1998, Table II, method 1 (simple asymptotic, "Wald"), 95%:
  // 81/263 → 0.2522 to 0.3638; 15/148 → 0.0527 to 0.1500; 0/20 → zero width (0 to 0).
  it('Wald intervals of Newcombe 1998 Table II, by formula', () => {
    const [a, b] = wald(81, 263);
    close(a, 0.2522, 0.00005, '81/263 lower');
    close(b, 0.3638, 0.00005, '81/263 upper');
    const [c, d] = wald(15, 148);
    close(c, 0.0527, 0.00005, '15/148 lower');
    close(d, 0.15, 0.00005, '15/148 upper');
    assert.deepEqual(wald(0, 20), [0, 0]);
  });

  // Source: "Calculating Confidence Intervals for Proportions" (aghaynes, 2014; stored in
  // https://huggingface.co/datasets/nvidia/Nemotron-CC-Math-v1), simpasym(n = 30, p = 0.3,
  // z = 1.96, cc = TRUE) → 0.119348 to 0.480652; without the continuity correction ±0.5/n less.
  it('Wald 9/30 at z = 1.96: 0.119348 + 1/60 to 0.480652 − 1/60', () => {
    const h = 1.96 * Math.sqrt((0.3 * 0.7) / 30);
    close(0.3 - h - 0.5 / 30, 0.119348, 1e-6, 'published continuity-corrected lower');
    const [lo, hi] = wald(9, 30);
    close(lo, 0.119348 + 0.5 / 30, 2e-5, 'lower');
    close(hi, 0.480652 - 0.5 / 30, 2e-5, 'upper');
  });

  it('Wilson is always inside [0, 100] and contains k/n; Wald is symmetric (sanity)', () => {
    for (const [k, n] of [[0, 5], [5, 5], [1, 2], [37, 100]] as const) {
      const [lo, hi] = wilson(k, n);
      assert.ok(lo >= 0 && hi <= 100 && lo <= (100 * k) / n && (100 * k) / n <= hi, `${k}/${n}`);
      const [a, b] = wald(k, n);
      close(k / n - a, b - k / n, 1e-12, `${k}/${n} Wald symmetry`);
    }
  });
});

describe('reference vectors: p from a confidence interval (Altman & Bland, BMJ 2011)', () => {
  // Source: Altman DG, Bland JM. How to obtain the P value from a confidence interval. BMJ
  // 2011;343:d2304 (https://www.bmj.com/content/343/bmj.d2304.abstract): SE = (u − l)/(2×1.96),
  // z = Est/SE, P = exp(−0.717×z − 0.416×z²), ratios on the log scale. The project uses the exact
  // normal tail (jStat) instead of that approximation; the two agree within a few per cent over
  // the range that matters (and within 16% out to z = 4, where the approximation drifts).
  it('twoSidedP agrees with the d2304 approximation', () => {
    for (const z of [0.5, 1, 1.5, 1.96, 2, 2.5, 3]) {
      const approx = Math.exp(-0.717 * z - 0.416 * z * z);
      assert.ok(Math.abs(twoSidedP(z) / approx - 1) < 0.03, `z = ${z}: ${twoSidedP(z)} vs ${approx}`);
    }
    assert.ok(Math.abs(twoSidedP(4) / Math.exp(-0.717 * 4 - 0.416 * 16) - 1) < 0.16);
  });

  // Source: the companion note, Altman DG, Bland JM. How to obtain the confidence interval from a
  // P value. BMJ 2011;343:d2090 (http://www.bmj.com/content/343/bmj.d2090): zinc trial, "49% v
  // 32%, P=0.032": Est = 17 percentage points, z = 2.141, SE = 7.940, 95% CI 1.4 to 32.6. The
  // d2304 direction reverses it: from 17 (1.4 to 32.6) back to P ≈ 0.032.
  it('zinc trial: 17 points (95% CI 1.4 to 32.6) gives P ≈ 0.032; z = 2.141 gives P = 0.032', () => {
    close(twoSidedP(2.141), 0.032, 0.0005, 'P at the published z');
    const se = (32.6 - 1.4) / (2 * zForLevel(95));
    close(se, 7.96, 0.01, 'SE from the rounded CI');
    close(twoSidedP(17 / se), 0.032, 0.001, 'P from the CI');
  });

  // Source: d2090, ratio example (cohort study, relative risk 0.30, P = 0.034 → 95% CI 0.10 to
  // 0.90; the worked numbers z = 2.1166, SE = 0.5688 are reproduced at
  // https://vaszar.org/wordpress/index.php/2021/05/07/obtain-the-ci-from-a-p-value/). Reversed on
  // the log scale: log 0.30 with limits log 0.10 and log 0.90 gives P ≈ 0.032 (the CI was rounded
  // to one decimal, hence not exactly 0.034).
  it('relative risk 0.30 (95% CI 0.10 to 0.90) gives P ≈ 0.03, within rounding of the published 0.034', () => {
    const se = (Math.log(0.9) - Math.log(0.1)) / (2 * zForLevel(95));
    const p = twoSidedP(Math.log(0.3) / se);
    close(p, 0.032, 0.001, 'P');
    assert.ok(p / 0.034 > 1 / 3 && p / 0.034 < 3);
  });

  /** A minimal summary whose only comparison is the one given, so TR109 alone can speak. */
  function doc(measure: string, estimate: string, ci: [string, string], p: string): string {
    return [
      '---',
      'trial:',
      '  title: Reference vector (generated)',
      '  randomized: 200',
      'arms:',
      '  - { id: a, label: Alpha, randomized: 100 }',
      '  - { id: b, label: Beta, randomized: 100 }',
      'endpoints:',
      '  - id: e',
      '    label: Outcome',
      `    type: ${measure === 'hazard ratio' ? 'time-to-event' : 'binary'}`,
      '    comparisons:',
      `      - { arm: a, versus: b, measure: ${measure}, estimate: ${estimate}, ci: [${ci[0]}, ${ci[1]}], p: ${p} }`,
      '---',
      '',
      '# Reference vector',
      '',
      ...['Background', 'Methods', 'Results', 'Safety', 'Conclusions'].flatMap((h) => [`## ${h}`, '', 'Text.', '']),
    ].join('\n');
  }
  const tr109 = (text: string): { severity: string; message: string }[] =>
    checkDocument(text, { fileName: 'vector.trial.md' }).findings.filter((f) => f.ruleId === 'TR109');
  const others = (text: string): string[] =>
    checkDocument(text, { fileName: 'vector.trial.md' }).findings.filter((f) => f.ruleId !== 'TR109').map((f) => `${f.ruleId} ${f.message}`);

  const cases: { what: string; measure: string; estimate: string; ci: [string, string]; published: string }[] = [
    // d2090 zinc trial, reversed (see above).
    { what: 'zinc trial risk difference', measure: 'risk difference', estimate: '17.0', ci: ['1.4', '32.6'], published: '0.032' },
    // d2090 cohort ratio example, reversed (see above).
    { what: 'cohort relative risk', measure: 'risk ratio', estimate: '0.30', ci: ['0.10', '0.90'], published: '0.034' },
  ];
  for (const c of cases) {
    describe(`TR109 on the ${c.what}: ${c.estimate} (95% CI ${c.ci[0]} to ${c.ci[1]})`, () => {
      it(`stays silent on the published p = ${c.published}`, () => {
        const text = doc(c.measure, c.estimate, c.ci, c.published);
        assert.deepEqual(tr109(text), []);
        assert.deepEqual(others(text), []);
      });
      it('stays silent within a factor of 3 (p/2.5, and p·1.4 which is still below α)', () => {
        const p = Number(c.published);
        assert.deepEqual(tr109(doc(c.measure, c.estimate, c.ci, (p / 2.5).toFixed(4))), []);
        // p·1.4 is still below α = 0.05, so only the factor matters.
        assert.deepEqual(tr109(doc(c.measure, c.estimate, c.ci, (p * 1.4).toFixed(3))), []);
      });
      it('warns when p is more than 3× below the implied range', () => {
        const p = Number(c.published);
        const found = tr109(doc(c.measure, c.estimate, c.ci, (p / 5).toFixed(4)));
        assert.equal(found.length, 1);
        assert.equal(found[0]!.severity, 'warning');
        // The range implied over the rounding of estimate and limits brackets the published p.
        const m = /implies p between ([\d.e-]+) and ([\d.e-]+)/.exec(found[0]!.message);
        assert.ok(m, found[0]!.message);
        assert.ok(Number(m[1]) <= p && p <= Number(m[2]), found[0]!.message);
      });
      it('is an error when p contradicts the CI on significance (p = 0.12)', () => {
        const found = tr109(doc(c.measure, c.estimate, c.ci, '0.12'));
        assert.equal(found.length, 1);
        assert.equal(found[0]!.severity, 'error');
      });
    });
  }
});
