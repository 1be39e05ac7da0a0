// The preview's figures as SVG, drawn from plain numbers so they can be tested on their own:
// the CONSORT-style participant flow and the forest plot of comparisons. Every label sits in a
// slot sized for it (truncated with the full text in a <title>), so no two labels can overlap.
// No ids, no markers, no external references: the SVG is inert markup styled by preview.css.
import { doseOf } from '../core/rules/dose-response-claim.js';
import type { Arm } from '../core/types.js';
import { html, type SafeHtml } from './html.js';

/** Average advance of a 12px UI-font character, used to size label slots (generous). */
export const CHAR_W = 6.6;

export const r2 = (v: number): number => Math.round(v * 100) / 100;

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * Arms in dose order, the order TR113 reads them in: placebo (dose 0) first, then by the numeric
 * dose in the arm's `dose` (or its label); arms without a numeric dose keep their declared order
 * after those. The sort is stable, so equal doses keep their declared order too.
 */
export function doseOrder<T extends Arm>(arms: readonly T[]): T[] {
  const keyed = arms.map((a, i) => ({ a, i, d: doseOf(a) }));
  keyed.sort((x, y) => {
    if (x.d !== undefined && y.d !== undefined) return x.d - y.d || x.i - y.i;
    if (x.d !== undefined) return -1;
    if (y.d !== undefined) return 1;
    return x.i - y.i;
  });
  return keyed.map((k) => k.a);
}

// ---------------------------------------------------------------------------------------------
// Participant flow (CONSORT style)

export interface FlowArm {
  label: string;
  randomized?: number;
  analysed?: number;
}

export interface FlowInput {
  /** The trial's N randomised, as declared. */
  randomized?: number;
  arms: FlowArm[];
}

/** What happened between allocation and analysis for one arm, as a short phrase and a class. */
export function lossOf(arm: FlowArm): { text: string; cls: 'loss' | 'none' | 'unknown' | 'error' } {
  const { randomized: r, analysed: a } = arm;
  if (r === undefined || a === undefined) return { text: 'losses not reported', cls: 'unknown' };
  if (a > r) return { text: 'analysed > randomised', cls: 'error' };
  if (a === r) return { text: 'none excluded', cls: 'none' };
  return { text: `${r - a} not analysed`, cls: 'loss' };
}

const FLOW = { minWidth: 760, minCol: 150, gap: 16, topW: 260, boxH: 46, line: 16 };

function arrowHead(x: number, y: number): SafeHtml {
  return html`<path class="arrow-head" d="M${r2(x - 4)} ${r2(y - 7)}L${r2(x)} ${r2(y)}L${r2(x + 4)} ${r2(y - 7)}Z"/>`;
}

/** randomised → allocated per arm → analysed per arm, with the losses where they are known. */
export function flowDiagram(input: FlowInput): SafeHtml {
  const arms = input.arms;
  if (arms.length === 0) return html``;
  const F = FLOW;
  const W = Math.max(F.minWidth, arms.length * F.minCol + (arms.length - 1) * F.gap);
  const colW = (W - (arms.length - 1) * F.gap) / arms.length;
  const cx = (i: number): number => i * (colW + F.gap) + colW / 2;
  const maxChars = Math.max(4, Math.floor((colW - 14) / CHAR_W));

  const sum = arms.every((a) => a.randomized !== undefined) ? arms.reduce((s, a) => s + (a.randomized ?? 0), 0) : undefined;
  const nText = input.randomized !== undefined ? `N = ${input.randomized}` : sum !== undefined ? `N = ${sum} (sum of arms)` : 'N not reported';
  const mismatch = input.randomized !== undefined && sum !== undefined && sum !== input.randomized;
  const topH = mismatch ? F.boxH + F.line : F.boxH;
  const topX = W / 2 - F.topW / 2;
  const busY = 4 + topH + 18;
  const allocY = busY + 20;
  const lossY = allocY + F.boxH + 24;
  const analY = lossY + 22;
  const H = analY + F.boxH + 4;

  const top = html`<g class="flow-top"><rect class="box" x="${r2(topX)}" y="4" width="${F.topW}" height="${topH}" rx="4"/><text class="head" x="${r2(W / 2)}" y="${4 + 19}" text-anchor="middle">Randomised</text><text class="n" x="${r2(W / 2)}" y="${4 + 37}" text-anchor="middle">${nText}</text>${
    mismatch ? html`<text class="warn" x="${r2(W / 2)}" y="${4 + 37 + F.line}" text-anchor="middle">arms add up to ${sum}</text>` : ''
  }</g>`;
  const bus = html`<line class="link" x1="${r2(W / 2)}" y1="${4 + topH}" x2="${r2(W / 2)}" y2="${busY}"/>${
    arms.length > 1 ? html`<line class="link" x1="${r2(cx(0))}" y1="${busY}" x2="${r2(cx(arms.length - 1))}" y2="${busY}"/>` : ''
  }`;
  const cols = arms.map((a, i) => {
    const x = i * (colW + F.gap);
    const c = cx(i);
    const loss = lossOf(a);
    const analysedText = a.analysed !== undefined ? `n = ${a.analysed}` : 'n not reported';
    const tip = `${a.label}: randomised ${a.randomized ?? 'not reported'}, analysed ${a.analysed ?? 'not reported'}`;
    return html`<g class="flow-arm"><title>${tip}</title><line class="link" x1="${r2(c)}" y1="${busY}" x2="${r2(c)}" y2="${allocY - 1}"/>${arrowHead(c, allocY)}<rect class="box" x="${r2(x)}" y="${allocY}" width="${r2(colW)}" height="${F.boxH}" rx="4"/><text class="head" x="${r2(c)}" y="${allocY + 19}" text-anchor="middle">${truncate(a.label, maxChars)}</text><text class="n" x="${r2(c)}" y="${allocY + 37}" text-anchor="middle">${a.randomized !== undefined ? `allocated n = ${a.randomized}` : 'allocated n not reported'}</text><line class="link" x1="${r2(c)}" y1="${allocY + F.boxH}" x2="${r2(c)}" y2="${lossY - 13}"/><text class="loss ${loss.cls}" x="${r2(c)}" y="${lossY}" text-anchor="middle">${loss.text}</text><line class="link" x1="${r2(c)}" y1="${lossY + 5}" x2="${r2(c)}" y2="${analY - 1}"/>${arrowHead(c, analY)}<rect class="box${a.analysed === undefined ? ' unknown' : ''}" x="${r2(x)}" y="${analY}" width="${r2(colW)}" height="${F.boxH}" rx="4"/><text class="head" x="${r2(c)}" y="${analY + 19}" text-anchor="middle">Analysed</text><text class="n" x="${r2(c)}" y="${analY + 37}" text-anchor="middle">${analysedText}</text></g>`;
  });
  const aria = `Participant flow: ${nText} randomised; ${arms.map((a) => `${a.label} allocated ${a.randomized ?? 'not reported'}, analysed ${a.analysed ?? 'not reported'}`).join('; ')}`;
  return html`<figure class="flow"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${r2(W)} ${H}" width="${r2(W)}" height="${H}" role="img" aria-label="${aria}">${top}${bus}${cols}</svg><figcaption>Participant flow from the front matter: randomised, allocated per arm, analysed per arm; losses are randomised minus analysed where both are given.</figcaption></figure>`;
}

// ---------------------------------------------------------------------------------------------
// Forest plot

export interface ForestRow {
  /** "Vitamin D3 vs Placebo" */
  label: string;
  estimate: number;
  ci?: [number, number];
  /** The estimate and interval as written, for the value column. */
  text: string;
}

export type ForestScale = 'log' | 'linear';

const RATIO_MEASURES = new Set(['risk ratio', 'odds ratio', 'hazard ratio']);

export function scaleFor(measure: string | undefined): ForestScale {
  return measure !== undefined && RATIO_MEASURES.has(measure) ? 'log' : 'linear';
}

/** Ticks for a log axis over [lo, hi] (both > 0), at 1-2-5 steps, always including 1. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)) + 1; e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(6));
      if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
    }
  }
  // A narrow range holds few 1-2-5 ticks: add quarter steps (0.75, 1.25, 1.5 …).
  if (out.length < 3) {
    for (const v of [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4]) if (v >= lo && v <= hi && !out.includes(v)) out.push(v);
    out.sort((a, b) => a - b);
  }
  return out;
}

/** Ticks for a linear axis over [lo, hi] at a 1-2-5 step giving about five intervals. */
export function linearTicks(lo: number, hi: number): number[] {
  const span = hi - lo || 1;
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  // The 1-2-5 step nearest the raw step (by ratio).
  const step = [1, 2, 5, 10].map((m) => m * mag).reduce((best, s) => (Math.abs(Math.log(s / raw)) < Math.abs(Math.log(best / raw)) ? s : best));
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(10)) || 0);
  return out;
}

export interface Axis {
  lo: number;
  hi: number;
  /** Position in [0, 1] of a value on the axis. */
  pos: (v: number) => number;
  ticks: number[];
  nullValue: number;
}

/** The axis of a forest plot: the intervals, the estimates and the null line, padded. */
export function forestAxis(rows: readonly ForestRow[], scale: ForestScale): Axis {
  const nullValue = scale === 'log' ? 1 : 0;
  const vals = [nullValue, ...rows.flatMap((r) => [r.estimate, ...(r.ci ?? [])])].filter((v) => Number.isFinite(v) && (scale === 'linear' || v > 0));
  if (scale === 'log') {
    let lo = Math.log(Math.min(...vals));
    let hi = Math.log(Math.max(...vals));
    const pad = Math.max((hi - lo) * 0.08, Math.log(1.15));
    lo -= pad;
    hi += pad;
    const L = Math.exp(lo);
    const Hh = Math.exp(hi);
    return { lo: L, hi: Hh, pos: (v) => (Math.log(v) - lo) / (hi - lo), ticks: logTicks(L, Hh), nullValue };
  }
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  const pad = Math.max((hi - lo) * 0.08, 1e-9) || 1;
  lo -= pad;
  hi += pad;
  return { lo, hi, pos: (v) => (v - lo) / (hi - lo), ticks: linearTicks(lo, hi), nullValue };
}

const FOREST = { width: 760, row: 26, top: 6, axis: 22, title: 18, gap: 12, minValue: 110, maxValue: 240, minLabel: 120, maxLabel: 220, minTickGap: 34 };

function tickText(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? String(Number(v.toFixed(1))) : String(Number(v.toPrecision(3)));
}

/**
 * One comparison per row: square at the estimate, line for the interval, dashed null line (1 for
 * ratios, on a log axis; 0 for differences). Rows whose numbers cannot be drawn on the scale are
 * left out and named in the caption.
 */
export function forestPlot(rowsIn: readonly ForestRow[], scale: ForestScale, axisTitle: string): SafeHtml {
  const drawable = (r: ForestRow): boolean => Number.isFinite(r.estimate) && (scale === 'linear' || (r.estimate > 0 && (!r.ci || (r.ci[0] > 0 && r.ci[1] > 0))));
  const rows = rowsIn.filter(drawable);
  const left = rowsIn.filter((r) => !drawable(r));
  if (rows.length === 0) return html``;
  const F = FOREST;
  const longest = Math.max(...rows.map((r) => r.label.length));
  const labelW = Math.min(F.maxLabel, Math.max(F.minLabel, Math.ceil(longest * CHAR_W)));
  const maxChars = Math.floor(labelW / CHAR_W);
  const x0 = labelW + F.gap;
  const valueW = Math.min(F.maxValue, Math.max(F.minValue, Math.ceil(Math.max(...rows.map((r) => r.text.length)) * CHAR_W)));
  const valueChars = Math.floor(valueW / CHAR_W);
  const x1 = F.width - valueW - F.gap;
  const axis = forestAxis(rows, scale);
  const x = (v: number): number => x0 + Math.max(0, Math.min(1, axis.pos(v))) * (x1 - x0);
  const plotBottom = F.top + rows.length * F.row;
  const H = plotBottom + F.axis + F.title;
  // Ticks at least minTickGap apart, the null value always kept.
  const ticks: number[] = [];
  for (const t of [axis.nullValue, ...axis.ticks.filter((t) => t !== axis.nullValue)]) {
    if (axis.pos(t) < -1e-9 || axis.pos(t) > 1 + 1e-9) continue;
    if (ticks.every((u) => Math.abs(x(u) - x(t)) >= F.minTickGap)) ticks.push(t);
  }
  ticks.sort((a, b) => a - b);
  const tickEls = ticks.map(
    (t) => html`<line class="grid" x1="${r2(x(t))}" y1="${F.top}" x2="${r2(x(t))}" y2="${plotBottom}"/><text class="tick" x="${r2(x(t))}" y="${plotBottom + 15}" text-anchor="middle">${tickText(t)}</text>`,
  );
  const rowEls = rows.map((r, i) => {
    const cy = F.top + i * F.row + F.row / 2;
    const ci = r.ci
      ? html`<line class="ci" x1="${r2(x(Math.min(r.ci[0], r.ci[1])))}" y1="${cy}" x2="${r2(x(Math.max(r.ci[0], r.ci[1])))}" y2="${cy}"/>`
      : '';
    return html`<g class="row"><title>${r.label}: ${r.text}</title><text class="label" x="${labelW}" y="${cy}" dy="0.35em" text-anchor="end">${truncate(r.label, maxChars)}</text>${ci}<rect class="point" x="${r2(x(r.estimate) - 4.5)}" y="${r2(cy - 4.5)}" width="9" height="9"/><text class="value" x="${r2(x1 + F.gap)}" y="${cy}" dy="0.35em">${truncate(r.text, valueChars)}</text></g>`;
  });
  const nullX = r2(x(axis.nullValue));
  const aria = `Forest plot, ${axisTitle}: ${rows.map((r) => `${r.label} ${r.text}`).join('; ')}`;
  const caption = `Square: estimate; line: the reported interval; dashed line: no effect (${axis.nullValue}).${
    left.length ? ` Not drawn on this scale: ${left.map((r) => `${r.label} (${r.text})`).join('; ')}.` : ''
  }`;
  return html`<figure class="forest"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${F.width} ${H}" width="${F.width}" height="${H}" role="img" aria-label="${aria}">${tickEls}<line class="axis" x1="${r2(x0)}" y1="${plotBottom}" x2="${r2(x1)}" y2="${plotBottom}"/><line class="null" x1="${nullX}" y1="${F.top - 4}" x2="${nullX}" y2="${plotBottom}"/>${rowEls}<text class="axis-title" x="${r2((x0 + x1) / 2)}" y="${H - 3}" text-anchor="middle">${axisTitle}</text></svg><figcaption>${caption}</figcaption></figure>`;
}
