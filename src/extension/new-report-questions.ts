// The questions of `Trial Report: New Report`, as a pure dialogue over a `Prompter` (no `vscode`
// here): editing.ts answers them with VS Code's quick input, the unit tests with a script, so the
// order of the questions, their defaults, the validation messages and cancellation at every step
// are tested without an editor.
import { defaultArmLabels, type EndpointInput, type EndpointKind, type NewReportInput, type ScaleInput } from './template.js';

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface InputQuestion {
  title: string;
  prompt?: string;
  /** The proposed answer, accepted with Enter. */
  value: string;
  /** A message saying what is wrong with an answer, or undefined when it is acceptable. */
  validate?: (value: string) => string | undefined;
}

export interface PickQuestion {
  title: string;
  placeHolder?: string;
  /** Index of the item proposed (active) when the pick opens. */
  active?: number;
}

/** Asks one question; undefined when the writer cancels (Escape, or the input loses focus). */
export interface Prompter {
  input(q: InputQuestion): Promise<string | undefined>;
  pick<T>(items: PickItem<T>[], q: PickQuestion): Promise<PickItem<T> | undefined>;
}

/**
 * Proposed answers, from the command's argument (a keybinding's `args`, say: `{ "endpoints":
 * [{ "type": "continuous", "scale": { "min": 0, "max": 10, "step": 1 } }] }`). The questions are
 * still asked; these are only what Enter accepts.
 */
export interface NewReportDefaults {
  title?: string;
  arms?: string[];
  endpoints?: EndpointInput[];
  flowKnown?: boolean;
}

const MAX_ARMS = 6;
const MAX_ENDPOINTS = 5;
const KINDS: readonly EndpointKind[] = ['binary', 'continuous', 'time-to-event'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readScale(v: unknown): ScaleInput | undefined {
  if (!isObj(v) || !finite(v['min']) || !finite(v['max']) || !finite(v['step'])) return undefined;
  const scale: ScaleInput = { min: v['min'], max: v['max'], step: v['step'] };
  if (scale.min >= scale.max || scale.step <= 0 || scale.step > scale.max - scale.min) return undefined;
  if (Number.isInteger(v['items']) && (v['items'] as number) >= 1) scale.items = v['items'] as number;
  return scale;
}

/** The defaults an argument gives; anything malformed is ignored, never an error (it may come from any keybinding). */
export function readDefaults(arg: unknown): NewReportDefaults {
  if (!isObj(arg)) return {};
  const out: NewReportDefaults = {};
  if (typeof arg['title'] === 'string' && arg['title'].trim()) out.title = arg['title'].trim();
  const arms = arg['arms'];
  if (Array.isArray(arms) && arms.length >= 1 && arms.length <= MAX_ARMS && arms.every((a) => typeof a === 'string' && a.trim())) {
    const labels = arms.map((a: string) => a.trim());
    if (new Set(labels).size === labels.length) out.arms = labels;
  }
  const eps = arg['endpoints'];
  if (Array.isArray(eps) && eps.length >= 1 && eps.length <= MAX_ENDPOINTS) {
    const read = eps.map((e): EndpointInput | undefined => {
      const type = typeof e === 'string' ? e : isObj(e) ? e['type'] : undefined;
      if (!KINDS.includes(type as EndpointKind)) return undefined;
      const scale = type === 'continuous' && isObj(e) ? readScale(e['scale']) : undefined;
      return { type: type as EndpointKind, ...(scale ? { scale } : {}) };
    });
    if (read.every((e) => e !== undefined)) out.endpoints = read as EndpointInput[];
  }
  if (typeof arg['flowKnown'] === 'boolean') out.flowKnown = arg['flowKnown'];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Validation of the scale's answers: each says what is wrong and what would do.

/** A number as a writer types it: `0`, `-10`, `0.5`, `.5`; the decimal mark is ".". */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function notANumber(text: string, example: string): string {
  return /^\s*[-+]?\d+,\d+\s*$/.test(text) ? `Write the decimal mark as ".": ${text.trim().replace(',', '.')}.` : `Enter a number, e.g. ${example}.`;
}

export function validateMin(text: string): string | undefined {
  return parseNumber(text) === undefined ? notANumber(text, '0') : undefined;
}

export function validateMax(text: string, min: number): string | undefined {
  const max = parseNumber(text);
  if (max === undefined) return notANumber(text, '10');
  return max <= min ? `The highest value must be above the lowest (${min}).` : undefined;
}

export function validateStep(text: string, min: number, max: number): string | undefined {
  const step = parseNumber(text);
  if (step === undefined) return notANumber(text, '1 for whole-number scores, 0.5 for half points');
  if (step <= 0) return 'The step must be greater than 0: 1 for whole-number scores, 0.5 for half points.';
  const width = Number((max - min).toPrecision(12));
  return step > width ? `The step must not exceed the width of the scale (${max} − ${min} = ${width}).` : undefined;
}

export function validateItems(text: string): string | undefined {
  if (!text.trim()) return undefined;
  const n = parseNumber(text);
  return n === undefined || !Number.isInteger(n) || n < 1 ? 'Items must be a whole number, 1 or more; leave it empty when each participant has one value.' : undefined;
}

// ---------------------------------------------------------------------------------------------

const KIND_ITEMS: PickItem<EndpointKind>[] = [
  { label: 'binary', description: 'events in n: response, remission, death by a fixed time', value: 'binary' },
  { label: 'continuous', description: 'a mean (SD) or median on a measurement scale: a score, a blood pressure', value: 'continuous' },
  { label: 'time-to-event', description: 'events over follow-up: median time, hazard ratio', value: 'time-to-event' },
];

function outcomeName(i: number, n: number): string {
  return i === 0 ? `the primary outcome${n > 1 ? ` (1 of ${n})` : ''}` : `secondary outcome ${i} (${i + 1} of ${n})`;
}

async function askScale(p: Prompter, name: string, proposed: ScaleInput | undefined): Promise<ScaleInput | undefined> {
  const d = proposed ?? { min: 0, max: 10, step: 1 };
  const title = (what: string): string => `New Trial Report: scale of ${name}: ${what}`;
  const minText = await p.input({ title: title('lowest value'), prompt: "The lowest value one participant can have (0 on a 0–10 pain scale). For changes from baseline, give the scale's own bounds.", value: String(d.min), validate: validateMin });
  if (minText === undefined) return undefined;
  const min = parseNumber(minText)!;
  const maxText = await p.input({ title: title('highest value'), prompt: 'The highest value one participant can have (10 on a 0–10 pain scale).', value: String(d.max > min ? d.max : min + 10), validate: (v) => validateMax(v, min) });
  if (maxText === undefined) return undefined;
  const max = parseNumber(maxText)!;
  const stepText = await p.input({
    title: title('step'),
    prompt: "The smallest difference between two participants' values: 1 for whole-number scores, 0.5 for half points, 0.1 for one decimal. The check of a mean's possible values (TR116) rests on it.",
    value: String(d.step <= max - min ? d.step : 1 <= max - min ? 1 : (max - min) / 10),
    validate: (v) => validateStep(v, min, max),
  });
  if (stepText === undefined) return undefined;
  const itemsText = await p.input({
    title: title('items averaged (optional)'),
    prompt: "How many items are averaged into one participant's value: 10 for the mean of ten questions each scored 1–5. Leave empty for one value per participant (or a sum of items).",
    value: d.items !== undefined && d.items > 1 ? String(d.items) : '',
    validate: validateItems,
  });
  if (itemsText === undefined) return undefined;
  const items = itemsText.trim() ? parseNumber(itemsText)! : 1;
  return { min, max, step: parseNumber(stepText)!, ...(items > 1 ? { items } : {}) };
}

/**
 * Asks for the title, the arms, each outcome's type (and a continuous outcome's scale) and whether
 * the participant flow is known. Undefined as soon as any question is cancelled: nothing is made.
 */
export async function askNewReport(p: Prompter, defaults: NewReportDefaults = {}): Promise<NewReportInput | undefined> {
  const title = await p.input({
    title: 'New Trial Report: title',
    prompt: 'Title of the trial (CONSORT for Abstracts item 1: identify the study as randomised in the title)',
    value: defaults.title ?? 'Drug X versus placebo in condition Y: a randomised trial',
    validate: (v) => (v.trim() ? undefined : 'A title is required.'),
  });
  if (title === undefined) return undefined;

  const armCounts = Array.from({ length: MAX_ARMS }, (_, i) => i + 1);
  const armPick = await p.pick(
    armCounts.map((n) => ({ label: String(n), description: n === 1 ? 'single arm' : n === 2 ? 'two-arm parallel group' : `${n} arms`, value: n })),
    { title: 'New Trial Report: number of arms', placeHolder: 'How many randomised groups?', active: (defaults.arms?.length ?? 1) - 1 },
  );
  if (!armPick) return undefined;
  const n = armPick.value;
  const labels: string[] = [];
  const proposedLabels = defaults.arms?.length === n ? defaults.arms : defaultArmLabels(n);
  for (let i = 0; i < n; i++) {
    const label = await p.input({
      title: `New Trial Report: label of arm ${i + 1} of ${n}`,
      value: proposedLabels[i] ?? `Arm ${i + 1}`,
      validate: (v) => (!v.trim() ? 'A label is required.' : labels.includes(v.trim()) ? 'Each arm needs its own label.' : undefined),
    });
    if (label === undefined) return undefined;
    labels.push(label.trim());
  }

  const endpointCounts = Array.from({ length: MAX_ENDPOINTS }, (_, i) => i + 1);
  const endpointPick = await p.pick(
    endpointCounts.map((k) => ({ label: String(k), description: k === 1 ? 'the primary outcome only' : `the primary outcome and ${k - 1} secondary`, value: k })),
    { title: 'New Trial Report: number of outcomes', placeHolder: 'How many outcomes will the summary report?', active: (defaults.endpoints?.length ?? 1) - 1 },
  );
  if (!endpointPick) return undefined;
  const endpoints: EndpointInput[] = [];
  for (let i = 0; i < endpointPick.value; i++) {
    const name = outcomeName(i, endpointPick.value);
    const proposed = defaults.endpoints?.[i];
    const kind = await p.pick(KIND_ITEMS, { title: `New Trial Report: type of ${name}`, placeHolder: 'What kind of result does it have?', active: Math.max(0, KINDS.indexOf(proposed?.type ?? 'binary')) });
    if (!kind) return undefined;
    if (kind.value === 'continuous') {
      const scale = await askScale(p, name, proposed?.scale);
      if (!scale) return undefined;
      endpoints.push({ type: 'continuous', scale });
    } else endpoints.push({ type: kind.value });
  }

  const flow = await p.pick(
    [
      { label: 'Known', description: 'write the flow keys (assessed, excluded, per arm received, discontinued, lost, completed) to fill in', value: true },
      { label: 'Not yet', description: 'write them as commented placeholders', value: false },
    ],
    { title: 'New Trial Report: participant flow (CONSORT diagram)', placeHolder: 'Are the numbers of the flow diagram known?', active: defaults.flowKnown === false ? 1 : 0 },
  );
  if (!flow) return undefined;
  return { title: title.trim(), arms: labels, endpoints, flowKnown: flow.value };
}
