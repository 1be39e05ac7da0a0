// The arithmetic every numeric rule shares (docs/rules/README.md, "The arithmetic every numeric rule shares").
// Shares are decided with exact integer (BigInt) arithmetic, never with floats and toFixed.
import type { Rounding } from './types.js';

/** Digits after the decimal point as written; `1.5e-3` counts as 4. */
export function decimalsOf(text: string): number {
  const t = text.trim().replace(/^[+-]/, '');
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m) return 0;
  const frac = m[2]?.length ?? 0;
  const exp = m[3] ? Number(m[3]) : 0;
  return Math.max(0, frac - exp);
}

/** A non-negative decimal as a scaled integer: "60.5" → { units: 605n, decimals: 1 }. */
export interface Scaled {
  units: bigint;
  decimals: number;
}

export function scaled(text: string): Scaled | undefined {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  return { units: BigInt((m[1] ?? '0') + frac), decimals: frac.length };
}

const pow10 = (d: number): bigint => 10n ** BigInt(d);

/** `S = 100·10^d`: the number of units in 100%. */
const hundred = (d: number): bigint => 100n * pow10(d);

/**
 * How a writer's software may have rounded (arithmetic rule 3): the core's one {@link Rounding}
 * type, under the name the arithmetic and the rules have always used for it.
 */
export type RoundingPolicy = Rounding;

/** Does `k/n` round to the written percentage under the policy? Rule 4, exact. */
export function shareFits(p: Scaled, k: number, n: number, policy: RoundingPolicy = 'charitable'): boolean {
  if (!isCount(n) || n <= 0 || !isCount(k)) return false;
  const S = hundred(p.decimals);
  const R = p.units;
  const N = BigInt(n);
  const K2 = 2n * S * BigInt(k);
  const lo = (2n * R - 1n) * N;
  const hi = (2n * R + 1n) * N;
  if (policy === 'charitable') return lo <= K2 && K2 <= hi;
  if (policy === 'half-up') return lo <= K2 && K2 < hi;
  // Half to even: a tie at either end rounds to R only when R is even.
  if (K2 === lo || K2 === hi) return R % 2n === 0n;
  return lo < K2 && K2 < hi;
}

/** Does `k/n`, truncated, give the written percentage? Rule 3's fallback. */
export function shareFitsTruncated(p: Scaled, k: number, n: number): boolean {
  if (!isCount(n) || n <= 0 || !isCount(k)) return false;
  const S = hundred(p.decimals);
  const N = BigInt(n);
  const SK = S * BigInt(k);
  return p.units * N <= SK && SK < (p.units + 1n) * N;
}

/** A whole, finite count: only these can be shares' numerators and denominators. */
export function isCount(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/** Candidate numerators nearest the written share: ⌊R·n/S⌋ and ⌈R·n/S⌉, clamped to 0…n. */
export function nearestCounts(p: Scaled, n: number): number[] {
  if (!isCount(n)) return [];
  const S = hundred(p.decimals);
  const num = p.units * BigInt(n);
  const lo = Number(num / S);
  const hi = num % S === 0n ? lo : lo + 1;
  const out = new Set<number>();
  for (const k of [lo, hi]) if (k >= 0 && k <= n) out.add(k);
  if (out.size === 0) out.add(Math.max(0, Math.min(n, lo)));
  return [...out];
}

export type ShareVerdict =
  | { kind: 'fits'; k: number }
  | { kind: 'truncated'; k: number }
  | { kind: 'impossible'; nearest: number[] };

/** GRIM for a percentage against a denominator. */
export function grim(p: Scaled, n: number, policy: RoundingPolicy = 'charitable'): ShareVerdict {
  const ks = nearestCounts(p, n);
  for (const k of ks) if (shareFits(p, k, n, policy)) return { kind: 'fits', k };
  for (const k of ks) if (shareFitsTruncated(p, k, n)) return { kind: 'truncated', k };
  return { kind: 'impossible', nearest: ks };
}

/**
 * Can a share at this precision fail for this n? Every interval of width 10^-d% holds some
 * k/n once 100/n ≤ 10^-d, i.e. n ≥ S (rule 6: untestable is not passing).
 */
export function shareTestable(decimals: number, n: number): boolean {
  return isCount(n) && n > 0 && BigInt(n) < hundred(decimals);
}

/** `100·k/n` rounded half up to `d` decimals, as text ("60.5"). Exact. */
export function formatShare(k: number, n: number, d: number): string {
  if (!isCount(k) || !isCount(n) || n === 0) return String(n > 0 ? (100 * k) / n : NaN);
  const S = hundred(d);
  const q = (2n * S * BigInt(k) + BigInt(n)) / (2n * BigInt(n));
  return formatScaled(q, d);
}

export function formatScaled(units: bigint, d: number): string {
  if (d === 0) return units.toString();
  const s = units.toString().padStart(d + 1, '0');
  return `${s.slice(0, -d)}.${s.slice(-d)}`;
}

/** Denominators within ±`fraction` of n (n excluded) for which some k/n gives the share. */
export function fittingDenominators(p: Scaled, n: number, fraction = 0.15, policy: RoundingPolicy = 'charitable'): number[] {
  const lo = Math.max(1, Math.ceil(n * (1 - fraction)));
  const hi = Math.floor(n * (1 + fraction));
  const out: number[] = [];
  for (let m = lo; m <= hi; m++) {
    if (m === n) continue;
    if (nearestCounts(p, m).some((k) => shareFits(p, k, m, policy))) out.push(m);
  }
  return out;
}

/** Shares as text for the nearest counts, e.g. "22/38 is 57.9% and 23/38 is 60.5%". */
export function describeCounts(ks: number[], n: number, d: number): string {
  const shown = Math.max(1, d);
  return joinWords(ks.map((k) => `${k}/${n} is ${formatShare(k, n, shown)}%`));
}

/** "a", "a or b", "a, b or c". */
export function joinWords(items: string[], word = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/** The interval a written number stands for: `v ± ½·10^-d` (rule 2). */
export function writtenInterval(value: number, decimals: number): [number, number] {
  const h = 0.5 * 10 ** -decimals;
  return [value - h, value + h];
}

export function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] + 1e-12 && b[0] <= a[1] + 1e-12;
}
