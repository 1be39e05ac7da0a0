// Results that are not shares: continuous endpoints (mean and SD or SE, median and IQR, range)
// with a dot-and-interval plot, and time-to-event endpoints (median with its CI, rates). Every
// number is shown as written in the front matter (`.text`), never reformatted, and marked where
// a finding concerns it; only the plot's positions are computed.
import type { ArmResult, Endpoint, Range, WrittenNumber } from '../core/types.js';
import { CHAR_W, linearTicks, r2, truncate } from './figures.js';
import { html, type Part, type SafeHtml } from './html.js';

/** What the renderer lends these sections: marking by range, and arm names. */
export interface ResultsContext {
  /** `content`, marked when a front-matter finding concerns one of `ranges`. */
  cell(content: Part, ...ranges: (Range | undefined)[]): SafeHtml;
  /** The arm's label (or its id, flagged, when it is not a declared arm). */
  armLabel(id: string): SafeHtml;
  /** The arm's label as plain text, for SVG labels. */
  armName(id: string): string;
}

const DASH = html`<span class="muted">—</span>`;

/** `lo–hi`, or `lo to hi` when a bound is negative (a dash between minus signs misreads). */
function interval(ctx: ResultsContext, pair: readonly [WrittenNumber, WrittenNumber]): SafeHtml {
  const [lo, hi] = pair;
  const sep = lo.value < 0 || hi.value < 0 || /^[-−]/.test(lo.text) || /^[-−]/.test(hi.text) ? ' to ' : '–';
  return html`${ctx.cell(lo.text, lo.range)}${sep}${ctx.cell(hi.text, hi.range)}`;
}

const num = (ctx: ResultsContext, w: WrittenNumber): SafeHtml => ctx.cell(w.text, w.range);

/** `mean (SD)`, with SE labelled when given; undefined without a mean. */
function meanCell(ctx: ResultsContext, r: ArmResult): SafeHtml | undefined {
  if (!r.mean) return undefined;
  const spread: SafeHtml[] = [];
  if (r.sd) spread.push(num(ctx, r.sd));
  if (r.se) spread.push(html`<span class="unit">SE</span> ${num(ctx, r.se)}`);
  return html`${num(ctx, r.mean)}${spread.length ? html` (${spread.map((s, i) => html`${i ? '; ' : ''}${s}`)})` : ''}`;
}

function medianCell(ctx: ResultsContext, r: ArmResult): SafeHtml | undefined {
  if (!r.median) return undefined;
  return html`${num(ctx, r.median)}${r.iqr ? html` (${interval(ctx, r.iqr)})` : ''}`;
}

/** The scale as a short phrase: "0 to 20, step 1" (change: "change from baseline"). */
export function scaleNote(ep: Endpoint): string | undefined {
  const s = ep.scale;
  const parts: string[] = [];
  if (s?.min && s.max) parts.push(`scale ${s.min.text} to ${s.max.text}`);
  else if (s?.min) parts.push(`scale from ${s.min.text}`);
  else if (s?.max) parts.push(`scale up to ${s.max.text}`);
  if (s?.step) parts.push(`step ${s.step.text}`);
  if (s?.items) parts.push(`mean of ${s.items.text} items`);
  if (ep.change) parts.push('results are changes from baseline');
  return parts.length ? parts.join(', ') : undefined;
}

/** The table of a continuous endpoint: n, mean (SD), median (IQR), range per arm. */
export function continuousResultsTable(ctx: ResultsContext, ep: Endpoint, results: readonly ArmResult[]): SafeHtml {
  const means = results.filter((r) => r.mean);
  const hasSe = means.some((r) => r.se);
  const allSd = means.every((r) => r.sd);
  const meanHead = !hasSe ? 'Mean (SD)' : means.every((r) => !r.sd) ? 'Mean (SE)' : allSd ? 'Mean (SD; SE)' : 'Mean (SD or SE)';
  const cols: { head: string; get: (r: ArmResult) => SafeHtml | undefined }[] = [
    { head: 'n', get: (r) => (r.n ? num(ctx, r.n) : undefined) },
    { head: meanHead, get: (r) => meanCell(ctx, r) },
    { head: 'Median (IQR)', get: (r) => medianCell(ctx, r) },
    { head: 'Range (min to max)', get: (r) => (r.range ? interval(ctx, r.range) : undefined) },
    { head: 'Median 95% CI', get: (r) => (r.medianCi ? interval(ctx, r.medianCi) : undefined) },
  ];
  const used = cols.filter((c) => results.some((r) => c.get(r) !== undefined));
  const rows = results.map(
    (r) => html`<tr><th scope="row">${ctx.cell(ctx.armLabel(r.armId), r.keyRange)}</th>${used.map((c) => html`<td class="num">${c.get(r) ?? DASH}</td>`)}</tr>`,
  );
  return html`<div class="table-wrap"><table class="data results continuous"><thead><tr><th scope="col">Arm</th>${used.map((c) => html`<th scope="col" class="num">${c.head}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>${scaleParagraph(ctx, ep)}`;
}

/** The scale as a note under the table, marked when a finding concerns the scale. */
export function scaleParagraph(ctx: ResultsContext, ep: Endpoint): SafeHtml {
  const note = scaleNote(ep);
  return note ? html`<p class="note">${ctx.cell(note.charAt(0).toUpperCase() + note.slice(1), ep.scale?.range)}.</p>` : html``;
}

// ---------------------------------------------------------------------------------------------
// Dot-and-interval plot

export interface DotRow {
  label: string;
  kind: 'mean' | 'median';
  centre: number;
  /** The bar: mean ± SD (or SE), or the IQR. */
  lo: number;
  hi: number;
  /** What the bar is: 'SD', 'SE' or 'IQR'. */
  bar: 'SD' | 'SE' | 'IQR';
  /** Observed minimum and maximum, drawn thin behind the bar, and as written. */
  range?: [number, number];
  rangeText?: string;
  /** The values as written, for the value column and the tooltip. */
  text: string;
}

/** One row per arm with a mean (± SD, else ± SE) or else a median (IQR); arms with neither are left out. */
export function dotRows(ctx: ResultsContext, results: readonly ArmResult[]): DotRow[] {
  const out: DotRow[] = [];
  for (const r of results) {
    const label = ctx.armName(r.armId);
    const range = r.range ? ([r.range[0].value, r.range[1].value] as [number, number]) : undefined;
    const withRange = (row: DotRow): DotRow => (range && r.range ? { ...row, range, rangeText: `${r.range[0].text} to ${r.range[1].text}` } : row);
    const spread = r.sd ? { w: r.sd, bar: 'SD' as const } : r.se ? { w: r.se, bar: 'SE' as const } : undefined;
    if (r.mean && spread) {
      const m = r.mean.value;
      const d = spread.w.value;
      out.push(withRange({ label, kind: 'mean', centre: m, lo: m - d, hi: m + d, bar: spread.bar, text: `${r.mean.text} ± ${spread.w.text} ${spread.bar}` }));
    } else if (r.median && r.iqr) {
      out.push(withRange({ label, kind: 'median', centre: r.median.value, lo: r.iqr[0].value, hi: r.iqr[1].value, bar: 'IQR', text: `${r.median.text} (IQR ${r.iqr[0].text} to ${r.iqr[1].text})` }));
    }
  }
  return out;
}

/** The axis bounds: the scale's (for a change: ±(max − min)) when given, else the data's, padded. */
export function dotAxisBounds(ep: Endpoint, rows: readonly DotRow[]): { lo: number; hi: number; fromScale: boolean } {
  const s = ep.scale;
  if (s?.min && s.max && s.max.value > s.min.value) {
    const span = s.max.value - s.min.value;
    return ep.change ? { lo: -span, hi: span, fromScale: true } : { lo: s.min.value, hi: s.max.value, fromScale: true };
  }
  const vals = rows.flatMap((r) => [r.lo, r.hi, r.centre, ...(r.range ?? [])]).filter(Number.isFinite);
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
  lo -= pad;
  hi += pad;
  return { lo, hi, fromScale: false };
}

const DOT = { width: 760, row: 28, top: 6, axis: 22, title: 18, gap: 12, minLabel: 90, maxLabel: 200, minValue: 110, maxValue: 220, minTickGap: 34 };

function tickText(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/**
 * Dots at the means (or medians) with bars for ± SD, ± SE or the IQR, and the observed range as
 * a thin line where given; the axis is the scale's when the endpoint has one. A bar beyond the
 * axis is clipped at its end and the caption says so: an SD bar past a scale's limit is itself a
 * sign that the values are skewed.
 */
export function dotPlot(ctx: ResultsContext, ep: Endpoint, results: readonly ArmResult[]): SafeHtml {
  const rows = dotRows(ctx, results);
  if (rows.length === 0) return html``;
  const D = DOT;
  const longest = Math.max(...rows.map((r) => r.label.length));
  const labelW = Math.min(D.maxLabel, Math.max(D.minLabel, Math.ceil(longest * CHAR_W)));
  const maxChars = Math.floor(labelW / CHAR_W);
  const valueW = Math.min(D.maxValue, Math.max(D.minValue, Math.ceil(Math.max(...rows.map((r) => r.text.length)) * CHAR_W)));
  const valueChars = Math.floor(valueW / CHAR_W);
  const x0 = labelW + D.gap;
  const x1 = D.width - valueW - D.gap;
  const { lo, hi, fromScale } = dotAxisBounds(ep, rows);
  let clipped = false;
  const x = (v: number): number => {
    const p = (v - lo) / (hi - lo);
    if (p < -1e-9 || p > 1 + 1e-9) clipped = true;
    return x0 + Math.max(0, Math.min(1, p)) * (x1 - x0);
  };
  const plotBottom = D.top + rows.length * D.row;
  const H = plotBottom + D.axis + D.title;
  const ticks: number[] = [];
  const cands = fromScale ? [lo, hi, ...linearTicks(lo, hi)] : linearTicks(lo, hi);
  for (const t of cands) {
    if (t < lo - 1e-9 || t > hi + 1e-9) continue;
    const tx = x0 + ((t - lo) / (hi - lo)) * (x1 - x0);
    if (ticks.every((u) => Math.abs(x0 + ((u - lo) / (hi - lo)) * (x1 - x0) - tx) >= D.minTickGap)) ticks.push(t);
  }
  ticks.sort((a, b) => a - b);
  const tickEls = ticks.map(
    (t) => html`<line class="grid" x1="${r2(x(t))}" y1="${D.top}" x2="${r2(x(t))}" y2="${plotBottom}"/><text class="tick" x="${r2(x(t))}" y="${plotBottom + 15}" text-anchor="middle">${tickText(t)}</text>`,
  );
  const rowEls = rows.map((r, i) => {
    const cy = D.top + i * D.row + D.row / 2;
    const range = r.range ? html`<line class="range" x1="${r2(x(Math.min(...r.range)))}" y1="${cy}" x2="${r2(x(Math.max(...r.range)))}" y2="${cy}"/>` : '';
    const bx1 = x(Math.min(r.lo, r.hi));
    const bx2 = x(Math.max(r.lo, r.hi));
    const bar = html`<line class="bar-line" x1="${r2(bx1)}" y1="${cy}" x2="${r2(bx2)}" y2="${cy}"/><line class="bar-line" x1="${r2(bx1)}" y1="${cy - 5}" x2="${r2(bx1)}" y2="${cy + 5}"/><line class="bar-line" x1="${r2(bx2)}" y1="${cy - 5}" x2="${r2(bx2)}" y2="${cy + 5}"/>`;
    const dot = r.kind === 'mean'
      ? html`<circle class="dot mean" cx="${r2(x(r.centre))}" cy="${cy}" r="4.5"/>`
      : html`<rect class="dot median" x="${r2(x(r.centre) - 4)}" y="${r2(cy - 4)}" width="8" height="8" transform="rotate(45 ${r2(x(r.centre))} ${cy})"/>`;
    return html`<g class="row"><title>${r.label}: ${r.text}${r.rangeText ? ` (range ${r.rangeText})` : ''}</title><text class="label" x="${labelW}" y="${cy}" dy="0.35em" text-anchor="end">${truncate(r.label, maxChars)}</text>${range}${bar}${dot}<text class="value" x="${r2(x1 + D.gap)}" y="${cy}" dy="0.35em">${truncate(r.text, valueChars)}</text></g>`;
  });
  const kinds = new Set(rows.map((r) => r.bar));
  const explain: string[] = [];
  if (rows.some((r) => r.kind === 'mean')) explain.push(`circle: mean; bar: ${[...kinds].filter((k) => k !== 'IQR').map((k) => (k === 'SD' ? 'mean ± 1 SD (the spread of participants’ values, not a confidence interval)' : 'mean ± 1 SE (not a 95% confidence interval)')).join(', or ')}`);
  if (rows.some((r) => r.kind === 'median')) explain.push('diamond: median; bar: interquartile range');
  if (rows.some((r) => r.range)) explain.push('thin line: observed range');
  const s = ep.scale;
  const axisTitle = !fromScale || !s?.min || !s.max
    ? `${ep.label} (axis from the values; no scale given)`
    : ep.change
      ? `${ep.label}, change from baseline (axis: the largest possible change, ±${tickText(hi)})`
      : `${ep.label} (axis: the whole scale, ${s.min.text} to ${s.max.text})`;
  const caption = `${explain.join('; ')}.${clipped ? ' A bar that runs past the end of the axis is cut at the end.' : ''}`;
  const aria = `Dot-and-interval plot of ${ep.label}: ${rows.map((r) => `${r.label} ${r.text}`).join('; ')}`;
  return html`<figure class="dots"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${D.width} ${H}" width="${D.width}" height="${H}" role="img" aria-label="${aria}">${tickEls}<line class="axis" x1="${r2(x0)}" y1="${plotBottom}" x2="${r2(x1)}" y2="${plotBottom}"/>${rowEls}<text class="axis-title" x="${r2((x0 + x1) / 2)}" y="${H - 3}" text-anchor="middle">${truncate(axisTitle, Math.floor((x1 - x0 + 2 * D.gap + valueW) / CHAR_W))}</text></svg><figcaption>${caption.charAt(0).toUpperCase() + caption.slice(1)}</figcaption></figure>`;
}

// ---------------------------------------------------------------------------------------------
// Time-to-event: medians with their CIs, rates

/** "32.4 per 100 person-years (7 events, 21.6 person-years)", each number as written and marked. */
function rateCell(ctx: ResultsContext, r: ArmResult): SafeHtml | undefined {
  if (!r.rate) return undefined;
  const per = r.ratePer ? num(ctx, r.ratePer) : html`<span title="rate_per defaults to 100">100</span>`;
  const detail: SafeHtml[] = [];
  if (r.events) detail.push(html`${num(ctx, r.events)} events`);
  if (r.personYears) detail.push(html`${num(ctx, r.personYears)} person-years`);
  return html`${num(ctx, r.rate)} per ${per} person-years${detail.length ? html` <span class="muted">(</span>${detail.map((d, i) => html`${i ? ', ' : ''}${d}`)}<span class="muted">)</span>` : ''}`;
}

/** "21 (95% CI 17–26)". */
function medianCiCell(ctx: ResultsContext, r: ArmResult): SafeHtml | undefined {
  if (!r.median) return undefined;
  return html`${num(ctx, r.median)}${r.medianCi ? html` (<span class="unit">95% CI</span> ${interval(ctx, r.medianCi)})` : ''}`;
}

/** The table of a time-to-event endpoint (or any with rates): events / n, median (95% CI), rate. */
export function timeToEventTable(ctx: ResultsContext, results: readonly ArmResult[]): SafeHtml {
  const cols: { head: string; get: (r: ArmResult) => SafeHtml | undefined }[] = [
    {
      // With a rate, the events are in the rate's cell; the column then shows n alone.
      head: results.some((r) => r.events && !r.rate) ? 'Events / n' : 'n',
      get: (r) => (r.events && !r.rate ? html`${num(ctx, r.events)}${r.n ? html` / ${num(ctx, r.n)}` : ''}` : r.n ? num(ctx, r.n) : undefined),
    },
    { head: 'Share (%)', get: (r) => (r.percent ? num(ctx, r.percent) : undefined) },
    { head: 'Median (95% CI)', get: (r) => medianCiCell(ctx, r) },
    { head: 'Rate', get: (r) => rateCell(ctx, r) },
  ];
  const used = cols.filter((c) => results.some((r) => c.get(r) !== undefined));
  const rows = results.map(
    (r) => html`<tr><th scope="row">${ctx.cell(ctx.armLabel(r.armId), r.keyRange)}</th>${used.map((c) => html`<td class="num">${c.get(r) ?? DASH}</td>`)}</tr>`,
  );
  return html`<div class="table-wrap"><table class="data results time-to-event"><thead><tr><th scope="col">Arm</th>${used.map((c) => html`<th scope="col" class="num">${c.head}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}
