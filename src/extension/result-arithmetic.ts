// The arithmetic a hover shows on a front-matter result value of format 1.1: the SE an SD implies
// (and the SD an SE implies), the granularity of a mean on its scale, and a rate recomputed from
// its events and person-years. Pure and exact about what it shows: every line says the formula
// and the numbers it used, so a writer can redo it by hand.
import type { ArmResult, Endpoint, WrittenNumber } from '../core/types.js';

/** A number at `d` decimals without a trailing "-0". */
function fixed(x: number, d: number): string {
  const s = x.toFixed(d);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Decimals for a derived value: one more than the input was written with, at least two. */
const derivedDecimals = (w: WrittenNumber): number => Math.max(2, w.decimals + 1);

/** `SE = sd/√n = 6.1/√14 = 1.63`, or the SD an SE implies. */
export function spreadLines(key: 'sd' | 'se', result: ArmResult, n: number | undefined): string[] {
  const w = result[key];
  if (!w || !(n !== undefined && n > 0 && Number.isInteger(n))) return [];
  const root = Math.sqrt(n);
  if (key === 'sd') return [`SE = sd/√n = ${w.text}/√${n} = ${fixed(w.value / root, derivedDecimals(w))}`];
  return [`SD = se·√n = ${w.text}·√${n} = ${fixed(w.value * root, derivedDecimals(w))}`];
}

/**
 * What means are possible for `n` participants on the endpoint's scale: each participant's value
 * is `min + j·step/items`, so a mean is `min + K·step/(n·items)` for a whole K (a change from
 * baseline is a difference of two such values, so its origin is 0). Shows that granularity and
 * the possible means nearest the written one, or that the granularity is finer than the written
 * precision (so any mean at that precision is possible).
 */
export function meanGranularityLines(result: ArmResult, endpoint: Endpoint | undefined, n: number | undefined): string[] {
  const mean = result.mean;
  const step = endpoint?.scale?.step;
  if (!mean || !step || !(step.value > 0) || !(n !== undefined && n > 0 && Number.isInteger(n))) return [];
  const items = endpoint.scale?.items && Number.isInteger(endpoint.scale.items.value) && endpoint.scale.items.value >= 1 ? endpoint.scale.items.value : 1;
  const unit = step.value / (n * items);
  const origin = endpoint.change ? 0 : (endpoint.scale?.min?.value ?? 0);
  const divisor = items === 1 ? `${n}` : `(${n}·${items})`;
  const out = [`Granularity: a mean of ${n} values in steps of ${step.text}${items === 1 ? '' : `/${items}`} moves in steps of ${step.text}/${divisor} = ${fixed(unit, Math.max(4, mean.decimals + 2))}`];
  const precision = 10 ** -mean.decimals;
  if (unit <= precision) {
    out.push(`That is no coarser than the written precision (${fixed(precision, mean.decimals)}), so any mean written with ${mean.decimals} decimal${mean.decimals === 1 ? '' : 's'} is possible.`);
    return out;
  }
  const k = (mean.value - origin) / unit;
  const near = Math.round(k);
  const shown = (kk: number): string => fixed(origin + kk * unit, mean.decimals + 2);
  if (Math.abs(k - near) < 1e-9) out.push(`${mean.text} is a possible mean exactly.`);
  else out.push(`Nearest possible means: ${shown(Math.floor(k))}, ${shown(Math.ceil(k))}`);
  return out;
}

/** `88 events / 1234.5 person-years × 100 = 7.13 per 100 person-years`. */
export function rateLines(result: ArmResult): string[] {
  const { events, personYears, rate } = result;
  if (!events || !personYears || !(personYears.value > 0)) return [];
  const per = result.ratePer?.value ?? 100;
  const perText = result.ratePer?.text ?? '100';
  const d = rate ? Math.max(rate.decimals + 1, 2) : 2;
  return [`${events.text} events / ${personYears.text} person-years × ${perText} = ${fixed((events.value / personYears.value) * per, d)} per ${perText} person-years`];
}
