// The arithmetic of continuous results (docs/rules/README.md): which means n whole-number scores
// can give (GRIM for means), the bounds a scale puts on a mean and an SD (Bhatia–Davis), and the
// standard error of a mean. Means are decided with exact integer (BigInt) arithmetic on the
// written digits, like shares; bounds use floats over the rounding intervals, where a few ulps
// cannot change a verdict that already allows half a unit of the last written digit.
import { writtenInterval } from './numbers.js';
import type { Scale, WrittenNumber } from './types.js';

/** A signed decimal as written, as a scaled integer: "-9.83" → { units: -983n, decimals: 2 }. */
export interface SignedScaled {
  units: bigint;
  decimals: number;
}

/** Plain decimals only ("6.30", "-12", "+0.5", "−1.2"); exponents and other forms give undefined. */
export function signedScaled(text: string): SignedScaled | undefined {
  const m = /^\s*([+\-−]?)(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const units = BigInt(m[2]! + frac);
  return { units: m[1] === '-' || m[1] === '−' ? -units : units, decimals: frac.length };
}

const pow10 = (d: number): bigint => 10n ** BigInt(d);
const rescale = (x: SignedScaled, d: number): bigint => x.units * pow10(d - x.decimals);

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}

/** `units / 10^d` as text with exactly `d` decimals ("-983", 2 → "-9.83"). */
export function formatSigned(units: bigint, d: number): string {
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(d + 1, '0');
  const body = d === 0 ? s : `${s.slice(0, -d)}.${s.slice(-d)}`;
  return neg ? `-${body}` : body;
}

/**
 * The values one participant can have: `anchor + k·step/items` for whole k, where the anchor is
 * the scale's minimum (0 when absent, and for change scores, whose lattice is that of a
 * difference).
 */
export interface Granularity {
  step: SignedScaled;
  items: number;
  anchor: SignedScaled;
}

/** The granularity a scale declares, or undefined when it has no usable `step`. */
export function granularityOf(scale: Scale | undefined, change: boolean): Granularity | undefined {
  if (!scale?.step) return undefined;
  const step = signedScaled(scale.step.text);
  if (!step || step.units <= 0n) return undefined;
  const items = scale.items ? scale.items.value : 1;
  if (!Number.isSafeInteger(items) || items < 1) return undefined;
  const min = !change && scale.min ? signedScaled(scale.min.text) : undefined;
  if (!change && scale.min && !min) return undefined;
  return { step, items, anchor: min ?? { units: 0n, decimals: 0 } };
}

export type MeanVerdict =
  | { kind: 'untestable' }
  | { kind: 'fits' }
  | { kind: 'truncated' }
  /** `nearest`: the closest possible means written at the same precision, nearest first. */
  | { kind: 'impossible'; nearest: string[] };

/**
 * GRIM for a mean (Brown & Heathers 2017): can `n` participants, each with a value on the lattice
 * of `g`, have a mean that rounds (half up or half down: charitable) to the written one? A mean of
 * n values is `anchor + T·step/(n·items)` for a whole T. Untestable when that spacing is no
 * coarser than the written precision, since every rounding interval then holds such a value.
 */
export function grimMean(mean: SignedScaled, n: number, g: Granularity): MeanVerdict {
  if (!Number.isSafeInteger(n) || n < 1) return { kind: 'untestable' };
  const d = mean.decimals;
  const D = Math.max(d, g.step.decimals, g.anchor.decimals);
  const X = rescale(mean, D) - rescale(g.anchor, D);
  const S = rescale(g.step, D);
  const N = BigInt(n) * BigInt(g.items);
  const W = pow10(D - d); // one unit of the written last digit, in units of 10^-D
  if (S <= N * W) return { kind: 'untestable' };
  // |X − T·S/N| ≤ W/2  ⇔  2·T·S ∈ [2NX − NW, 2NX + NW]
  const Y = 2n * N * X;
  const H = N * W;
  if (ceilDiv(Y - H, 2n * S) <= floorDiv(Y + H, 2n * S)) return { kind: 'fits' };
  // Truncated toward zero: the true mean lies in [x, x + W) for x ≥ 0, (x − W, x] for x < 0.
  const [lo, hi] = mean.units >= 0n ? [N * X, N * (X + W)] : [N * (X - W), N * X];
  let t = ceilDiv(lo, S);
  if (mean.units < 0n && t * S === lo) t += 1n;
  if (t * S < hi || (mean.units < 0n && t * S === hi)) return { kind: 'truncated' };

  const base = floorDiv(N * X, S);
  const anchorD = rescale(g.anchor, D);
  const candidates = [base, base + 1n].map((T) => {
    // value in units of 10^-D is anchor + T·S/N; written at d decimals, rounded half away from zero
    const num = anchorD * N + T * S;
    const den = N * W;
    const q = num >= 0n ? (2n * num + den) / (2n * den) : -((-2n * num + den) / (2n * den));
    return { text: formatSigned(q, d), dist: absBig(num - X * N - anchorD * N) };
  });
  candidates.sort((a, b) => (a.dist < b.dist ? -1 : a.dist > b.dist ? 1 : 0));
  return { kind: 'impossible', nearest: [...new Set(candidates.map((c) => c.text))] };
}

const absBig = (x: bigint): bigint => (x < 0n ? -x : x);

/** The bounds a result's values lie within: the scale's, or for changes `[min − max, max − min]`. */
export function valueBounds(scale: Scale | undefined, change: boolean): [number | undefined, number | undefined] {
  const min = scale?.min?.value;
  const max = scale?.max?.value;
  if (!change) return [min, max];
  if (min === undefined || max === undefined) return [undefined, undefined];
  return [min - max, max - min];
}

/** Is the written number's rounding interval entirely below `bound` (or above, with `above`)? */
export function beyond(x: WrittenNumber, bound: number, above: boolean): boolean {
  const [lo, hi] = writtenInterval(x.value, x.decimals);
  return above ? lo > bound + 1e-9 : hi < bound - 1e-9;
}

/**
 * The largest sample SD n values within [min, max] with a mean in [mLo, mHi] can have: the
 * Bhatia–Davis bound √((max − μ)(μ − min)) on the population variance, times √(n/(n − 1)) for
 * the sample SD, maximised over the mean's interval.
 */
export function maxSampleSd(min: number, max: number, mLo: number, mHi: number, n: number): number {
  const lo = Math.max(min, mLo);
  const hi = Math.min(max, mHi);
  if (lo > hi || n < 2) return Number.POSITIVE_INFINITY;
  const mid = Math.min(hi, Math.max(lo, (min + max) / 2));
  return Math.sqrt(((max - mid) * (mid - min) * n) / (n - 1));
}

/** The interval of `sd/√n` over the SD's rounding interval. */
export function seInterval(sd: WrittenNumber, n: number): [number, number] {
  const [lo, hi] = writtenInterval(sd.value, sd.decimals);
  return [Math.max(0, lo) / Math.sqrt(n), hi / Math.sqrt(n)];
}

/**
 * `x.toFixed(d)` for a precision read from the document: a value written `2.57e-322` has 324
 * decimals, beyond what `toFixed` accepts, and no reader needs more than 20.
 */
export function fixed(x: number, d: number): string {
  return x.toFixed(Math.min(20, Math.max(0, d)));
}

/** `x` written with `d` decimals, but with at least two significant digits ("0.55", not "0.6"). */
export function formatAtLeast(x: number, d: number): string {
  let digits = Math.min(20, d);
  while (digits < 6 && x !== 0 && Math.abs(x) < 10 ** (1 - digits)) digits++;
  return fixed(x, digits);
}
