// The arithmetic a hover shows on a front-matter result value of format 1.1: the SE an SD implies
// (and the SD an SE implies), the granularity of a mean on its scale, and a rate recomputed from
// its events and person-years. Pure and exact about what it shows: every line says the formula
// and the numbers it used, so a writer can redo it by hand.
import { granularityOf, grimMean, signedScaled } from '../core/continuous.js';
import type { ArmResult, Endpoint, WrittenNumber } from '../core/types.js';

/** A number at `d` decimals without a trailing "-0". */
function fixed(x: number, d: number): string {
  const s = x.toFixed(d);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Decimals for a derived value: one more than the input was written with, at least two. */
const derivedDecimals = (w: WrittenNumber): number => Math.max(2, w.decimals + 1);

/** `SE = sd/√n = 6.1/√14 = 1.63`, or the SD an SE implies; with the result's own `n`, as TR118 reads it. */
export function spreadLines(key: 'sd' | 'se', result: ArmResult): string[] {
  const w = result[key];
  const n = result.n?.value;
  if (!w || !(n !== undefined && n > 0 && Number.isInteger(n))) return [];
  const root = Math.sqrt(n);
  if (key === 'sd') return [`SE = sd/√n = ${w.text}/√${n} = ${fixed(w.value / root, derivedDecimals(w))}`];
  return [`SD = se·√n = ${w.text}·√${n} = ${fixed(w.value * root, derivedDecimals(w))}`];
}

/**
 * What means are possible for the result's `n` participants on the endpoint's scale: a mean is
 * `anchor + T·step/(n·items)` for a whole T (the anchor is the scale's minimum, 0 for changes
 * from baseline). Shows that granularity and the verdict of the core's exact GRIM arithmetic
 * (the one TR116 uses), so the hover and the rule never disagree.
 */
export function meanGranularityLines(result: ArmResult, endpoint: Endpoint | undefined): string[] {
  const mean = result.mean;
  if (!mean || !endpoint || endpoint.type !== 'continuous') return [];
  const g = granularityOf(endpoint.scale, endpoint.change);
  const written = signedScaled(mean.text);
  if (!g || !written) return [];
  if (result.estimate) return [`Marked \`estimate: ${result.estimate.value}\`: a model's estimate need not be a mean of scores, so its granularity is not tested.`];
  const n = result.n?.value;
  if (n === undefined || !Number.isSafeInteger(n) || n < 1) return ["Give the result's own `n` to test whether this mean is possible (TR116)."];
  const step = endpoint.scale!.step!;
  const unit = step.value / (n * g.items);
  const divisor = g.items === 1 ? `${n}` : `(${n}·${g.items})`;
  const out = [`Granularity: a mean of ${n} values in steps of ${step.text}${g.items === 1 ? '' : `/${g.items}`} moves in steps of ${step.text}/${divisor} = ${fixed(unit, Math.max(4, mean.decimals + 2))}`];
  const verdict = grimMean(written, n, g);
  const precision = fixed(10 ** -mean.decimals, mean.decimals);
  if (verdict.kind === 'untestable') out.push(`That is no coarser than the written precision (${precision}), so any mean written with ${mean.decimals} decimal${mean.decimals === 1 ? '' : 's'} is possible.`);
  else if (verdict.kind === 'fits') out.push(`${mean.text} is possible: some total of ${n} values has a mean that rounds to it.`);
  else if (verdict.kind === 'truncated') out.push(`${mean.text} is possible only if a longer mean was truncated, not rounded.`);
  else out.push(`Nearest possible means: ${verdict.nearest.join(', ')}`);
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
