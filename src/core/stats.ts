// Distributions come from jStat (a maintained statistics library), not hand-rolled
// approximations; this module only names what the rules need.
import jstatModule from 'jstat';

interface JStat {
  normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
  chisquare: { cdf(x: number, dof: number): number };
  gammaln(x: number): number;
}

const jStat: JStat = (jstatModule as unknown as { jStat: JStat }).jStat;

/** Two-sided p of a z statistic, floored so that ratios of tiny p values stay finite. */
export function twoSidedP(z: number): number {
  return Math.max(1e-300, 2 * jStat.normal.cdf(-Math.abs(z), 0, 1));
}

/** z for a two-sided confidence level in percent: 95 → 1.96. */
export function zForLevel(level: number): number {
  return jStat.normal.inv(1 - (1 - level / 100) / 2, 0, 1);
}

/** Pearson χ² (optionally Yates-corrected) p value of a 2×2 table [[a, b], [c, d]]. */
export function chiSquareP(a: number, b: number, c: number, d: number, yates: boolean): number | undefined {
  const n = a + b + c + d;
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const c2 = b + d;
  if (r1 === 0 || r2 === 0 || c1 === 0 || c2 === 0) return undefined;
  let diff = Math.abs(a * d - b * c);
  if (yates) diff = Math.max(0, diff - n / 2);
  const chi = (n * diff * diff) / (r1 * r2 * c1 * c2);
  return Math.max(1e-300, 1 - jStat.chisquare.cdf(chi, 1));
}

/**
 * Two-sided p of the unpooled (Wald) z test of two proportions: the test that goes with the
 * Wald interval papers print beside a risk difference.
 */
export function waldP(a: number, b: number, c: number, d: number): number | undefined {
  const n1 = a + b;
  const n2 = c + d;
  if (n1 === 0 || n2 === 0) return undefined;
  const p1 = a / n1;
  const p2 = c / n2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  if (!(se > 0)) return undefined;
  return twoSidedP((p1 - p2) / se);
}

/** Two-sided Fisher exact p of a 2×2 table: the sum of tables no more likely than the observed. */
export function fisherP(a: number, b: number, c: number, d: number): number {
  const r1 = a + b;
  const c1 = a + c;
  const n = a + b + c + d;
  const lo = Math.max(0, r1 + c1 - n);
  const hi = Math.min(r1, c1);
  // Five of the nine log-gamma terms of each table's probability do not depend on it: computed
  // once, in the same order of operations, so every sum is bit-for-bit what it was.
  const lnf = (k: number): number => jStat.gammaln(k + 1);
  const lnC1 = lnf(c1);
  const lnRest = lnf(n - c1);
  const lnTotal = lnf(n) - lnf(r1) - lnf(n - r1);
  const logp = (x: number): number => lnC1 - lnf(x) - lnf(c1 - x) + (lnRest - lnf(r1 - x) - lnf(n - c1 - (r1 - x))) - lnTotal;
  const observed = logp(a);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const l = logp(x);
    // Relative tolerance, as R's fisher.test does, so equal-probability tables count.
    if (l <= observed + 1e-7) p += Math.exp(l);
  }
  return Math.min(1, Math.max(1e-300, p));
}


/** Wilson score interval of k/n at the given level, in percent. */
export function wilson(k: number, n: number, level = 95): [number, number] {
  const z = zForLevel(level);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half)];
}
