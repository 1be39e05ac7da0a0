import { START } from '../lines.js';
import { joinWords } from '../numbers.js';
import type { Finding, Range, TrialModel } from '../types.js';
import type { Rule } from './rule.js';
import { normalise } from './sections.js';

/**
 * TR303: the CONSORT for Abstracts items whose data a trial summary holds (docs/rules/TR303.md): trial
 * registration, numbers randomised per arm, numbers analysed per arm, the primary outcome's
 * result per arm with an effect size and its precision, harms, and funding. One info finding per
 * item without data. `reportingItems` is the checklist itself, shared with the editor's
 * checklist view, so the view and the diagnostics cannot disagree.
 */

export type ReportingItemId = 'registration' | 'randomised-per-arm' | 'analysed-per-arm' | 'primary-outcome' | 'harms' | 'funding';

export interface ReportingItem {
  id: ReportingItemId;
  /** The CONSORT for Abstracts item, as a checklist line. */
  label: string;
  present: boolean;
  /** Where the data is, or what is missing, in a writer's words. */
  detail: string;
  /** Where the data is (present) or where it belongs (missing). */
  range: Range;
}

/** A trial registry id in prose: NCT, ISRCTN, ChiCTR, ACTRN, EudraCT/CTIS. */
const REGISTRY_ID = /\b(?:NCT\d{8}|ISRCTN\d{8}|ChiCTR-?[A-Z0-9-]{6,}|ACTRN\d{14}|\d{4}-\d{6}-\d{2}(?:-\d{2})?)\b/;
/** Funding stated in prose: "Funded by …", "Funding: …", "supported by a grant …". */
const FUNDING_WORDS = /\b(?:funded|sponsored|financed)\s+by\b|\bfunding\b|\bfunder\b|\bgrant\b|\bsupported\s+by\b/i;

function sectionNamed(model: TrialModel, names: string[]): TrialModel['sections'][number] | undefined {
  const want = names.map(normalise);
  return model.sections.find((s) => want.includes(normalise(s.title)));
}

/** Plain text of the paragraphs inside a section (headings excluded). */
function sectionText(model: TrialModel, title: string): string {
  return model.paragraphs
    .filter((p) => p.kind === 'paragraph' && p.section === title)
    .map((p) => p.text)
    .join(' ')
    .trim();
}

export function reportingItems(model: TrialModel): ReportingItem[] {
  // The title heading, when its range is sane (below the front matter).
  const fmEnd = model.frontMatter?.range.end.line ?? 0;
  const title = model.headings.find((h) => h.depth === 1 && h.range.start.line > fmEnd)?.range;
  const trialAt = model.trial.keyRange ?? title ?? START;
  const items: ReportingItem[] = [];

  // Registration: the front matter's `trial.registration`, else a registry id in the body.
  {
    const reg = model.trial.registration;
    const inBody = reg ? undefined : model.paragraphs.find((p) => REGISTRY_ID.test(p.text));
    items.push(
      reg ? { id: 'registration', label: 'Trial registration', present: true, detail: `registered as ${reg.value}`, range: reg.range }
      : inBody ? { id: 'registration', label: 'Trial registration', present: true, detail: `registry id in the body: ${REGISTRY_ID.exec(inBody.text)?.[0] ?? ''}`, range: inBody.range }
      : { id: 'registration', label: 'Trial registration', present: false, detail: 'no registry id: add `registration:` (NCT…, ISRCTN…) under `trial`', range: trialAt },
    );
  }

  // Numbers randomised per arm.
  {
    const without = model.arms.filter((a) => a.randomized === undefined);
    const label = 'Number randomised, per arm';
    if (model.arms.length === 0) items.push({ id: 'randomised-per-arm', label, present: false, detail: 'no arms are declared', range: trialAt });
    else if (without.length) items.push({ id: 'randomised-per-arm', label, present: false, detail: `no \`randomized\` for ${joinWords(without.map((a) => a.label || a.id), 'and')}`, range: without[0]!.idRange });
    else items.push({ id: 'randomised-per-arm', label, present: true, detail: model.arms.map((a) => `${a.label || a.id} ${a.randomized!.text}`).join(', '), range: model.arms[0]!.range });
  }

  const primary = model.endpoints.find((e) => e.primary);

  // Numbers analysed per arm: `analysed` on the arm, or the primary outcome's result `n`.
  {
    const label = 'Number analysed, per arm';
    const analysed = (armId: string): string | undefined => {
      const arm = model.arms.find((a) => a.id === armId);
      if (arm?.analysed) return arm.analysed.text;
      const r = primary?.results.find((x) => x.armId === armId);
      return r?.n?.text;
    };
    const without = model.arms.filter((a) => analysed(a.id) === undefined);
    if (model.arms.length === 0) items.push({ id: 'analysed-per-arm', label, present: false, detail: 'no arms are declared', range: trialAt });
    else if (without.length) {
      items.push({
        id: 'analysed-per-arm',
        label,
        present: false,
        detail: `no \`analysed\` (or primary-outcome \`n\`) for ${joinWords(without.map((a) => a.label || a.id), 'and')}`,
        range: without[0]!.idRange,
      });
    } else items.push({ id: 'analysed-per-arm', label, present: true, detail: model.arms.map((a) => `${a.label || a.id} ${analysed(a.id)!}`).join(', '), range: model.arms[0]!.range });
  }

  // Primary outcome: a result for every arm, an effect size and its precision (a CI).
  {
    const label = 'Primary outcome: result per arm, effect size and precision';
    if (!primary) {
      const endpointsAt = model.frontMatter?.pointers.get('/endpoints')?.key ?? model.endpoints[0]?.idRange ?? trialAt;
      items.push({ id: 'primary-outcome', label, present: false, detail: model.endpoints.length ? 'no endpoint is marked `primary: true`' : 'no endpoints are declared', range: endpointsAt });
    } else {
      const missing: string[] = [];
      const noResult = model.arms.filter((a) => !primary.results.some((r) => r.armId === a.id));
      if (noResult.length) missing.push(`a result for ${joinWords(noResult.map((a) => a.label || a.id), 'and')}`);
      const effect = primary.comparisons.find((c) => c.estimate !== undefined);
      if (!effect) missing.push('an effect size (a comparison with `measure` and `estimate`)');
      else if (!primary.comparisons.some((c) => c.estimate !== undefined && c.ci !== undefined)) missing.push('its precision (`ci`)');
      items.push(
        missing.length
          ? { id: 'primary-outcome', label, present: false, detail: `${primary.label}: missing ${joinWords(missing)}`, range: primary.idRange }
          : { id: 'primary-outcome', label, present: true, detail: `${primary.label}: ${primary.results.length} arm result(s), ${effect?.measure?.value ?? 'effect'} ${effect?.estimate?.text ?? ''} with its CI`, range: primary.range },
      );
    }
  }

  // Harms: adverse-event counts, else a Safety/Harms section that says something.
  {
    const label = 'Harms (important adverse events)';
    const section = sectionNamed(model, ['Safety', 'Harms', 'Adverse events']);
    const narrative = section && !model.adverseEvents.length ? sectionText(model, section.title) : '';
    if (model.adverseEvents.length) {
      items.push({ id: 'harms', label, present: true, detail: `${model.adverseEvents.length} adverse event(s): ${model.adverseEvents.map((a) => a.term).join(', ')}`, range: model.adverseEvents[0]!.range });
    } else if (section && narrative) {
      items.push({ id: 'harms', label, present: true, detail: `in the ${section.title} section (no \`adverse_events\` counts)`, range: section.range });
    } else {
      items.push({ id: 'harms', label, present: false, detail: section ? `the ${section.title} section is empty and there are no \`adverse_events\`` : 'no `adverse_events` and no Safety section', range: section?.range ?? trialAt });
    }
  }

  // Funding: a Funding section, or a sentence naming the funder.
  {
    const label = 'Funding';
    const section = model.sections.find((s) => /\b(funding|funder|sponsor)/i.test(s.title));
    const sentence = section ? undefined : model.paragraphs.find((p) => p.kind === 'paragraph' && FUNDING_WORDS.test(p.text));
    items.push(
      section ? { id: 'funding', label, present: true, detail: `the ${section.title} section`, range: section.range }
      : sentence ? { id: 'funding', label, present: true, detail: 'stated in the body', range: sentence.range }
      : { id: 'funding', label, present: false, detail: 'no source of funding: add a `## Funding` section', range: title ?? trialAt },
    );
  }
  return items;
}

export const reportingItemMissing: Rule = {
  id: 'TR303',
  alias: 'reporting-item-missing',
  defaultSeverity: 'info',
  description: 'a CONSORT for Abstracts item without data: registration, randomised and analysed per arm, primary outcome per arm with effect and precision, harms, funding',
  fixable: false,
  needsFrontMatter: true,
  run({ model }) {
    // Only a front matter that is a mapping has items to look for; TR201/TR202 cover the rest.
    const data = model.frontMatter?.data;
    if (!model.isTrialSummary || typeof data !== 'object' || data === null || Array.isArray(data)) return [];
    const out: Finding[] = [];
    for (const item of reportingItems(model)) {
      if (item.present) continue;
      out.push({
        ruleId: 'TR303',
        severity: 'info',
        message: `CONSORT for Abstracts item without data: ${item.label.charAt(0).toLowerCase()}${item.label.slice(1)} — ${item.detail}.`,
        range: item.range,
      });
    }
    return out;
  },
};
