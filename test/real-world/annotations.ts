// Number-level annotations of the real-world corpus, and the link figures computed from them.
//
// Every number written in a report's body (outside HTML comments) is listed, in reading order, in
// a sidecar file `<name>.numbers` beside the report, one line each:
//
//     <line> <number as written> <kind> [<arm> [<outcome>]] [# note]
//
//     42 1463   events  txa  death
//     42 14.5%  share   txa  death
//     42 0.91   effect  -    death
//     42 95     other         # the level of the CI
//
// kinds: share (a percentage of an arm's patients), events (how many of an arm had the outcome),
// denominator (the n of "k/n"), group (an arm's size: randomised, analysed, n=), trial (the whole
// trial's size), p, ci (a bound of a confidence interval), effect (an effect estimate), value (an
// arm's continuous summary: a mean, SD, median, IQR or range bound, or a median time), flow (a
// participant-flow count: the arm field names the arm or -, the outcome field the flow key:
// assessed, excluded, received, discontinued, lost, completed or analysed), other
// (anything no rule should compare with the front matter: doses, durations, dates, ages, the 95 of
// "95% CI", relative changes, subgroup figures, baseline characteristics, numbers inside names).
// arm: an arm id of the front matter, or - (none, several, pooled). outcome: an endpoint id, `aeN`
// for the N-th adverse event (1-based), or - (none) or ? (an outcome the front matter does not
// declare). p, ci and effect take `-` for the arm.
//
// Numbers joined to a word by a hyphen (CRASH-2, IL-2, COVID-19) are parts of names and are not
// listed. The numbers are found by `numberTokens`, a reader independent of the checker's own, so a number
// the checker does not read at all still has to be annotated and counts against its recall.
import { analyzeDocument, type Mention, type TrialModel, type WrittenNumber } from '../../src/core/index.js';

export const KINDS = ['share', 'events', 'denominator', 'group', 'trial', 'p', 'ci', 'effect', 'value', 'flow', 'other'] as const;
export type Kind = (typeof KINDS)[number];

/** The participant-flow keys a `flow` annotation names in place of an outcome. */
export const FLOW_KEYS = ['assessed', 'excluded', 'received', 'discontinued', 'lost', 'completed', 'analysed'] as const;

export interface NumberToken {
  line: number;
  /** 1-based, end exclusive. */
  column: number;
  endColumn: number;
  text: string;
}

export interface Annotation {
  line: number;
  text: string;
  kind: Kind;
  arm: string;
  outcome: string;
  note: string;
  /** Line of the annotation file, for messages. */
  at: number;
}

/** Where the body starts: the line after the front matter's closing fence (0-based), else 0. */
function bodyStart(lines: string[]): number {
  if (!/^---\s*$/.test(lines[0] ?? '')) return 0;
  for (let i = 1; i < lines.length; i++) if (/^(?:---|\.\.\.)\s*$/.test(lines[i]!)) return i + 1;
  return 0;
}

const TOKEN = /(?<![\d.,\u2009\u202f\p{L}])(?<!\p{L}-)(?:\d{1,3}(?:[,\u2009\u202f]\d{3})+|\d+)(?:\.\d+)?%?|(?<![\d\p{L}])\.\d+%?/gu;

/** Every number of the body, in reading order, outside HTML comments and table separator rows. */
export function numberTokens(text: string): NumberToken[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: NumberToken[] = [];
  let inComment = false;
  for (let i = bodyStart(lines); i < lines.length; i++) {
    let line = lines[i]!;
    // Blank out comments, keeping columns.
    let masked = '';
    let pos = 0;
    while (pos < line.length) {
      if (inComment) {
        const close = line.indexOf('-->', pos);
        const end = close < 0 ? line.length : close + 3;
        masked += ' '.repeat(end - pos);
        pos = end;
        if (close >= 0) inComment = false;
      } else {
        const open = line.indexOf('<!--', pos);
        const end = open < 0 ? line.length : open;
        masked += line.slice(pos, end);
        pos = end;
        if (open >= 0) inComment = true;
      }
    }
    line = masked;
    if (/^\s*\|?[\s:|-]+\|?\s*$/.test(line) && line.includes('-') && line.includes('|')) continue;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(line); m; m = TOKEN.exec(line)) {
      out.push({ line: i + 1, column: m.index + 1, endColumn: m.index + 1 + m[0].length, text: m[0] });
    }
  }
  return out;
}

/** Parses a `.numbers` file; problems are returned, never thrown. */
export function parseAnnotations(src: string): { rows: Annotation[]; problems: string[] } {
  const rows: Annotation[] = [];
  const problems: string[] = [];
  src.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const hash = raw.search(/(?:^|\s)#/);
    const note = hash >= 0 ? raw.slice(hash).replace(/^\s*#\s?/, '') : '';
    const body = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (!body) return;
    const f = body.split(/[ \t]+/);
    const [line, text, kind, arm = '-', outcome = '-', ...rest] = f;
    if (!line || !/^\d+$/.test(line) || !text || !kind) {
      problems.push(`line ${i + 1}: expected "<line> <number> <kind> [<arm> [<outcome>]]", got "${body}"`);
      return;
    }
    if (!(KINDS as readonly string[]).includes(kind)) {
      problems.push(`line ${i + 1}: unknown kind "${kind}" (one of ${KINDS.join(', ')})`);
      return;
    }
    if (rest.length) problems.push(`line ${i + 1}: extra fields "${rest.join(' ')}" (put notes after #)`);
    rows.push({ line: Number(line), text, kind: kind as Kind, arm, outcome, note, at: i + 1 });
  });
  return { rows, problems };
}

/** The ids a report declares, for validating annotations. */
export function declaredIds(model: TrialModel): { arms: Set<string>; outcomes: Set<string> } {
  return {
    arms: new Set(model.arms.map((a) => a.id)),
    outcomes: new Set([...model.endpoints.map((e) => e.id), ...model.adverseEvents.map((_, i) => `ae${i + 1}`)]),
  };
}

/** Pairs annotations with the body's numbers one to one, in order; problems when they differ. */
export function align(tokens: NumberToken[], rows: Annotation[], model: TrialModel): { pairs: [NumberToken, Annotation][]; problems: string[] } {
  const problems: string[] = [];
  const pairs: [NumberToken, Annotation][] = [];
  const ids = declaredIds(model);
  const n = Math.max(tokens.length, rows.length);
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const r = rows[i];
    if (!t) {
      problems.push(`annotation line ${r!.at}: "${r!.line} ${r!.text}" has no number left in the report`);
      break;
    }
    if (!r) {
      problems.push(`report line ${t.line}: "${t.text}" (and ${tokens.length - i - 1} more) not annotated`);
      break;
    }
    if (t.line !== r.line || t.text !== r.text) {
      problems.push(`annotation line ${r.at}: "${r.line} ${r.text}" but the report's next number is "${t.line} ${t.text}"`);
      break;
    }
    if (r.arm !== '-' && !ids.arms.has(r.arm)) problems.push(`annotation line ${r.at}: unknown arm "${r.arm}"`);
    if (r.kind !== 'flow' && r.outcome !== '-' && r.outcome !== '?' && !ids.outcomes.has(r.outcome)) problems.push(`annotation line ${r.at}: unknown outcome "${r.outcome}"`);
    if ((r.kind === 'p' || r.kind === 'ci' || r.kind === 'effect' || r.kind === 'trial') && r.arm !== '-') problems.push(`annotation line ${r.at}: a ${r.kind} takes "-" for the arm`);
    if (r.kind === 'flow' && !(FLOW_KEYS as readonly string[]).includes(r.outcome)) problems.push(`annotation line ${r.at}: a flow takes one of ${FLOW_KEYS.join(', ')} after the arm`);
    if ((r.kind === 'group' || r.kind === 'trial' || r.kind === 'other') && r.outcome !== '-') problems.push(`annotation line ${r.at}: a ${r.kind} takes no outcome`);
    pairs.push([t, r]);
  }
  return { pairs, problems };
}

/** What the checker made of one written number: its kind and, if it linked it, to what. */
export interface Claim {
  kind: Kind;
  arm?: string;
  outcome?: string;
  /** How the link was made (the construction), when the checker says. */
  via?: string;
  inferred?: boolean;
  line: number;
  column: number;
  endColumn: number;
}

const outcomeOf = (m: Mention): string | undefined => (m.link.endpointId ? m.link.endpointId : m.link.adverseEvent !== undefined ? `ae${m.link.adverseEvent + 1}` : undefined);

/**
 * The checker's claims, one per number it read. A claim is a *link* when a rule would compare the
 * number with the front matter because of it: a share, count or denominator with an arm; a group
 * size with an arm (or none: then it is the trial's); a p, CI bound or effect with an outcome.
 */
export function claimsOf(model: TrialModel): Claim[] {
  const out: Claim[] = [];
  const at = (w: WrittenNumber | { range: WrittenNumber['range'] }) => ({ line: w.range.start.line, column: w.range.start.column, endColumn: w.range.end.line === w.range.start.line ? w.range.end.column : Number.MAX_SAFE_INTEGER });
  const via = (m: Mention) => ({ ...(m.link.via ? { via: m.link.via } : {}), ...(m.link.inferred ? { inferred: true } : {}) });
  const comparisonOutcome = new Map<Mention, string>();
  for (const pc of model.proseComparisons) {
    for (const m of [pc.effect, pc.interval, pc.p]) if (m && pc.endpointId) comparisonOutcome.set(m, pc.endpointId);
  }
  for (const m of model.mentions) {
    const outcome = outcomeOf(m);
    const arm = m.link.armId;
    if (m.kind === 'share' || m.kind === 'count') {
      const linked = !!arm && !!outcome && !m.relative && !m.nonShare;
      const base = linked ? { arm: arm!, ...(outcome ? { outcome } : {}), ...via(m) } : {};
      if (m.share) out.push({ kind: 'share', ...base, ...at(m.share) });
      if (m.events) out.push({ kind: 'events', ...base, ...at(m.events) });
      if (m.total && !m.totalFromContext) out.push({ kind: 'denominator', ...base, ...at(m.total) });
    } else if (m.kind === 'sample-size') {
      if (!m.total || m.totalFromContext) continue;
      if (!m.role || m.role === 'other') out.push({ kind: 'other', ...at(m.total) });
      else if (m.role !== 'trial' && arm) out.push({ kind: 'group', arm, ...via(m), ...at(m.total) });
      else out.push({ kind: 'trial', ...via(m), ...at(m.total) });
    } else {
      // A prose effect, CI or p belongs to its comparison's endpoint; the model's comparisons hold
      // endpoints only, so an adverse event's comparison is read from the mention's own link.
      const o = m.where === 'prose' ? comparisonOutcome.get(m) ?? (m.link.adverseEvent !== undefined && !m.ofValue && !m.marginTest ? outcome : undefined) : outcome;
      const base = o ? { outcome: o, ...via(m) } : {};
      if (m.kind === 'p' && m.p) out.push({ kind: 'p', ...base, ...at(m.p) });
      if (m.kind === 'interval' && m.interval) {
        out.push({ kind: 'ci', ...base, ...at(m.interval.lo) });
        out.push({ kind: 'ci', ...base, ...at(m.interval.hi) });
      }
      if (m.kind === 'effect' && m.effect) out.push({ kind: 'effect', ...base, ...at(m.effect.value) });
    }
  }
  return out;
}

/** Is this claim a link, i.e. something a rule acts on? */
export function isLink(c: Claim): boolean {
  if (c.kind === 'share' || c.kind === 'events' || c.kind === 'denominator') return !!c.arm && !!c.outcome;
  if (c.kind === 'group') return !!c.arm;
  if (c.kind === 'trial') return true;
  if (c.kind === 'p' || c.kind === 'ci' || c.kind === 'effect') return !!c.outcome;
  return false;
}

/** Is this annotation a number the checker should link (it names its arm and outcome)? */
export function isLinkable(a: Annotation): boolean {
  const known = (o: string): boolean => o !== '-' && o !== '?';
  switch (a.kind) {
    case 'share':
    case 'events':
    case 'denominator':
      return a.arm !== '-' && known(a.outcome);
    case 'group':
      return a.arm !== '-';
    case 'trial':
      return true;
    case 'p':
    case 'ci':
    case 'effect':
      return known(a.outcome);
    case 'flow':
      // Not yet: the checker's reading of flow sentences is being written; switch on with it.
      return false;
    default:
      return false;
  }
}

/** A link agrees with the annotation: same kind of number, same arm, and no other outcome. */
export function linkAgrees(c: Claim, a: Annotation): boolean {
  if (c.kind !== a.kind) return false;
  if (c.kind === 'trial') return true;
  if (c.kind === 'group') return c.arm === a.arm;
  if (c.kind === 'p' || c.kind === 'ci' || c.kind === 'effect') return c.outcome === a.outcome;
  return c.arm === a.arm && (c.outcome === undefined || c.outcome === a.outcome);
}

/** The link recall counts only a full link: the arm and the outcome both right. */
export function linkComplete(c: Claim, a: Annotation): boolean {
  if (!linkAgrees(c, a)) return false;
  if (c.kind === 'share' || c.kind === 'events' || c.kind === 'denominator') return c.outcome === a.outcome;
  return true;
}

export interface NumberResult {
  token: NumberToken;
  annotation: Annotation;
  claim?: Claim;
  linked: boolean;
  linkable: boolean;
  /** linked and agrees with the annotation */
  correct: boolean;
  /** linkable and fully linked */
  found: boolean;
}

export interface ReportScore {
  problems: string[];
  numbers: NumberResult[];
}

/** Scores one report against its annotations. */
export function scoreReport(text: string, annotationsSrc: string, fileName: string): ReportScore {
  const { model } = analyzeDocument(text, { fileName });
  const tokens = numberTokens(text);
  const parsed = parseAnnotations(annotationsSrc);
  const { pairs, problems } = align(tokens, parsed.rows, model);
  const claims = claimsOf(model);
  const numbers: NumberResult[] = pairs.map(([token, annotation]) => {
    // The checker's number covering this token (a checker number may carry a sign or a %).
    const claim = claims.find((c) => c.line === token.line && c.column < token.endColumn && c.endColumn > token.column);
    const linked = !!claim && isLink(claim);
    const linkable = isLinkable(annotation);
    return {
      token,
      annotation,
      ...(claim ? { claim } : {}),
      linked,
      linkable,
      correct: linked && linkAgrees(claim!, annotation),
      found: linkable && !!claim && linked && linkComplete(claim, annotation),
    };
  });
  return { problems: [...parsed.problems, ...problems], numbers };
}

/** A skeleton annotation file: every number of the body with kind "?" for the annotator. */
export function skeleton(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  return numberTokens(text)
    .map((t) => `${t.line} ${t.text} ?    # ${lines[t.line - 1]!.slice(Math.max(0, t.column - 30), t.endColumn + 10).trim()}`)
    .join('\n')
    .concat('\n');
}

/** The checker's findings and model for one report (for scripts/corpus.mjs). */
export function analyze(text: string, fileName: string): ReturnType<typeof analyzeDocument> {
  return analyzeDocument(text, { fileName });
}
