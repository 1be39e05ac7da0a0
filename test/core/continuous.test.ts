// The arithmetic of continuous results (src/core/continuous.ts) against published worked examples,
// each source named beside it, and property tests: reports built from simulated whole-number
// scores are never flagged, and a mean moved to an impossible value always is.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkDocument } from '../without-tr303.js';
import { formatSigned, grimMean, maxSampleSd, signedScaled, type Granularity, type SignedScaled } from '../../src/core/continuous.js';

const s = (text: string): SignedScaled => {
  const v = signedScaled(text);
  assert.ok(v, `cannot read ${text}`);
  return v;
};
const whole = (items = 1, anchor = '0', step = '1'): Granularity => ({ step: s(step), items, anchor: s(anchor) });

describe('reference vectors: GRIM for means (Brown & Heathers 2017)', () => {
  // Source: GRIM test, Wikipedia (stored copy https://w.owiki.org/wiki/GRIM_test): a die rolled
  // 20 times cannot have a mean reported as 3.48; means of 20 integers at 2 decimals end in 0 or 5.
  it('3.48 from 20 rolls is impossible; 3.45 and 3.50 are possible', () => {
    assert.deepEqual(grimMean(s('3.48'), 20, whole(1, '1')), { kind: 'impossible', nearest: ['3.50', '3.45'] });
    assert.equal(grimMean(s('3.45'), 20, whole(1, '1')).kind, 'fits');
    assert.equal(grimMean(s('3.50'), 20, whole(1, '1')).kind, 'fits');
  });

  // Source: scrutiny R package reference for grim(), citing Brown & Heathers 2017
  // (lhdjung/scrutiny, reference/grim.md): 5.19 with n = 28 is inconsistent, with n = 32
  // consistent; 2.84 with n = 16 and 2 items is consistent.
  it('scrutiny: 5.19/28 impossible, 5.19/32 possible, 2.84/16 with 2 items possible', () => {
    assert.equal(grimMean(s('5.19'), 28, whole()).kind, 'impossible');
    assert.equal(grimMean(s('5.19'), 32, whole()).kind, 'fits');
    assert.equal(grimMean(s('2.84'), 16, whole(2)).kind, 'fits');
  });

  // Source: The Economist, "Come again", 18 June 2016, on Brown & Heathers' test (stored copy
  // https://replicationnetwork.com/2016/06/28/in-the-news-the-economist-june-18-2016/): 49
  // participants on a 1–7 integer scale cannot have a mean of 5.93 (49 × 5.93 = 290.57). Rounded,
  // 290/49 = 5.918 and 291/49 = 5.939 give 5.92 and 5.94; only truncating 5.939 gives 5.93.
  it('5.93 for 49 participants on a 1–7 scale fits only truncated', () => {
    assert.deepEqual(grimMean(s('5.93'), 49, whole(1, '1')), { kind: 'truncated' });
    assert.equal(grimMean(s('5.94'), 49, whole(1, '1')).kind, 'fits');
  });

  // Source: the Wikipedia page above: "a mean of 1.125 may be reported as 1.12 or 1.13"
  // (charitable rounding, 9/8).
  it('9/8 = 1.125 may be written 1.12 or 1.13', () => {
    assert.equal(grimMean(s('1.12'), 8, whole()).kind, 'fits');
    assert.equal(grimMean(s('1.13'), 8, whole()).kind, 'fits');
  });

  // Source: scrutiny's GRIM vignette (reference-vectors.test.ts names the stored copy): 5.27
  // with n = 43 is inconsistent; 227/43 = 5.279 gives it only when truncated.
  it('5.27 with n = 43 fits only truncated', () => {
    assert.deepEqual(grimMean(s('5.27'), 43, whole()), { kind: 'truncated' });
  });

  it('is untestable once step/(n·items) is no coarser than the written precision', () => {
    assert.equal(grimMean(s('5.19'), 100, whole()).kind, 'untestable');
    assert.equal(grimMean(s('5.2'), 10, whole()).kind, 'untestable');
    assert.equal(grimMean(s('4.38'), 7, whole(9)).kind, 'fits'); // 276/63 = 4.381
    assert.equal(grimMean(s('4.64'), 7, whole(9)).kind, 'impossible'); // 292/63 = 4.635, 293/63 = 4.651
  });

  it('handles negative means (changes from baseline) and half-point steps', () => {
    assert.equal(grimMean(s('-1.25'), 4, whole()).kind, 'fits'); // −5/4
    assert.equal(grimMean(s('-1.30'), 4, whole()).kind, 'impossible');
    assert.deepEqual(grimMean(s('-1.30'), 4, whole()), { kind: 'impossible', nearest: ['-1.25', '-1.50'] });
    assert.equal(grimMean(s('2.25'), 2, whole(1, '0', '0.5')).kind, 'fits'); // (2 + 2.5)/2
    assert.equal(grimMean(s('2.30'), 2, whole(1, '0', '0.5')).kind, 'impossible');
    // A scale starting at 0.5 in steps of 1: values 0.5, 1.5, …; a mean of 2 values is k/2.
    assert.equal(grimMean(s('1.00'), 2, whole(1, '0.5')).kind, 'fits');
  });

  it('formatSigned writes exactly d decimals', () => {
    assert.equal(formatSigned(-983n, 2), '-9.83');
    assert.equal(formatSigned(5n, 2), '0.05');
    assert.equal(formatSigned(-5n, 0), '-5');
  });
});

describe('reference vectors: the Bhatia–Davis bound', () => {
  // Source: Bhatia & Davis, "A better bound on the variance", Amer. Math. Monthly 107 (2000):
  // σ² ≤ (M − μ)(μ − m) for values in [m, M] with mean μ; equality for values only at m and M.
  it('values only at the ends reach the bound; the sample SD adds √(n/(n−1))', () => {
    // 0,0,0,10 has mean 2.5 and population variance 18.75 = (10 − 2.5)(2.5 − 0).
    assert.ok(Math.abs(maxSampleSd(0, 10, 2.5, 2.5, 4) - Math.sqrt(18.75 * 4 / 3)) < 1e-12);
    // The bound over a mean's rounding interval is taken at the point nearest the middle.
    assert.ok(Math.abs(maxSampleSd(0, 10, 1.35, 1.45, 118) - Math.sqrt(8.55 * 1.45 * 118 / 117)) < 1e-12);
    assert.ok(Math.abs(maxSampleSd(0, 10, 4.5, 6.5, 2) - Math.sqrt(25 * 2)) < 1e-12);
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests: reports from simulated scores.

interface Sim {
  min: number;
  max: number;
  step: '1' | '0.5';
  items: number;
  arms: number[][];
  decimals: number;
}

const round = (x: number, d: number): string => {
  // Exact enough for the simulation: sums of half-points over ≤ 600 values are exact in doubles.
  const f = 10 ** d;
  return (Math.round(x * f + 1e-9) / f).toFixed(d);
};

function report(sim: Sim, means: string[]): string {
  const sd = (xs: number[]): number => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  };
  const arms = sim.arms.map((xs, i) => `      arm${i}: { mean: ${means[i]}, sd: ${round(sd(xs), 1)}, n: ${xs.length} }`).join('\n');
  const armDecl = sim.arms.map((xs, i) => `  - id: arm${i}\n    label: Arm ${i}\n    randomized: ${xs.length}\n    analysed: ${xs.length}`).join('\n');
  const total = sim.arms.reduce((a, xs) => a + xs.length, 0);
  const scale = `{ min: ${sim.min}, max: ${sim.max}, step: ${sim.step}${sim.items > 1 ? `, items: ${sim.items}` : ''} }`;
  return `---\ntrial:\n  title: Simulated (property test)\n  randomized: ${total}\narms:\n${armDecl}\nendpoints:\n  - id: score\n    label: Score\n    primary: true\n    type: continuous\n    scale: ${scale}\n    results:\n${arms}\n---\n\n# Simulated\n\n## Background\n\nA.\n\n## Methods\n\nB.\n\n## Results\n\nC.\n\n## Safety\n\nD.\n\n## Conclusions\n\nE.\n`;
}

const simSpec: fc.Arbitrary<Sim> = fc
  .record({
    min: fc.integer({ min: 0, max: 5 }),
    width: fc.integer({ min: 3, max: 60 }),
    step: fc.constantFrom('1' as const, '0.5' as const),
    items: fc.integer({ min: 1, max: 6 }),
    sizes: fc.array(fc.integer({ min: 2, max: 40 }), { minLength: 2, maxLength: 3 }),
    decimals: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  })
  .map(({ min, width, step, items, sizes, decimals, seed }) => {
    let state = seed;
    const rand = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const stepV = Number(step);
    const levels = Math.round(width / stepV);
    // Each participant's value is the mean of `items` values on the lattice min + k·step.
    const value = (): number => {
      let sum = 0;
      for (let i = 0; i < items; i++) sum += min + Math.floor(rand() * (levels + 1)) * stepV;
      return sum / items;
    };
    return { min, max: min + width, step, items, arms: sizes.map((n) => Array.from({ length: n }, value)), decimals };
  });

const meanText = (xs: number[], d: number): string => round(xs.reduce((a, b) => a + b, 0) / xs.length, d);

describe('property: means, SDs and scales of simulated whole-number scores', function () {
  this.timeout(120_000);

  it('a report of simulated scores is never flagged', () => {
    fc.assert(
      fc.property(simSpec, (sim) => {
        const text = report(sim, sim.arms.map((xs) => meanText(xs, sim.decimals)));
        const found = checkDocument(text, { fileName: 'sim.trial.md' }).findings.filter((f) => f.severity !== 'info');
        assert.deepEqual(found.map((f) => `${f.ruleId} ${f.message}`), []);
      }),
      { numRuns: 150, seed: 20261204 },
    );
  });

  it('every single mean moved to an impossible value is flagged TR116 on its line', () => {
    fc.assert(
      fc.property(simSpec, fc.nat(), (sim, pick) => {
        const target = pick % sim.arms.length;
        const xs = sim.arms[target]!;
        const g: Granularity = { step: s(sim.step), items: sim.items, anchor: s(String(sim.min)) };
        const written = meanText(xs, sim.decimals);
        // The nearest written value that no total gives, within 30 units of the last digit.
        const base = s(written);
        let bad: string | undefined;
        for (let k = 1; k <= 30 && !bad; k++) {
          for (const sign of [1n, -1n]) {
            const cand = formatSigned(base.units + sign * BigInt(k), base.decimals);
            const v = Number(cand);
            if (v < sim.min || v > sim.max) continue;
            if (grimMean(s(cand), xs.length, g).kind === 'impossible') {
              bad = cand;
              break;
            }
          }
        }
        fc.pre(bad !== undefined);
        const means = sim.arms.map((a) => meanText(a, sim.decimals));
        means[target] = bad!;
        const text = report(sim, means);
        const line = text.split('\n').findIndex((l) => l.startsWith(`      arm${target}:`)) + 1;
        const found = checkDocument(text, { fileName: 'sim.trial.md' }).findings.filter((f) => f.ruleId === 'TR116');
        assert.deepEqual(found.map((f) => [f.range.start.line, f.severity]), [[line, 'error']], bad);
        // And its fix is a mean that is possible.
        for (const e of found[0]!.expected ?? []) assert.notEqual(grimMean(s(e), xs.length, g).kind, 'impossible', e);
      }),
      { numRuns: 150, seed: 20261205 },
    );
  });
});
