import { strict as assert } from 'node:assert';
import { decimalsOf, fittingDenominators, formatShare, grim, scaled, shareFits, shareFitsTruncated, shareTestable } from '../../src/core/numbers.js';
import { chiSquareP, fisherP, twoSidedP, wilson, zForLevel } from '../../src/core/stats.js';

/** Independent oracle: round k/n half up and half down with integer division, over every k. */
function oracleFits(units: number, d: number, n: number): boolean {
  const S = 100 * 10 ** d;
  for (let k = 0; k <= n; k++) {
    const up = Math.floor((2 * S * k + n) / (2 * n));
    const down = Math.ceil((2 * S * k - n) / (2 * n));
    if (up === units || down === units) return true;
  }
  return false;
}

describe('share arithmetic (docs/rules/README.md, arithmetic rules 2–4 and 6)', () => {
  it('decimalsOf keeps the written precision', () => {
    assert.equal(decimalsOf('60'), 0);
    assert.equal(decimalsOf('60.0'), 1);
    assert.equal(decimalsOf('0.050'), 3);
    assert.equal(decimalsOf('1.5e-3'), 4);
    assert.equal(decimalsOf('-2.25'), 2);
  });

  it('GRIM agrees with a brute-force oracle for every share at 0–2 decimals and n ≤ 120', () => {
    let checked = 0;
    for (let d = 0; d <= 2; d++) {
      const S = 100 * 10 ** d;
      for (let n = 1; n <= 120; n++) {
        if (!shareTestable(d, n)) continue;
        for (let units = 0; units <= S; units += d === 2 ? 7 : 1) {
          const p = { units: BigInt(units), decimals: d };
          const fits = grim(p, n).kind === 'fits';
          assert.equal(fits, oracleFits(units, d, n), `${units / 10 ** d}% of ${n}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100_000);
  });

  it('60% of 38 fits only truncated, and 35, 40, 42, 43 patients when rounded', () => {
    const p = scaled('60')!;
    assert.equal(shareFits(p, 23, 38), false);
    assert.equal(shareFitsTruncated(p, 23, 38), true);
    assert.deepEqual(grim(p, 38), { kind: 'truncated', k: 23 });
    assert.deepEqual(fittingDenominators(p, 38), [35, 40, 42, 43]);
  });

  it('60.0% is a different claim from 60%', () => {
    assert.deepEqual(grim(scaled('60.0')!, 38), { kind: 'impossible', nearest: [22, 23] });
  });

  it('an integer percentage of n ≥ 100 cannot fail, so it is untestable', () => {
    assert.equal(shareTestable(0, 99), true);
    assert.equal(shareTestable(0, 100), false);
    assert.equal(shareTestable(1, 999), true);
    assert.equal(shareTestable(1, 1000), false);
  });

  it('formatShare rounds exactly, half up', () => {
    assert.equal(formatShare(23, 38, 1), '60.5');
    assert.equal(formatShare(1, 8, 1), '12.5');
    assert.equal(formatShare(1, 8, 0), '13');
    assert.equal(formatShare(1, 3, 2), '33.33');
    assert.equal(formatShare(0, 5, 1), '0.0');
  });
});

describe('statistics (jStat)', () => {
  it('z for 95% is 1.96', () => assert.ok(Math.abs(zForLevel(95) - 1.959964) < 1e-5));
  it('two-sided p of z = 1.96 is 0.05', () => assert.ok(Math.abs(twoSidedP(1.959964) - 0.05) < 1e-5));
  it('Fisher exact matches published values', () => {
    // Lady tasting tea: 3/4 versus 1/4 → two-sided p = 0.4857.
    assert.ok(Math.abs(fisherP(3, 1, 1, 3) - 0.4857) < 1e-4);
    // Dieting example (1, 9; 11, 3): two-sided p = 0.002759.
    assert.ok(Math.abs(fisherP(1, 9, 11, 3) - 0.002759) < 1e-5);
  });
  it('χ² with and without Yates matches the closed form', () => {
    // 40/100 versus 25/100: χ² = 5.128 (p 0.0235), Yates 4.467 (p 0.0346).
    assert.ok(Math.abs(chiSquareP(40, 60, 25, 75, false)! - 0.02354) < 1e-4);
    assert.ok(Math.abs(chiSquareP(40, 60, 25, 75, true)! - 0.03455) < 1e-4);
    assert.equal(chiSquareP(0, 10, 0, 10, false), undefined);
  });
  it('Wilson interval matches the score formula', () => {
    const [lo, hi] = wilson(9, 38);
    assert.ok(Math.abs(lo - 12.99) < 0.05, `lo ${lo}`);
    assert.ok(Math.abs(hi - 39.21) < 0.05, `hi ${hi}`);
    assert.deepEqual(wilson(0, 10).map((x) => Math.round(x * 10) / 10), [0, 27.8]);
  });
});

describe('rounding policies', () => {
  // 1/8 = 12.5% exactly: a tie. Charitable accepts 12 and 13; half-up only 13; half-even only 12.
  const fits = (text: string, policy: 'charitable' | 'half-up' | 'half-even'): boolean => shareFits(scaled(text)!, 1, 8, policy);
  it('charitable accepts either neighbour of a tie', () => assert.deepEqual([fits('12', 'charitable'), fits('13', 'charitable')], [true, true]));
  it('half-up takes the upper neighbour only', () => assert.deepEqual([fits('12', 'half-up'), fits('13', 'half-up')], [false, true]));
  it('half-even takes the even neighbour only', () => assert.deepEqual([fits('12', 'half-even'), fits('13', 'half-even')], [true, false]));
  it('away from ties all policies agree', () => {
    for (const policy of ['charitable', 'half-up', 'half-even'] as const) assert.equal(shareFits(scaled('60.5')!, 23, 38, policy), true);
  });
  it('the option reaches the rules', async () => {
    const { checkDocument } = await import('../without-tr303.js');
    const doc = `---\ntrial:\n  title: T\n  randomized: 8\narms:\n  - id: a\n    label: A\n    randomized: 8\nendpoints:\n  - id: e\n    label: E\n    type: binary\n    results:\n      a: { events: 1, n: 8, percent: 12 }\n---\n\n# T\n\n## Background\n\nx\n\n## Methods\n\nx\n\n## Results\n\nx\n\n## Safety\n\nx\n\n## Conclusions\n\nx\n`;
    assert.deepEqual(checkDocument(doc, { fileName: 'x.trial.md' }).findings, []);
    assert.deepEqual(checkDocument(doc, { fileName: 'x.trial.md', rounding: 'half-even' }).findings, []);
    assert.deepEqual(checkDocument(doc, { fileName: 'x.trial.md', rounding: 'half-up' }).findings.map((f) => f.ruleId), ['TR103']);
  });
});
