// Shared shapes of the editor-free core. Positions are 1-based; `end` is exclusive (docs/architecture.md).

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * How reported shares are assumed to be rounded (docs/rules/README.md, the shared arithmetic):
 * `charitable` (half up or half down, whichever reproduces the value), or one method only. Declared
 * once here; the hosts' settings and `.trialreportrc.json` name the same values.
 */
export type Rounding = 'charitable' | 'half-up' | 'half-even';

/** Every {@link Rounding}, the default first: for hosts that check a setting's value. */
export const ROUNDINGS: readonly Rounding[] = ['charitable', 'half-up', 'half-even'];

export interface RelatedLocation {
  message: string;
  range: Range;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /**
   * The consistent values a reader needs ("60.5%", "## Methods"), best first. Plain values, not
   * edits: what to change in the text is `fixes`.
   */
  expected?: string[];
  related?: RelatedLocation[];
  /** Edits that make the text consistent, the preferred one first (absent when none is known). */
  fixes?: Fix[];
  /**
   * The source ranges of the values this finding rests on besides its own range (the front-matter
   * value a body number was compared with, a comparison's interval). Used by the dedupe pass only
   * and removed before findings leave the core.
   */
  about?: Range[];
}

/** One fix: a title ("Replace 60% with 60.5%") and the edits that make it, applied together. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** Replace `range` (1-based, `end` exclusive; empty for an insertion) with `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Suppression {
  ruleId: string;
  /** 1-based line of the comment. */
  line: number;
  justification: string;
}

/**
 * A number as the writer wrote it. `decimals` is the written precision, so `60.0` and `60`
 * are different claims (docs/rules/README.md, arithmetic rule 1).
 */
export interface WrittenNumber {
  value: number;
  text: string;
  decimals: number;
  range: Range;
}

/** A front-matter value with its source range and written text. */
export interface Located<T> {
  value: T;
  text: string;
  range: Range;
}

export interface TrialInfo {
  title?: Located<string>;
  registration?: Located<string>;
  phase?: Located<string>;
  design: Located<string>[];
  population?: Located<string>;
  randomized?: WrittenNumber;
  /** Participant flow (format 1.1): assessed for eligibility, and of those not randomised. */
  assessed?: WrittenNumber;
  excluded?: WrittenNumber;
  /** Reason → count, in the written order; a count the schema rejects is left out. */
  exclusionReasons?: { reason: string; count: WrittenNumber }[];
  allocation?: Located<string>;
  duration?: Located<string>;
  /** Range of the `trial` key. */
  keyRange?: Range;
}

export interface Arm {
  id: string;
  idRange: Range;
  label: string;
  dose?: string;
  randomized?: WrittenNumber;
  analysed?: WrittenNumber;
  /** Participant flow (format 1.1). */
  received?: WrittenNumber;
  discontinued?: WrittenNumber;
  lost?: WrittenNumber;
  completed?: WrittenNumber;
  aliases: string[];
  /** Range of the arm's `- id:` item. */
  range: Range;
}

export type EstimateKind = 'adjusted' | 'model-based' | 'weighted';

export interface ArmResult {
  armId: string;
  /** Range of the key naming the arm under `results`. */
  keyRange: Range;
  events?: WrittenNumber;
  n?: WrittenNumber;
  percent?: WrittenNumber;
  estimate?: Located<string>;
  /** `n: null` — the writer says the denominator is not known (e.g. survey responders). */
  nUnknown?: boolean;
  mean?: WrittenNumber;
  sd?: WrittenNumber;
  se?: WrittenNumber;
  median?: WrittenNumber;
  iqr?: [WrittenNumber, WrittenNumber];
  /** Observed minimum and maximum (format 1.1). */
  range?: [WrittenNumber, WrittenNumber];
  /** Confidence interval of `median` (format 1.1, time-to-event). */
  medianCi?: [WrittenNumber, WrittenNumber];
  /** Incidence rate: `rate` events per `ratePer` (default 100) person-years (format 1.1). */
  rate?: WrittenNumber;
  personYears?: WrittenNumber;
  ratePer?: WrittenNumber;
  /** JSON pointer of this result in the front matter. */
  pointer: string;
}

export type Measure = 'risk difference' | 'risk ratio' | 'odds ratio' | 'hazard ratio' | 'mean difference';

export interface PValue {
  /** `=` for a plain number; otherwise the bound's operator. */
  op: '=' | '<' | '≤' | '>' | '≥';
  value: number;
  text: string;
  decimals: number;
  range: Range;
}

export interface Comparison {
  arm?: Located<string>;
  versus?: Located<string>;
  measure?: Located<Measure>;
  estimate?: WrittenNumber;
  ci?: [WrittenNumber, WrittenNumber];
  ciRange?: Range;
  ciLevel: number;
  p?: PValue;
  sided: 1 | 2;
  adjusted?: boolean;
  range: Range;
  pointer: string;
}

export type EndpointType = 'binary' | 'continuous' | 'time-to-event';

/**
 * What one participant's value can be (format 1.1): whole multiples of `step / items` between
 * `min` and `max`. Any part may be absent; rules test only what is given.
 */
export interface Scale {
  min?: WrittenNumber;
  max?: WrittenNumber;
  step?: WrittenNumber;
  /** Items averaged into one participant's value; 1 when not written. */
  items?: WrittenNumber;
  range: Range;
}

export interface Endpoint {
  id: string;
  idRange: Range;
  label: string;
  type?: EndpointType;
  scale?: Scale;
  /** Results are changes from baseline: bounds `[min − max, max − min]`. */
  change: boolean;
  primary: boolean;
  aliases: string[];
  results: ArmResult[];
  comparisons: Comparison[];
  range: Range;
}

export interface AdverseEvent {
  term: string;
  termRange: Range;
  results: ArmResult[];
  range: Range;
}

export interface Heading {
  depth: number;
  text: string;
  range: Range;
}

export interface Section {
  /** The level-2 heading text. */
  title: string;
  range: Range;
  /** Range of the whole section, heading to the next level-2 heading or the end. */
  bodyRange: Range;
}

/**
 * One run of plain text inside a block (a paragraph, heading or table cell): `text[at, at+len)`
 * was written at source offsets `[srcFrom, srcTo)`, counted from the start of the block's first
 * line (`range.start.line`), so a block keeps its segments when text is inserted on another line.
 * The document offset is `lines.lineStart(block.range.start.line) + srcFrom`. When the run's
 * source is longer than its text (escapes, entities), offsets inside it map to the whole run.
 */
export interface TextSegment {
  at: number;
  len: number;
  srcFrom: number;
  srcTo: number;
}

/** Plain text of a block with the map back to the source, so mentions survive emphasis and links. */
export interface TextBlock {
  text: string;
  range: Range;
  segments: TextSegment[];
}

export type TableCell = TextBlock;

export interface Table {
  header: TableCell[];
  rows: TableCell[][];
  range: Range;
  /** Title of the section the table is in, if any. */
  section?: string;
}

export interface Paragraph extends TextBlock {
  section?: string;
  /** 'paragraph', 'heading' or 'listItem' paragraph. */
  kind: 'paragraph' | 'heading';
}

export interface FrontMatter {
  /** The YAML text between the fences. */
  text: string;
  /** Range of the whole block, fences included. */
  range: Range;
  /** 0-based offset of the YAML text in the document. */
  offset: number;
  /** Parsed data, or undefined when the YAML does not parse. */
  data?: unknown;
  /** JSON pointer → key and value ranges. */
  pointers: Map<string, { key?: Range; value: Range }>;
  /**
   * Keys written in both spellings in one mapping (`analysed` and `analyzed`): the one written
   * second, which TR201 reports, and where each is.
   */
  duplicateKeys?: { key: string; other: string; at?: Range; otherAt?: Range }[];
}

/** A confidence interval as written in the text. */
export interface WrittenInterval {
  level: number;
  lo: WrittenNumber;
  hi: WrittenNumber;
  range: Range;
}

export type EffectMeasure = Measure | 'difference';

/** What a body mention was bound to (docs/linking.md); absent when ambiguous. */
export interface MentionLink {
  armId?: string;
  endpointId?: string;
  /** Index into `adverseEvents`. */
  adverseEvent?: number;
  /** The construction that made the link (e.g. "respectively list"), for hovers and reports. */
  via?: string;
  /**
   * True when the clause or sentence fallback made the link rather than a construction: a
   * disagreement on it is read charitably first, and is at most a warning.
   */
  inferred?: boolean;
}

/**
 * A number read from prose or a table cell, in one of the forms of docs/format.md. A mention carries
 * what was written (share, count, denominator, p, interval, effect) and what it was linked to.
 */
export interface Mention {
  kind: 'share' | 'count' | 'sample-size' | 'p' | 'interval' | 'effect';
  range: Range;
  text: string;
  where: 'prose' | 'table';
  /** Index into `model.sentences` (prose) or -1 (table cell). */
  sentence: number;
  share?: WrittenNumber;
  events?: WrittenNumber;
  /** The denominator written with the mention (`23/38`, `n=38`), or given by a table header. */
  total?: WrittenNumber;
  /** True when `total` came from a header or the row's n column rather than the mention. */
  totalFromContext?: boolean;
  p?: PValue;
  interval?: WrittenInterval;
  effect?: { measure: EffectMeasure; value: WrittenNumber; percentagePoints: boolean };
  /** A relative change ("30% lower"), not a share of patients. */
  relative?: boolean;
  /** A percentage that is not a share of patients: a rate per time, a concentration, a margin. */
  nonShare?: boolean;
  /** The sentence says the value is adjusted, estimated or model-based. */
  adjusted?: boolean;
  /** An interval of a value ("47% (95% CI 39 to 55)"), not of a comparison. */
  ofValue?: boolean;
  /** A p value of a non-inferiority or equivalence test: it tests a margin, not the null. */
  marginTest?: boolean;
  /** For a sample size: what the group size describes. */
  role?: 'randomized' | 'analysed' | 'group' | 'trial' | 'other';
  link: MentionLink;
}

/** A comparison stated in prose: an effect with its interval and p, e.g. a parenthesis. */
export interface ProseComparison {
  sentence: number;
  effect?: Mention;
  interval?: Mention;
  p?: Mention;
  endpointId?: string;
  armIds: string[];
  /**
   * True when `armIds` are the arms the effect's own words name ("relative risk with X vs. Y"),
   * not merely those of its sentence: then only a comparison of exactly those arms is its match.
   */
  armsNamed?: boolean;
}

export interface Sentence {
  text: string;
  range: Range;
  block: number;
  armIds: string[];
  endpointIds: string[];
  adverseEvents: number[];
  section?: string;
}

export interface TrialModel {
  isTrialSummary: boolean;
  frontMatter?: FrontMatter;
  /** `$schema` named in the front matter, with its range. */
  schemaRef?: Located<string>;
  trial: TrialInfo;
  arms: Arm[];
  endpoints: Endpoint[];
  adverseEvents: AdverseEvent[];
  headings: Heading[];
  sections: Section[];
  tables: Table[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  mentions: Mention[];
  proseComparisons: ProseComparison[];
}

export interface CheckOptions {
  /** A custom JSON Schema (already loaded by the host) replacing the bundled one. */
  schema?: object;
  /** Used to decide whether the document is a trial summary (`*.trial.md`). */
  fileName?: string;
  /**
   * Set by a host that could not load the custom schema it was asked to use: reported once as
   * TR203, and schema validation is skipped rather than run against the wrong schema.
   */
  schemaProblem?: { message: string; severity?: Severity };
  /**
   * Loads the schema a document names with `$schema` (relative to the document). The core reads
   * no files, so a host that supports `$schema` passes this; without it `$schema` is ignored.
   * Return `{ error }` to report TR203 (with `severity: 'info'` in an untrusted workspace).
   */
  loadSchema?: (ref: string) => { schema: object } | { error: string; severity?: Severity };
  /** Per-rule severity override, or 'off'. */
  rules?: Record<string, Severity | 'off'>;
  /**
   * How shares are assumed to be rounded: `charitable` (default: half up or half down), or
   * strictly `half-up` or `half-even` when the writer knows their software's method.
   */
  rounding?: Rounding;
  /** Report numbers in the body that could not be linked (info TR199); off by default. */
  reportUnlinked?: boolean;
  /**
   * A per-document cache from `createAnalysisCache()`: pass the same one for every version of one
   * document, and only the chunks an edit changed are parsed and linked again. Same findings.
   */
  cache?: AnalysisCache;
}

/**
 * A per-document cache of parsed and linked chunks, from `createAnalysisCache()`. Opaque to its
 * users (declared here, not as the class, so the core's shared types import none of its code);
 * the counters say how much the last check had to redo, for tests and the bench.
 */
export interface AnalysisCache {
  /** Chunks parsed, not reused, by the last check. */
  readonly lastParsed: number;
  /** Chunks linked, not reused, by the last check. */
  readonly lastLinked: number;
}

export interface CheckResult {
  findings: Finding[];
  model: TrialModel;
  suppressions: Suppression[];
}
