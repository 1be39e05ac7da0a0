import type { Comparison, EffectMeasure, Finding, ProseComparison, PValue, TrialModel } from '../types.js';
import { interval, isRatio, pInterval } from './comparisons.js';
import type { Rule } from './rule.js';

const TEST_NAME = /\b(?:for|of|tests?\s{1,3}(?:for|of)|tested\s{1,3}for|testing\s{1,3}for|hypothesis\s{1,3}of)\s{1,3}$/i;
const CLAIM = /\b(?:statistically\s+)?(?:significant(?:ly)?|superior(?:ity)?|improved)\b/gi;
const NEGATED = /\b(?:not|no|non|nor|never|without|neither|failed to|did not|didn't|was not|were not|lack of|absence of)\b[\s\w-]{0,20}$/i;
/** "clinically significant" speaks of relevance, not of a test. */
const CLINICAL = /\bclinically\s{1,3}$/i;

/** Is a comparison, as written, clearly not significant at its α? Unknown is not "not". */
function clearlyNull(p: PValue | undefined, ci: [number, number, number, number] | undefined, measure: EffectMeasure | undefined, level = 95): boolean {
  const alpha = 1 - level / 100;
  if (p && pInterval(p)[0] >= alpha) return true;
  if (ci && measure) {
    const nul = measure !== 'difference' && isRatio(measure) ? 1 : 0;
    const [, loHi, hiLo] = ci;
    if (loHi < nul && hiLo > nul) return true;
  }
  return false;
}

function proseIsNull(pc: ProseComparison): boolean {
  const iv = pc.interval?.interval;
  const ci = iv ? ([...interval(iv.lo), ...interval(iv.hi)] as [number, number, number, number]) : undefined;
  return clearlyNull(pc.p?.p, ci, pc.effect?.effect?.measure, iv?.level);
}

function frontMatterIsNull(c: Comparison): boolean {
  const ci = c.ci ? ([...interval(c.ci[0]), ...interval(c.ci[1])] as [number, number, number, number]) : undefined;
  return clearlyNull(c.p, ci, c.measure?.value, c.ciLevel);
}

/** The front-matter comparisons a sentence speaks of: its endpoint, restricted to its arms. */
function sentenceComparisons(model: TrialModel, sentence: number): Comparison[] {
  const s = model.sentences[sentence]!;
  if (s.endpointIds.length !== 1) return [];
  const ep = model.endpoints.find((e) => e.id === s.endpointIds[0]);
  if (!ep) return [];
  const arms = new Set(s.armIds);
  return ep.comparisons.filter((c) => arms.size === 0 || [c.arm?.value, c.versus?.value].some((a) => a && arms.has(a)));
}

/** TR112: "significant", "superior", "improved" about a comparison that is not. */
export const significanceWording: Rule = {
  id: 'TR112',
  alias: 'significance-wording',
  defaultSeverity: 'warning',
  description: '"significantly", "superior", "improved" about a null comparison',
  fixable: false,
  needsFrontMatter: false,
  run({ model, doc }) {
    const out: Finding[] = [];
    model.sentences.forEach((s, i) => {
      CLAIM.lastIndex = 0;
      const claims: RegExpExecArray[] = [];
      for (let m = CLAIM.exec(s.text); m; m = CLAIM.exec(s.text)) {
        const before = s.text.slice(Math.max(0, m.index - 30), m.index);
        // "P = 0.24 for superiority" names the test, it claims nothing.
        const namesTest = /^superiority$/i.test(m[0]) && TEST_NAME.test(before);
        if (!NEGATED.test(before) && !CLINICAL.test(before) && !namesTest) claims.push(m);
      }
      if (claims.length === 0) return;
      const prose = model.proseComparisons.filter((pc) => pc.sentence === i && (pc.p || pc.interval));
      let evidence: string | undefined;
      if (prose.length > 0) {
        const nulls = prose.filter(proseIsNull);
        if (nulls.length === prose.length) evidence = `the comparison in this sentence (${[nulls[0]!.interval?.text, nulls[0]!.p?.text].filter(Boolean).join('; ')}) is not significant`;
      } else {
        const fm = sentenceComparisons(model, i).filter((c) => c.p || c.ci);
        if (fm.length > 0 && fm.every(frontMatterIsNull)) {
          const c = fm[0]!;
          evidence = `its comparison in the front matter (${c.measure?.value ?? 'effect'}${c.ci ? `, CI ${c.ci[0].text} to ${c.ci[1].text}` : ''}${c.p ? `, p ${c.p.op === '=' ? '= ' : ''}${c.p.text}` : ''}) is not significant`;
        }
      }
      if (!evidence) return;
      const claim = claims[0]!;
      // Locate the word in the source: the sentence's own range start plus its offset.
      const start = doc.lines.offset(s.range.start) + sourceDelta(doc.lines.text, doc.lines.offset(s.range.start), s.text, claim.index);
      out.push({
        ruleId: 'TR112',
        severity: 'warning',
        message: `"${claim[0]}" claims an effect, but ${evidence}. Describe the result without implying significance.`,
        range: doc.lines.range(start, start + claim[0].length),
      });
    });
    return out;
  },
};

/** Source offset of a word at `index` in a sentence's plain text (markup may sit between). */
function sourceDelta(source: string, from: number, text: string, index: number): number {
  const word = text.slice(index, index + 12);
  const found = source.indexOf(word, from);
  return found >= 0 ? found - from : index;
}
