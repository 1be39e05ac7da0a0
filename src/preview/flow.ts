// The CONSORT participant flow of format 1.1, as SVG: assessed for eligibility → excluded (with
// the reasons, in a side box) → randomised → allocated per arm → follow-up per arm → analysed per
// arm. A report without any 1.1 flow value gets the 1.0 diagram of figures.ts unchanged.
//
// Every line of text is wrapped at word boundaries to the width of its box (CHAR_W per
// character, generous), and boxes of one row share the height of the tallest, so no text leaves
// its box and no two boxes meet, for one to many arms. Counts are shown as written.
import type { Severity } from '../core/types.js';
import { CHAR_W, flowDiagram, r2, truncate, type FlowInput } from './figures.js';
import { html, type SafeHtml } from './html.js';

/** A count as written, and the findings on it (their worst severity and their messages). */
export interface FlowCount {
  value: number;
  text: string;
  flag?: { severity: Severity; title: string };
}

export interface FullFlowArm {
  label: string;
  randomized?: FlowCount;
  received?: FlowCount;
  discontinued?: FlowCount;
  lost?: FlowCount;
  completed?: FlowCount;
  analysed?: FlowCount;
}

export interface FullFlowInput {
  assessed?: FlowCount;
  excluded?: FlowCount;
  /** Reason → count in the written order; `flag` on the whole list (TR115 on their sum). */
  exclusionReasons?: { reason: string; count: FlowCount }[];
  reasonsFlag?: { severity: Severity; title: string };
  randomized?: FlowCount;
  arms: FullFlowArm[];
}

/** True when the input has a value only format 1.1 gives: then the full diagram is drawn. */
export function hasFullFlow(input: FullFlowInput): boolean {
  return !!(input.assessed || input.excluded || input.exclusionReasons?.length || input.arms.some((a) => a.received || a.discontinued || a.lost || a.completed));
}

/** The participant flow: the full 1.1 diagram when any 1.1 value is given, else the 1.0 one. */
export function participantFlow(input: FullFlowInput): SafeHtml {
  if (hasFullFlow(input)) return fullFlowDiagram(input);
  const plain: FlowInput = {
    ...(input.randomized ? { randomized: input.randomized.value } : {}),
    arms: input.arms.map((a) => ({ label: a.label, ...(a.randomized ? { randomized: a.randomized.value } : {}), ...(a.analysed ? { analysed: a.analysed.value } : {}) })),
  };
  return flowDiagram(plain);
}

/**
 * `text` in lines of at most `max` characters, broken at spaces (or between the given units,
 * which are never broken: "n = 94" stays on one line); a unit longer than a line is truncated.
 */
export function wrap(text: string | readonly string[], max: number): string[] {
  const lines: string[] = [];
  let cur = '';
  const units = typeof text === 'string' ? text.split(/\s+/) : text;
  for (const word of units.filter(Boolean)) {
    const w = truncate(word, max);
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= max) cur += ` ${w}`;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  return lines.length ? lines : [''];
}

/** At most `n` lines; when more, the last kept one ends in an ellipsis (the full text is in a <title>). */
export function clamp(lines: readonly string[], n: number, max: number): string[] {
  if (lines.length <= n) return [...lines];
  const kept = lines.slice(0, n);
  const last = kept[n - 1]!;
  kept[n - 1] = `${last.length + 1 <= max ? last : last.slice(0, max - 1).trimEnd()}…`;
  return kept;
}

/** One line of a box: its text, its class (`head`, `n`, `loss`, `warn` …) and a finding's severity. */
interface Line {
  text: string;
  cls: string;
  flag?: Severity | undefined;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** A phrase and its count as lines wrapped to `max` characters; the count is never cut off. */
function counted(phrase: string, c: FlowCount | undefined, max: number, cls = 'n'): Line[] {
  const words = phrase.split(' ').filter(Boolean);
  const units = c ? [...words, `n = ${c.text}`] : words.length ? [...words.slice(0, -1), `${words[words.length - 1]}:`, 'not reported'] : ['n not reported'];
  return wrap(units, max).map((t) => ({ text: t, cls: c ? cls : 'n unknown', flag: c?.flag?.severity }));
}

const F = { minWidth: 760, minCol: 150, gap: 16, topW: 300, line: 16, pad: 8, vgap: 26, sideGap: 28, maxSideW: 360 };

const boxHeight = (lines: number): number => F.pad * 2 + lines * F.line;

function arrowHead(x: number, y: number): SafeHtml {
  return html`<path class="arrow-head" d="M${r2(x - 4)} ${r2(y - 7)}L${r2(x)} ${r2(y)}L${r2(x + 4)} ${r2(y - 7)}Z"/>`;
}

/** A vertical link from y1 to y2 ending in an arrow head. */
function arrow(x: number, y1: number, y2: number): SafeHtml {
  return html`<line class="link" x1="${r2(x)}" y1="${r2(y1)}" x2="${r2(x)}" y2="${r2(y2 - 1)}"/>${arrowHead(x, y2)}`;
}

/** A box with its lines, centred (or left-aligned for the side box), `h` tall. */
function box(x: number, y: number, w: number, h: number, lines: readonly Line[], opts: { left?: boolean; cls?: string; title?: string } = {}): SafeHtml {
  const tx = opts.left ? x + 8 : x + w / 2;
  const anchor = opts.left ? 'start' : 'middle';
  // The box is outlined in the worst severity of the findings on its lines.
  const sev = lines.reduce<Severity | undefined>((w, l) => (l.flag && (!w || SEVERITY_RANK[l.flag] > SEVERITY_RANK[w]) ? l.flag : w), undefined);
  const texts = lines.map(
    (l, i) => html`<text class="${l.cls}${l.flag ? ` flag ${l.flag}` : ''}" x="${r2(tx)}" y="${r2(y + F.pad + F.line * i + 12)}" text-anchor="${anchor}">${l.text}</text>`,
  );
  return html`<g class="flow-box${opts.cls ? ` ${opts.cls}` : ''}">${opts.title ? html`<title>${opts.title}</title>` : ''}<rect class="box${sev ? ` flag ${sev}` : ''}" x="${r2(x)}" y="${r2(y)}" width="${r2(w)}" height="${r2(h)}" rx="4"/>${texts}</g>`;
}

const flagTitle = (...cs: (FlowCount | undefined)[]): string => cs.flatMap((c) => (c?.flag ? [c.flag.title] : [])).join('\n');

/** The sentence a screen reader reads for the diagram. */
function ariaOf(input: FullFlowInput): string {
  const n = (c: FlowCount | undefined): string => (c ? c.text : 'not reported');
  const parts: string[] = [];
  if (input.assessed || input.excluded) parts.push(`${n(input.assessed)} assessed for eligibility`);
  if (input.excluded || input.exclusionReasons?.length)
    parts.push(`${n(input.excluded)} excluded${input.exclusionReasons?.length ? ` (${input.exclusionReasons.map((r) => `${r.reason} ${r.count.text}`).join(', ')})` : ''}`);
  parts.push(`${n(input.randomized)} randomised`);
  for (const a of input.arms) {
    const bits = [`allocated ${n(a.randomized)}`];
    if (a.received) bits.push(`received allocated intervention ${a.received.text}`);
    if (a.lost) bits.push(`lost to follow-up ${a.lost.text}`);
    if (a.discontinued) bits.push(`discontinued intervention ${a.discontinued.text}`);
    if (a.completed) bits.push(`completed ${a.completed.text}`);
    bits.push(`analysed ${n(a.analysed)}`);
    parts.push(`${a.label}: ${bits.join(', ')}`);
  }
  return `Participant flow: ${parts.join('; ')}`;
}

/** The full CONSORT diagram of format 1.1 (see the module comment). */
export function fullFlowDiagram(input: FullFlowInput): SafeHtml {
  const arms = input.arms;
  const W = Math.max(F.minWidth, arms.length * F.minCol + (arms.length - 1) * F.gap);
  const cx = W / 2;
  const topChars = Math.floor((F.topW - 16) / CHAR_W);
  const parts: SafeHtml[] = [];
  let y = 4;
  let computed = false;

  // Assessed → (excluded, to the side) → randomised.
  const showTop = !!(input.assessed || input.excluded || input.exclusionReasons?.length);
  if (showTop) {
    const lines = [{ text: 'Assessed for eligibility', cls: 'head' }, ...counted('', input.assessed, topChars)];
    const h = boxHeight(lines.length);
    parts.push(box(cx - F.topW / 2, y, F.topW, h, lines, { title: flagTitle(input.assessed) }));
    y += h;
    const sideX = cx + F.sideGap;
    const sideW = Math.min(F.maxSideW, W - sideX);
    const sideChars = Math.floor((sideW - 16) / CHAR_W);
    const side: Line[] = [{ text: 'Excluded', cls: 'head' }, ...counted('', input.excluded, sideChars)];
    for (const r of input.exclusionReasons ?? []) {
      const flag = r.count.flag?.severity ?? input.reasonsFlag?.severity;
      side.push(...wrap([...`• ${r.reason}:`.split(/\s+/), `n = ${r.count.text}`], sideChars).map((t, i) => ({ text: i === 0 ? t : `  ${t}`, cls: 'reason', flag })));
    }
    const { assessed: a, excluded: e, randomized: rz } = input;
    if (a && e && rz && a.value - e.value !== rz.value) side.push({ text: `assessed − excluded = ${a.value - e.value}`, cls: 'warn' });
    const reasons = input.exclusionReasons ?? [];
    if (e && reasons.length) {
      const sum = reasons.reduce((s, r) => s + r.count.value, 0);
      if (sum !== e.value) side.push({ text: `reasons add up to ${sum}`, cls: 'warn' });
    }
    const sideH = boxHeight(side.length);
    const sideY = y + F.vgap / 2;
    const title = [flagTitle(input.excluded, ...reasons.map((r) => r.count)), input.reasonsFlag?.title ?? ''].filter(Boolean).join('\n');
    parts.push(html`<line class="link" x1="${r2(cx)}" y1="${r2(sideY + sideH / 2)}" x2="${r2(sideX - 1)}" y2="${r2(sideY + sideH / 2)}"/>`);
    parts.push(html`<path class="arrow-head" d="M${r2(sideX - 7)} ${r2(sideY + sideH / 2 - 4)}L${r2(sideX)} ${r2(sideY + sideH / 2)}L${r2(sideX - 7)} ${r2(sideY + sideH / 2 + 4)}Z"/>`);
    parts.push(box(sideX, sideY, sideW, sideH, side, { left: true, cls: 'excluded', title }));
    const next = sideY + sideH + F.vgap / 2;
    parts.push(arrow(cx, y, next));
    y = next;
  }

  // Randomised, and the bus to the arms.
  const sum = arms.every((a) => a.randomized) ? arms.reduce((s, a) => s + (a.randomized?.value ?? 0), 0) : undefined;
  const rLines: Line[] = [
    { text: 'Randomised', cls: 'head' },
    input.randomized ? { text: `n = ${input.randomized.text}`, cls: 'n', flag: input.randomized.flag?.severity } : sum !== undefined ? { text: `n = ${sum} (sum of arms)`, cls: 'n' } : { text: 'n not reported', cls: 'n unknown' },
  ];
  if (input.randomized && sum !== undefined && sum !== input.randomized.value) rLines.push({ text: `arms add up to ${sum}`, cls: 'warn' });
  const rH = boxHeight(rLines.length);
  parts.push(box(cx - F.topW / 2, y, F.topW, rH, rLines, { title: flagTitle(input.randomized) }));
  y += rH;
  if (arms.length === 0) {
    const H = y + 4;
    return html`<figure class="flow"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${r2(W)} ${r2(H)}" width="${r2(W)}" height="${r2(H)}" role="img" aria-label="${ariaOf(input)}">${parts}</svg><figcaption>${caption(input, false)}</figcaption></figure>`;
  }
  const colW = (W - (arms.length - 1) * F.gap) / arms.length;
  const colX = (i: number): number => i * (colW + F.gap);
  const colC = (i: number): number => colX(i) + colW / 2;
  const chars = Math.max(8, Math.floor((colW - 16) / CHAR_W));
  const busY = y + 14;
  parts.push(html`<line class="link" x1="${r2(cx)}" y1="${r2(y)}" x2="${r2(cx)}" y2="${r2(busY)}"/>`);
  if (arms.length > 1) parts.push(html`<line class="link" x1="${r2(colC(0))}" y1="${r2(busY)}" x2="${r2(colC(arms.length - 1))}" y2="${r2(busY)}"/>`);

  // Per arm: allocation, follow-up, analysis; one row of boxes each, as tall as its tallest.
  const alloc = arms.map((a) => [
    ...clamp(wrap(`Allocated to ${a.label}`, chars), 3, chars).map((t) => ({ text: t, cls: 'head' })),
    ...counted('', a.randomized, chars),
    ...(a.received ? counted('Received allocated intervention', a.received, chars) : []),
  ]);
  const follow = arms.map((a) => {
    const lines: Line[] = [{ text: 'Follow-up', cls: 'head' }];
    if (a.lost) lines.push(...counted('Lost to follow-up', a.lost, chars, 'n loss'));
    if (a.discontinued) lines.push(...counted('Discontinued intervention', a.discontinued, chars, 'n loss'));
    if (a.completed) lines.push(...counted('Completed', a.completed, chars));
    if (lines.length === 1) lines.push({ text: 'not reported', cls: 'n unknown' });
    return lines;
  });
  const anal = arms.map((a) => {
    const lines: Line[] = [{ text: 'Analysed', cls: 'head' }, ...counted('', a.analysed, chars)];
    const r = a.randomized?.value;
    const n = a.analysed?.value;
    if (r !== undefined && n !== undefined) {
      computed = true;
      if (n > r) lines.push({ text: 'analysed > randomised', cls: 'warn' });
      else lines.push(...wrap(n === r ? 'all randomised analysed' : `${r - n} randomised not analysed`, chars).map((t) => ({ text: t, cls: 'loss computed' })));
    }
    return lines;
  });
  const rowH = (rows: Line[][]): number => boxHeight(Math.max(...rows.map((l) => l.length)));
  const allocY = busY + 20;
  const followY = allocY + rowH(alloc) + F.vgap;
  const analY = followY + rowH(follow) + F.vgap;
  const H = analY + rowH(anal) + 4;
  arms.forEach((a, i) => {
    const x = colX(i);
    const c = colC(i);
    parts.push(
      html`<g class="flow-arm"><title>${a.label}</title>${arrow(c, busY, allocY)}${box(x, allocY, colW, rowH(alloc), alloc[i]!, { title: flagTitle(a.randomized, a.received) })}${arrow(c, allocY + rowH(alloc), followY)}${box(x, followY, colW, rowH(follow), follow[i]!, { title: flagTitle(a.lost, a.discontinued, a.completed), ...(follow[i]!.length === 2 && !a.lost && !a.discontinued && !a.completed ? { cls: 'unknown' } : {}) })}${arrow(c, followY + rowH(follow), analY)}${box(x, analY, colW, rowH(anal), anal[i]!, { title: flagTitle(a.analysed) })}</g>`,
    );
  });
  return html`<figure class="flow flow-full"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${r2(W)} ${r2(H)}" width="${r2(W)}" height="${r2(H)}" role="img" aria-label="${ariaOf(input)}">${parts}</svg><figcaption>${caption(input, computed)}</figcaption></figure>`;
}

function caption(input: FullFlowInput, computed: boolean): string {
  const steps = [
    input.assessed || input.excluded || input.exclusionReasons?.length ? 'assessed for eligibility, excluded with the reasons given' : '',
    'randomised',
    input.arms.length ? 'then per arm: allocated (and received the intervention, where given), lost to follow-up, discontinued and completed where given, and analysed' : '',
  ].filter(Boolean);
  return `Participant flow from the front matter, counts as written: ${steps.join('; ')}.${computed ? ' “Not analysed” is randomised minus analysed, computed here.' : ''}`;
}
