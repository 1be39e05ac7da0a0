import { joinWords } from '../numbers.js';
import type { Finding, Mention, MentionLink, TrialModel, WrittenNumber } from '../types.js';
import { readCharitably } from './charitable.js';
import { armById, type Rule, type RuleContext } from './rule.js';

/**
 * TR106: a stated group size ("152 patients were randomised", "n=38", a table's n column, a
 * whole-trial frame such as "We randomly assigned 1,210 patients to …") against the front
 * matter. Only group sizes are compared: counts of patients excluded, treated, completed,
 * screened or enrolled, and counts of patients with an event, are something else.
 */
export const totalMentionMismatch: Rule = {
  id: 'TR106',
  alias: 'total-mention-mismatch',
  defaultSeverity: 'warning',
  description: '"152 patients were randomised", "A total of N", `n=38` against the declared sizes',
  fixable: true,
  needsFrontMatter: true,
  run(ctx) {
    const out: Finding[] = [];
    for (const m of ctx.model.mentions) {
      if (m.kind !== 'sample-size' || !m.total || !m.role || m.role === 'other') continue;
      // Whether the size follows a verb of receiving treatment: read from the sentence only
      // when a size disagrees (the sentence is not read for the sizes that agree).
      let received: boolean | undefined;
      const compare = (link: MentionLink): Finding | undefined => {
        const f = compareSize(ctx.model, m, link, false);
        if (!f || m.role !== 'group') return f;
        received ??= afterReceiving(ctx, m);
        return received ? compareSize(ctx.model, m, link, true) : f;
      };
      const f = compare(m.link);
      if (!f) continue;
      // An inferred reading is tried the other ways first: another arm, or the trial.
      const reported = readCharitably(ctx, m, f, (link) => !compare(link));
      if (reported) out.push(reported);
    }
    return out;
  },
};

interface Accepted {
  value: number;
  what: string;
  at?: WrittenNumber;
}

/** Verbs that randomise a group, and verbs that treat it, as the sentence's last word on a group size. */
const RANDOMISED = /\b(?:randomi[sz]ed|randomly\s+assigned|assigned|allocated)\b/gi;
const RECEIVED = /\b(?:received|receiving|were\s+treated|treated\s+with|were\s+given|took)\b/gi;

/**
 * Whether the verb nearest before a group size ("N=98") in its sentence is one of receiving
 * treatment rather than of randomisation: "196 received study drug (zuranolone, N=98; placebo,
 * N=98)" gives the groups as treated, which the front matter's `received` holds.
 */
function afterReceiving(ctx: RuleContext, m: Mention): boolean {
  const sentence = m.sentence >= 0 ? ctx.model.sentences[m.sentence] : undefined;
  if (!sentence) return false;
  const lines = ctx.doc.lines;
  const before = lines.text.slice(lines.offset(sentence.range.start), lines.offset(m.range.start));
  const last = (re: RegExp): number => {
    let at = -1;
    for (const x of before.matchAll(re)) at = x.index;
    return at;
  };
  const received = last(RECEIVED);
  return received >= 0 && received > last(RANDOMISED);
}

/**
 * The TR106 finding for a group size read with `link` (no arm: the trial's), if it disagrees.
 * `received`: the size follows a verb of receiving treatment, so the arm's `received` count is
 * also a right reading.
 */
function compareSize(model: TrialModel, m: Mention, link: MentionLink, received: boolean): Finding | undefined {
  const total = m.total!;
  const stated = total.value;
  const arm = m.role !== 'trial' && link.armId ? armById(model, link.armId) : undefined;
  let accepted: Accepted[];
  if (arm) {
    const analysed = arm.analysed ?? arm.randomized;
    accepted = [
      ...(m.role !== 'analysed' && arm.randomized ? [{ value: arm.randomized.value, what: `${arm.randomized.value} randomised`, at: arm.randomized }] : []),
      ...(m.role !== 'randomized' && analysed ? [{ value: analysed.value, what: `${analysed.value} analysed`, ...(arm.analysed ? { at: arm.analysed } : {}) }] : []),
      ...(received && arm.received ? [{ value: arm.received.value, what: `${arm.received.value} received`, at: arm.received }] : []),
      ...(m.role === 'group'
        ? model.endpoints.flatMap((e) => e.results.filter((r) => r.armId === arm.id && r.n).map((r) => ({ value: r.n!.value, what: `n = ${r.n!.value} for ${e.label}`, at: r.n! })))
        : []),
    ];
  } else {
    const trialN = model.trial.randomized;
    if (!trialN) return undefined;
    const analysedSum = model.arms.every((a) => a.analysed || a.randomized) ? model.arms.reduce((s, a) => s + (a.analysed ?? a.randomized)!.value, 0) : undefined;
    accepted = [
      ...(m.role !== 'analysed' ? [{ value: trialN.value, what: `${trialN.value} randomised`, at: trialN }] : []),
      ...(m.role !== 'randomized' && analysedSum !== undefined ? [{ value: analysedSum, what: `${analysedSum} analysed` }] : []),
    ];
  }
  accepted = accepted.filter((a) => Number.isFinite(a.value));
  if (accepted.length === 0 || accepted.some((a) => a.value === stated)) return undefined;
  const who = arm ? arm.label : 'the trial';
  const sizes = accepted.filter((a, i) => accepted.findIndex((b) => b.value === a.value) === i);
  const first = accepted[0]!;
  return {
    ruleId: 'TR106',
    severity: 'warning',
    message: `${m.text.replace(/\s+/g, ' ')} disagrees with the front matter: ${who} has ${joinWords(sizes.map((a) => a.what), 'and')}.`,
    range: total.range,
    expected: sizes.map((a) => String(a.value)),
    ...(first.at ? { related: [{ message: `${who}: ${first.what}`, range: first.at.range }] } : {}),
  };
}
