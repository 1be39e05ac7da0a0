// The new-report template (CONSORT for Abstracts) and the placeholder sentences of sections.
// Pure: `Trial Report: New Report` asks its questions (new-report-questions.ts) and writes
// `newReportText(...)`; templates/consort-abstract.trial.md is this function's output for two arms
// and one binary outcome, the flow not yet known (a unit test keeps them equal), for writers who
// copy a file rather than run a command.
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

export type EndpointKind = 'binary' | 'continuous' | 'time-to-event';

/** What one participant's value can be on a continuous endpoint's scale (format 1.1). */
export interface ScaleInput {
  min: number;
  max: number;
  step: number;
  /** Items averaged into one participant's value; written only when above 1. */
  items?: number;
}

export interface EndpointInput {
  type: EndpointKind;
  /** For a continuous endpoint. */
  scale?: ScaleInput;
}

export interface NewReportInput {
  title: string;
  /** Arm labels, in order (at least one). */
  arms: string[];
  /** The outcomes, the first one primary; default one binary outcome. */
  endpoints?: EndpointInput[];
  /**
   * The CONSORT participant flow (format 1.1): true writes its keys (assessed, excluded and their
   * reasons; per arm received, discontinued, lost, completed) to fill in; false or absent writes
   * them as commented placeholders, so the writer sees what the flow diagram will need.
   */
  flowKnown?: boolean;
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

/** A number as YAML writes it (no exponent for the scales a writer types). */
function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(12)));
}

/** Decimals of a number as `num` writes it. */
function decimalsOf(x: number): number {
  const s = num(x);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Comment-aligned YAML lines: `text` padded so trailing comments start in one column. */
function commented(text: string, comment: string, column = 36): string {
  return `${text.padEnd(column - 1)} # ${comment}`;
}

/** The placeholder line of a key the writer fills in, commented out when its data is not known yet. */
function flowLine(indent: string, key: string, comment: string, known: boolean): string {
  return commented(`${indent}${known ? '' : '# '}${key}: 0`, comment);
}

function endpointYaml(e: EndpointInput, index: number, ids: string[]): string[] {
  const primary = index === 0;
  const id = primary ? 'primary' : `secondary-${index}`;
  const label = primary ? 'Primary outcome' : `Secondary outcome ${index}`;
  const lines = [`  - id: ${id}`];
  const comparison = (measure: string, estimate: string): string[] =>
    ids.length >= 2
      ? [
          '    comparisons:',
          `      - arm: ${ids[0]}`,
          `        versus: ${ids[ids.length - 1]}`,
          // Left as comments so the checklist (TR303) keeps asking for the effect and its CI.
          `        # measure: ${measure}`,
          `        # estimate: ${estimate}`,
          `        # ci: [${estimate}, ${estimate}]`,
          '        # p: 0.05',
        ]
      : [];
  if (e.type === 'continuous') {
    const scale = e.scale ?? { min: 0, max: 10, step: 1 };
    // A mean is written with one decimal more than the values it averages; at the scale's lowest
    // value with SD 0 the placeholder is a possible result (GRIM, Bhatia–Davis) until filled in.
    const d = decimalsOf(scale.step) + 1;
    const mean = scale.min.toFixed(d);
    const sd = (0).toFixed(d);
    lines.push(
      `    label: ${label}`,
      ...(primary ? ['    primary: true'] : []),
      '    type: continuous',
      commented('    scale:', "what one participant's value can be"),
      commented(`      min: ${num(scale.min)}`, 'lowest possible value'),
      commented(`      max: ${num(scale.max)}`, 'highest possible value'),
      commented(`      step: ${num(scale.step)}`, "smallest difference between two participants' values"),
      scale.items !== undefined && scale.items > 1 ? commented(`      items: ${num(scale.items)}`, "items averaged into one participant's value") : commented('      # items: 1', "items averaged into one participant's value"),
      commented('    change: false', 'true when the results are changes from baseline'),
      '    results:',
      ...ids.map((armId) => `      ${armId}: { mean: ${mean}, sd: ${sd}, n: 0 }`),
      ...comparison('mean difference', (0).toFixed(d)),
    );
  } else if (e.type === 'time-to-event') {
    lines.push(
      `    label: ${label}`,
      ...(primary ? ['    primary: true'] : []),
      '    type: time-to-event',
      commented('    results:', 'median time in the unit of the label: days, months'),
      ...ids.map((armId) => `      ${armId}: { events: 0, n: 0, median: 0.0, median_ci: [0.0, 0.0] }`),
      ...comparison('hazard ratio', '1.00'),
    );
  } else {
    lines.push(
      `    label: ${label}`,
      ...(primary ? ['    primary: true'] : []),
      '    type: binary',
      '    results:',
      ...ids.map((armId) => `      ${armId}: { events: 0, n: 0 }`),
      ...comparison('risk difference', '0.0'),
    );
  }
  return lines;
}

/**
 * A new trial summary following CONSORT for Abstracts: the front matter holds the structured
 * items (design, the participant flow, arms with numbers randomised and analysed, the outcomes
 * with results per arm and a comparison), the body has the required sections in order plus
 * Registration and Funding. Counts start at 0 so the file validates and no check fires; the
 * checklist (TR303) lists what to fill in.
 */
export function newReportText(input: NewReportInput): string {
  const labels = input.arms.length ? input.arms : defaultArmLabels(2);
  const taken = new Set<string>();
  const ids = labels.map((l) => {
    const id = slug(l, taken);
    taken.add(id);
    return id;
  });
  const known = input.flowKnown === true;
  const armsYaml = labels
    .map((label, i) =>
      [
        `  - id: ${ids[i]}`,
        `    label: ${yamlString(label)}`,
        `    randomized: 0`,
        flowLine('    ', 'received', 'received the allocated intervention', known),
        flowLine('    ', 'discontinued', 'stopped the intervention', known),
        flowLine('    ', 'lost', 'lost to follow-up', known),
        flowLine('    ', 'completed', 'completed the study', known),
        `    analysed: 0`,
        `    aliases: [${yamlString(label)}]`,
      ].join('\n'),
    )
    .join('\n');
  const flow = [
    flowLine('  ', 'assessed', 'assessed for eligibility', known),
    flowLine('  ', 'excluded', 'assessed but not randomised', known),
    commented(`  ${known ? '' : '# '}exclusion_reasons:`, 'reason: count, adding up to excluded'),
    `  ${known ? '  ' : '#   '}did not meet inclusion criteria: 0`,
    `  ${known ? '  ' : '#   '}declined to participate: 0`,
    `  ${known ? '  ' : '#   '}other reasons: 0`,
  ];
  const endpoints = input.endpoints?.length ? input.endpoints : [{ type: 'binary' as const }];
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
    ...flow,
    '  randomized: 0' + allocation,
    '  duration: 12 weeks',
    'arms:',
    armsYaml,
    'endpoints:',
    ...endpoints.flatMap((e, i) => endpointYaml(e, i, ids)),
    '---',
  ].join('\n');
  const section = (name: string): string => `## ${name}\n\n${sectionPlaceholder(name)}\n`;
  const body = [`# ${input.title || 'Untitled trial'}`, '', section('Background'), section('Methods'), section('Results'), section('Safety'), section('Conclusions'), section('Registration'), section('Funding')].join('\n');
  return `${fm}\n\n${body}`;
}
