import { START } from '../lines.js';
import { joinWords } from '../numbers.js';
import { requiredSections } from '../schema.js';
import { Lines } from '../fixes.js';
import { sectionPlaceholder } from '../section-placeholders.js';
import type { Finding, Fix } from '../types.js';
import type { FixContext, Rule } from './rule.js';
import { matchSections, normalise } from './sections.js';

/** TR301: a section the schema requires is absent. */
export const missingSection: Rule = {
  id: 'TR301',
  alias: 'missing-section',
  defaultSeverity: 'warning',
  description: 'a required section is absent',
  fixable: true,
  needsFrontMatter: false,
  run({ model, schema }) {
    const required = requiredSections(schema);
    const found = matchSections(model.sections, required);
    const title = model.headings.find((h) => h.depth === 1);
    const range = title?.range ?? START;
    const out: Finding[] = [];
    required.forEach((names, i) => {
      if (found[i] !== undefined) return;
      out.push({
        ruleId: 'TR301',
        severity: 'warning',
        message: `The required section "${names[0]}" is missing${names.length > 1 ? ` (also accepted: ${joinWords(names.slice(1), 'or')})` : ''}; add it as a level-2 heading: ## ${names[0]}.`,
        range,
        expected: [`## ${names[0]}`],
      });
    });
    return out;
  },
  fix: (finding, ctx) => {
    const fix = insertSectionFix(finding, ctx);
    return fix ? [fix] : [];
  },
};

/** The section name TR301 asks for: its `expected` heading, else the message's quoted name. */
function missingSectionName(finding: Finding): string | undefined {
  const h = finding.expected?.[0];
  if (h) return h.replace(/^#+\s*/, '').trim();
  return /"([^"]+)"/.exec(finding.message)?.[1];
}

/**
 * The finding sits on the title (where a reader looks), but the fix is elsewhere: `## Name` and a
 * placeholder sentence, inserted where the schema's order puts it: before the first present
 * required section that comes after it, else at the end of the last present one before it, else
 * at the end of the document.
 */
function insertSectionFix(finding: Finding, ctx: FixContext): Fix | undefined {
  const name = missingSectionName(finding);
  if (!name) return undefined;
  const lines = new Lines(ctx.lines.text);
  const at = sectionInsertOffset(name, ctx, lines);
  const eol = lines.eol;
  const text = lines.text;
  const block = `## ${name}${eol}${eol}${sectionPlaceholder(name)}${eol}`;
  let newText: string;
  if (at.before) {
    newText = `${block}${eol}`;
  } else {
    // Appending after a section: make sure one blank line separates it from what precedes.
    const before = text.slice(0, at.offset);
    const lead = before.length === 0 ? '' : before.endsWith(`${eol}${eol}`) ? '' : before.endsWith(eol) ? eol : `${eol}${eol}`;
    const after = text.slice(at.offset);
    newText = `${lead}${block}${after.length && !after.startsWith(eol) ? eol : ''}`;
  }
  const pos = lines.position(at.offset);
  return { title: `Insert the missing section "## ${name}"`, edits: [{ range: { start: pos, end: pos }, newText }] };
}

function sectionInsertOffset(name: string, ctx: FixContext, lines: Lines): { offset: number; before: boolean } {
  const required = ctx.requiredSections;
  const idx = required.findIndex((names) => names.map(normalise).includes(normalise(name)));
  const sections = ctx.model.sections;
  const indexOf = (i: number): number => {
    const want = (required[i] ?? []).map(normalise);
    return sections.findIndex((s) => want.includes(normalise(s.title)));
  };
  if (idx >= 0) {
    for (let j = idx + 1; j < required.length; j++) {
      const s = indexOf(j);
      if (s >= 0) return { offset: lines.lineStart(sections[s]!.range.start.line), before: true };
    }
    for (let j = idx - 1; j >= 0; j--) {
      const s = indexOf(j);
      if (s >= 0) {
        const next = sections[s + 1];
        if (next) return { offset: lines.lineStart(next.range.start.line), before: true };
        return { offset: lines.text.length, before: false };
      }
    }
  }
  return { offset: lines.text.length, before: false };
}
