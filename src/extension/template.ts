// The new-report template (CONSORT for Abstracts) and the placeholder sentences of sections.
// Pure: `Trial Report: New Report` asks for the title, number of arms and their labels and
// writes `newReportText(...)`; templates/consort-abstract.trial.md is this function's output for
// two arms (a unit test keeps them equal), for writers who copy a file rather than run a command.
import { sectionPlaceholder } from '../core/section-placeholders.js';

export { sectionPlaceholder };

/**
 * A slug usable as an arm id (or a file name): letters, digits, ".", "_" and "-", at most `max`
 * characters, cut at a word boundary when there is one.
 */
export function slug(label: string, taken: ReadonlySet<string> = new Set(), max = 40, fallback = 'arm'): string {
  let base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-');
  if (base.length > max) {
    const cut = base.lastIndexOf('-', max);
    base = base.slice(0, cut > max / 2 ? cut : max);
  }
  let from = 0;
  let to = base.length;
  while (from < to && base[from] === '-') from++;
  while (to > from && base[to - 1] === '-') to--;
  base = base.slice(from, to);
  if (!base) base = fallback;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

/** A YAML scalar for free text: plain when safe, else double-quoted. */
export function yamlString(s: string): string {
  const plainSafe = /^[A-Za-z][^:#\n"'{}[\],&*!|>%@`]*$/.test(s) && !/\s$/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s);
  return plainSafe ? s : JSON.stringify(s);
}

export interface NewReportInput {
  title: string;
  /** Arm labels, in order (at least one). */
  arms: string[];
}

/** Default labels for a new report with `n` arms. */
export function defaultArmLabels(n: number): string[] {
  if (n <= 1) return ['Intervention'];
  if (n === 2) return ['Intervention', 'Control'];
  return [...Array.from({ length: n - 1 }, (_, i) => `Intervention ${String.fromCharCode(65 + i)}`), 'Control'];
}

/** A file name for a title: "Drug X in Y" → "drug-x-in-y.trial.md". */
export function reportFileName(title: string): string {
  return `${slug(title, new Set(), 60, 'new-report')}.trial.md`;
}

/**
 * A new trial summary following CONSORT for Abstracts: the front matter holds the structured
 * items (design, arms with numbers randomised and analysed, a primary endpoint with results per
 * arm and a comparison), the body has the required sections in order plus Registration and
 * Funding. Counts start at 0 so the file validates; the checklist (TR303) lists what to fill in.
 */
export function newReportText(input: NewReportInput): string {
  const labels = input.arms.length ? input.arms : defaultArmLabels(2);
  const taken = new Set<string>();
  const ids = labels.map((l) => {
    const id = slug(l, taken);
    taken.add(id);
    return id;
  });
  const armsYaml = labels
    .map((label, i) =>
      [
        `  - id: ${ids[i]}`,
        `    label: ${yamlString(label)}`,
        `    randomized: 0`,
        `    analysed: 0`,
        `    aliases: [${yamlString(label)}]`,
      ].join('\n'),
    )
    .join('\n');
  const results = ids.map((id) => `      ${id}: { events: 0, n: 0 }`).join('\n');
  const comparison =
    ids.length >= 2
      ? [
          '    comparisons:',
          `      - arm: ${ids[0]}`,
          `        versus: ${ids[ids.length - 1]}`,
          '        # measure: risk difference',
          '        # estimate: 0.0',
          '        # ci: [0.0, 0.0]',
          '        # p: 0.05',
        ].join('\n')
      : '';
  const design = ids.length >= 2 ? '[randomized, parallel-group]' : '[non-randomized]';
  const allocation = ids.length >= 2 ? `\n  allocation: "${ids.map(() => '1').join(':')}"` : '';
  const fm = [
    '---',
    'trial:',
    `  title: ${yamlString(input.title || 'Untitled trial')}`,
    '  # registration: NCT00000000',
    '  # phase: "3"',
    `  design: ${design}`,
    '  population: Describe the participants',
    '  randomized: 0' + allocation,
    '  duration: 12 weeks',
    'arms:',
    armsYaml,
    'endpoints:',
    '  - id: primary',
    '    label: Primary outcome',
    '    primary: true',
    '    type: binary',
    '    results:',
    results,
    ...(comparison ? [comparison] : []),
    '---',
  ].join('\n');
  const section = (name: string): string => `## ${name}\n\n${sectionPlaceholder(name)}\n`;
  const body = [`# ${input.title || 'Untitled trial'}`, '', section('Background'), section('Methods'), section('Results'), section('Safety'), section('Conclusions'), section('Registration'), section('Funding')].join('\n');
  return `${fm}\n\n${body}`;
}
