// Hovers and front-matter completion as pure functions over the core's analysis (no `vscode`):
// the providers in editing.ts only convert positions and wrap the results.
import { canonicalKey } from '../core/spelling.js';
import { wilson } from '../core/stats.js';
import type { Arm, ArmResult, Finding, Mention, Position, Range, TrialModel } from '../core/types.js';
import { meanGranularityLines, rateLines, spreadLines } from './result-arithmetic.js';

type Schema = Record<string, unknown>;

export function contains(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.column >= r.start.column);
  const before = p.line < r.end.line || (p.line === r.end.line && p.column <= r.end.column);
  return after && before;
}

function overlaps(a: Range, b: Range): boolean {
  const le = (x: Position, y: Position): boolean => x.line < y.line || (x.line === y.line && x.column <= y.column);
  return le(a.start, b.end) && le(b.start, a.end);
}

// ---------------------------------------------------------------------------------------------
// Schema walking: the subschemas that apply at a JSON pointer (local $refs, allOf/anyOf/oneOf,
// if/then/else all merged, since completion and hover want every possibility).

function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return typeof node === 'object' && node !== null ? (node as Schema) : undefined;
}

/** What is known of the instance at a place: `known: false` when the front matter was not read. */
interface Instance {
  known: boolean;
  value?: unknown;
}

const UNKNOWN: Instance = { known: false };

/**
 * Whether an `if` schema holds for the instance: true, false, or undefined when it cannot be
 * told (no instance, or keywords this small evaluator does not read). Only `required` and
 * `properties` with `const`/`enum` are read: enough for the bundled schema's `type` switch, so a
 * continuous endpoint's results offer continuous keys only.
 */
function ifHolds(cond: unknown, instance: Instance): boolean | undefined {
  if (!instance.known || typeof cond !== 'object' || cond === null) return undefined;
  const v = instance.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const obj = v as Record<string, unknown>;
  const c = cond as Schema;
  for (const k of Object.keys(c)) if (!['properties', 'required', 'type'].includes(k)) return undefined;
  if (Array.isArray(c['required']) && !c['required'].every((k) => typeof k === 'string' && Object.prototype.hasOwnProperty.call(obj, k))) return false;
  for (const [k, sub] of Object.entries((c['properties'] as Record<string, unknown> | undefined) ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
    if (typeof sub !== 'object' || sub === null) return undefined;
    const s = sub as Schema;
    if (Object.keys(s).some((x) => x !== 'const' && x !== 'enum')) return undefined;
    if ('const' in s && obj[k] !== s['const']) return false;
    if (Array.isArray(s['enum']) && !s['enum'].includes(obj[k])) return false;
  }
  return true;
}

function expand(root: Schema, s: unknown, instance: Instance = UNKNOWN, depth = 0): Schema[] {
  if (typeof s !== 'object' || s === null || depth > 20) return [];
  const schema = s as Schema;
  const out: Schema[] = [schema];
  if (typeof schema['$ref'] === 'string') {
    const r = resolveRef(root, schema['$ref']);
    if (r) out.push(...expand(root, r, instance, depth + 1));
  }
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[k];
    if (Array.isArray(list)) for (const x of list) out.push(...expand(root, x, instance, depth + 1));
  }
  // A condition the instance decides picks its branch; otherwise both apply (every possibility).
  const holds = schema['if'] !== undefined ? ifHolds(schema['if'], instance) : undefined;
  if (schema['then'] && holds !== false) out.push(...expand(root, schema['then'], instance, depth + 1));
  if (schema['else'] && holds !== true) out.push(...expand(root, schema['else'], instance, depth + 1));
  return out;
}

function child(instance: Instance, seg: string): Instance {
  if (!instance.known) return UNKNOWN;
  const v = instance.value;
  if (typeof v !== 'object' || v === null) return UNKNOWN;
  // The front matter may spell a key the other way ("randomised"); the schema's key is canonical.
  const obj = v as Record<string, unknown>;
  const key = Object.prototype.hasOwnProperty.call(obj, seg) ? seg : Object.keys(obj).find((k) => canonicalKey(k) === seg);
  return key === undefined ? UNKNOWN : { known: true, value: obj[key] };
}

/**
 * Every subschema that applies at `segments` (object keys and array indexes). With `data` (the
 * parsed front matter), an `if`/`then`/`else` the data decides contributes only its branch.
 */
export function schemasAt(root: object, segments: string[], data?: unknown): Schema[] {
  let instance: Instance = data === undefined ? UNKNOWN : { known: true, value: data };
  let current = expand(root as Schema, root, instance);
  // A key in the other spelling ("randomised") is the schema's key ("randomized").
  for (const seg of segments.map(canonicalKey)) {
    instance = child(instance, seg);
    const next: Schema[] = [];
    for (const s of current) {
      const props = s['properties'] as Record<string, unknown> | undefined;
      if (/^\d+$/.test(seg) && s['items'] !== undefined) next.push(...expand(root as Schema, s['items'], instance));
      if (props && Object.prototype.hasOwnProperty.call(props, seg)) next.push(...expand(root as Schema, props[seg], instance));
      else {
        const pats = s['patternProperties'] as Record<string, unknown> | undefined;
        let matched = false;
        for (const [re, sub] of Object.entries(pats ?? {})) {
          try {
            if (new RegExp(re, 'u').test(seg)) {
              next.push(...expand(root as Schema, sub, instance));
              matched = true;
            }
          } catch {
            // A pattern JavaScript cannot compile matches nothing here.
          }
        }
        if (!matched && typeof s['additionalProperties'] === 'object' && !/^\d+$/.test(seg)) next.push(...expand(root as Schema, s['additionalProperties'], instance));
      }
    }
    current = next;
  }
  return current;
}

export function pointerSegments(pointer: string): string[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(schemas: Schema[]): { description?: string; type?: string; enumValues?: string[] } {
  const description = schemas.map((s) => s['markdownDescription'] ?? s['description']).find((d): d is string => typeof d === 'string');
  const type = schemas.map((s) => s['type']).find((t) => t !== undefined);
  const enums = schemas.flatMap((s) => (Array.isArray(s['enum']) ? (s['enum'] as unknown[]) : s['const'] !== undefined ? [s['const']] : []));
  return {
    ...(description ? { description } : {}),
    ...(type !== undefined ? { type: Array.isArray(type) ? type.join(' | ') : String(type) } : {}),
    ...(enums.length ? { enumValues: [...new Set(enums.map(String))] } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Hovers.

export interface HoverInput {
  model: TrialModel;
  findings: readonly Finding[];
  schema: object;
}

export interface HoverResult {
  markdown: string;
  range: Range;
}

const pct = (k: number, n: number, d = 2): string => `${((100 * k) / n).toFixed(d)}%`;

function armLabel(model: TrialModel, id: string | undefined): string | undefined {
  if (!id) return undefined;
  const a = model.arms.find((x) => x.id === id);
  return a ? `${a.label} (\`${a.id}\`)` : `\`${id}\``;
}

function resultFor(model: TrialModel, m: Mention): { result?: ArmResult; arm?: Arm; owner?: string } {
  const arm = model.arms.find((a) => a.id === m.link.armId);
  if (m.link.endpointId) {
    const e = model.endpoints.find((x) => x.id === m.link.endpointId);
    const result = e?.results.find((r) => r.armId === m.link.armId);
    return { ...(result ? { result } : {}), ...(arm ? { arm } : {}), ...(e ? { owner: e.label } : {}) };
  }
  if (m.link.adverseEvent !== undefined) {
    const ae = model.adverseEvents[m.link.adverseEvent];
    const result = ae?.results.find((r) => r.armId === m.link.armId);
    return { ...(result ? { result } : {}), ...(arm ? { arm } : {}), ...(ae ? { owner: ae.term } : {}) };
  }
  return arm ? { arm } : {};
}

/** `23/38 = 60.53%; Wilson 95% CI 44.7% to 74.4%`. */
export function shareLines(k: number, n: number): string[] {
  if (!(n > 0) || k < 0 || k > n || !Number.isInteger(k) || !Number.isInteger(n)) return [];
  const [lo, hi] = wilson(k, n, 95);
  return [`\`${k}/${n} = ${pct(k, n)}\``, `Wilson 95% CI ${lo.toFixed(1)}% to ${hi.toFixed(1)}%`];
}

function frontMatterValue(r: ArmResult): string | undefined {
  if (r.events && r.n) return `${r.events.text}/${r.n.text}${r.percent ? ` (${r.percent.text}%)` : ''}`;
  if (r.events) return `${r.events.text} events`;
  if (r.percent) return `${r.percent.text}%`;
  if (r.mean) return `mean ${r.mean.text}${r.sd ? ` (SD ${r.sd.text})` : ''}`;
  return undefined;
}

function findingLines(findings: readonly Finding[], range: Range): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    if (!overlaps(f.range, range)) continue;
    lines.push(`**${f.ruleId}** (${f.severity}): ${f.message}`);
    if (f.expected?.length) lines.push(`Consistent values: ${f.expected.map((e) => `\`${e}\``).join(', ')}`);
  }
  return lines;
}

/**
 * How the link was made, in words: "linked by the respectively list"; a link the clause or
 * sentence inferred says so, since it is read charitably (docs/linking.md).
 */
export function howLinked(m: Mention): string {
  const via = m.link.via;
  if (!via) return '';
  if (m.link.inferred) return ` (inferred from its ${via}: a disagreement is reported only if no other reading of the sentence agrees, and as a warning)`;
  return ` (linked by the ${via})`;
}

function mentionHover(input: HoverInput, m: Mention): HoverResult {
  const { model } = input;
  const out: string[] = [];
  const kinds: Record<Mention['kind'], string> = { share: 'Share', count: 'Count', 'sample-size': 'Sample size', p: 'p value', interval: 'Confidence interval', effect: 'Effect' };
  out.push(`**${kinds[m.kind]}** \`${m.text}\``);
  const link: string[] = [];
  const arm = armLabel(model, m.link.armId);
  if (arm) link.push(`arm ${arm}`);
  const ep = model.endpoints.find((e) => e.id === m.link.endpointId);
  if (ep) link.push(`endpoint ${ep.label} (\`${ep.id}\`)`);
  if (m.link.adverseEvent !== undefined) {
    const ae = model.adverseEvents[m.link.adverseEvent];
    if (ae) link.push(`adverse event ${ae.term}`);
  }
  const comparison = model.proseComparisons.find((c) => c.effect === m || c.interval === m || c.p === m);
  if (comparison) link.push(`comparison ${comparison.armIds.map((a) => armLabel(model, a) ?? a).join(' versus ') || '(arms not named)'}`);
  out.push(link.length ? `Linked to ${link.join(', ')}${howLinked(m)}.` : `Not linked to an arm or outcome${m.link.via ? ` (${m.link.via})` : ''}, so it is not checked against the front matter.`);

  const { result, arm: armObj, owner } = resultFor(model, m);
  const calc: string[] = [];
  if (m.events && m.total) calc.push(...shareLines(m.events.value, m.total.value));
  else if (m.share && !m.relative && !m.nonShare) {
    const n = m.total?.value ?? (result?.nUnknown ? undefined : (result?.n?.value ?? armObj?.analysed?.value ?? armObj?.randomized?.value));
    if (n && n > 0) {
      const exact = (m.share.value * n) / 100;
      const lo = Math.floor(exact);
      const hi = Math.ceil(exact);
      calc.push(`${m.share.text}% of ${n} = ${exact.toFixed(2)} patients`);
      for (const k of new Set([lo, hi])) if (k >= 0 && k <= n) calc.push(...shareLines(k, n).slice(0, 1));
      const k = Math.round(exact);
      if (k >= 0 && k <= n) calc.push(shareLines(k, n)[1] ?? '');
    }
  }
  if (calc.length) out.push(calc.filter(Boolean).join('  \n'));
  if (result && owner) {
    const v = frontMatterValue(result);
    if (v) out.push(`Front matter (${owner}): ${v}`);
  }
  const flagged = findingLines(input.findings, m.range);
  if (flagged.length) out.push(flagged.join('  \n'));
  return { markdown: out.join('\n\n'), range: m.range };
}

/** The hover at a position: a body number, a front-matter result value, or a front-matter key. */
export function hoverAt(input: HoverInput, pos: Position): HoverResult | undefined {
  const { model } = input;
  const mention = model.mentions.find((m) => contains(m.range, pos));
  if (mention) return mentionHover(input, mention);
  const pointers = model.frontMatter?.pointers;
  if (!pointers) return undefined;
  // A key: the schema's description.
  let best: { pointer: string; range: Range; key: boolean } | undefined;
  for (const [pointer, r] of pointers) {
    if (r.key && contains(r.key, pos)) {
      if (!best || pointer.length > best.pointer.length) best = { pointer, range: r.key, key: true };
    }
  }
  if (!best) {
    for (const [pointer, r] of pointers) {
      const isLeaf = r.value.start.line === r.value.end.line;
      if (isLeaf && contains(r.value, pos) && (!best || pointer.length > best.pointer.length)) best = { pointer, range: r.value, key: false };
    }
  }
  if (!best) return undefined;
  const segs = pointerSegments(best.pointer);
  const info = describe(schemasAt(input.schema, segs, model.frontMatter?.data));
  const out: string[] = [];
  const name = segs.filter((s) => !/^\d+$/.test(s)).join('.') || '(front matter)';
  if (best.key) {
    out.push(`**${name}**${info.type ? ` · ${info.type}` : ''}`);
    if (info.description) out.push(info.description);
    if (info.enumValues) out.push(`Allowed: ${info.enumValues.map((v) => `\`${v}\``).join(', ')}`);
    if (segs.length >= 4 && segs[2] === 'results') {
      const arm = armLabel(model, segs[3]);
      if (arm) out.push(`Result of arm ${arm}.`);
    }
  } else {
    // A value inside a result: the computation for that result.
    const m = /^\/(endpoints|adverse_events)\/(\d+)\/results\/([^/]+)/.exec(best.pointer);
    if (!m) {
      if (!info.description) return undefined;
      out.push(`**${name}**`, info.description);
    } else {
      const owner = m[1] === 'endpoints' ? model.endpoints[Number(m[2])] : model.adverseEvents[Number(m[2])];
      const result = owner?.results.find((r) => r.armId === m[3]!.replace(/~1/g, '/').replace(/~0/g, '~'));
      const arm = model.arms.find((a) => a.id === result?.armId);
      if (!result) return undefined;
      out.push(`**${'label' in (owner ?? {}) ? (owner as { label: string }).label : ((owner as { term?: string } | undefined)?.term ?? '')}**, ${armLabel(model, result.armId) ?? result.armId}`);
      const n = result.nUnknown ? undefined : (result.n?.value ?? arm?.analysed?.value ?? arm?.randomized?.value);
      if (result.events && n) out.push(shareLines(result.events.value, n).join('  \n'));
      else if (result.percent && n) {
        const exact = (result.percent.value * n) / 100;
        out.push([`${result.percent.text}% of ${n} = ${exact.toFixed(2)} patients`, ...[...new Set([Math.floor(exact), Math.ceil(exact)])].filter((k) => k >= 0 && k <= n).map((k) => shareLines(k, n)[0]!)].join('  \n'));
      }
      // Format 1.1: the arithmetic of the hovered value itself (an SD's SE, a mean's granularity, a rate).
      const endpoint = m[1] === 'endpoints' ? model.endpoints[Number(m[2])] : undefined;
      const hovered = segs[4];
      const calc =
        hovered === 'sd' || hovered === 'se' ? spreadLines(hovered, result)
        : hovered === 'mean' ? meanGranularityLines(result, endpoint)
        : hovered === 'rate' || hovered === 'person_years' || hovered === 'rate_per' ? rateLines(result)
        : [];
      if (calc.length) out.push(calc.join('  \n'));
    }
  }
  const flagged = findingLines(input.findings, best.range);
  if (flagged.length) out.push(flagged.join('  \n'));
  return { markdown: out.join('\n\n'), range: best.range };
}

// ---------------------------------------------------------------------------------------------
// Completion in the front matter.

export interface CompletionEntry {
  label: string;
  kind: 'key' | 'value' | 'arm' | 'endpoint';
  /** Text to insert (a key gets `: `). */
  insertText: string;
  detail?: string;
  documentation?: string;
}

interface Frame {
  indent: number;
  segment: string;
}

/**
 * The YAML path of the mapping or sequence a line at `indent` belongs to, from the lines above
 * (block style only: enough for front matter written by hand).
 */
function pathAbove(lines: string[], upTo: number, indent: number): string[] {
  const stack: Frame[] = [];
  const counters = new Map<string, number>();
  for (let i = 0; i < upTo; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = splitYamlLine(line);
    const ind = m.indent;
    while (stack.length && stack[stack.length - 1]!.indent >= ind) stack.pop();
    if (m.dash) {
      const parent = stack.map((f) => f.segment).join('/') + `@${ind}`;
      const n = counters.get(parent) ?? 0;
      counters.set(parent, n + 1);
      stack.push({ indent: ind, segment: String(n) });
      if (m.key !== undefined) stack.push({ indent: ind + m.dash, segment: m.key });
    } else if (m.key !== undefined) {
      stack.push({ indent: ind, segment: m.key });
    }
  }
  while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
  return stack.map((f) => f.segment);
}

/**
 * A block-style YAML line taken apart without backtracking regexes: indentation, a sequence dash
 * (`- `, with the spaces after it), a key (text before the first `: ` or a final `:`) and the rest.
 */
export interface YamlLine {
  indent: number;
  /** Length of `- ` including the spaces after the dash, or 0. */
  dash: number;
  key?: string;
  /** Text after `key:` (untrimmed), or after the dash when there is no key. */
  rest: string;
}

export function splitYamlLine(line: string): YamlLine {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  const indent = i;
  let dash = 0;
  if (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
    let j = i + 1;
    while (j < line.length && (line[j] === ' ' || line[j] === '\t')) j++;
    dash = j - i;
    i = j;
  }
  const body = line.slice(i);
  const first = body[0];
  if (first === undefined || first === '#' || first === '[' || first === '{') return { indent, dash, rest: body };
  let colon = -1;
  if (first === '"' || first === "'") {
    const close = body.indexOf(first, 1);
    if (close > 0 && body[close + 1] === ':' && (close + 2 === body.length || body[close + 2] === ' ' || body[close + 2] === '\t')) colon = close + 1;
  } else {
    for (let k = 0; k < body.length; k++) {
      const c = body[k];
      if (c === '#' && k > 0 && (body[k - 1] === ' ' || body[k - 1] === '\t')) break;
      if (c === ':' && (k + 1 === body.length || body[k + 1] === ' ' || body[k + 1] === '\t')) {
        colon = k;
        break;
      }
    }
  }
  if (colon < 0) return { indent, dash, rest: body };
  return { indent, dash, key: unquote(body.slice(0, colon).trim()), rest: body.slice(colon + 1) };
}

function unquote(s: string): string {
  return /^["'].*["']$/.test(s) ? s.slice(1, -1) : s;
}

function valueAt(data: unknown, segs: string[]): unknown {
  let v = data;
  for (const s of segs) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

function keysOf(schemas: Schema[]): Map<string, Schema[]> {
  const out = new Map<string, Schema[]>();
  for (const s of schemas) {
    const props = s['properties'] as Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(props ?? {})) {
      if (typeof v === 'object' && v !== null) out.set(k, [...(out.get(k) ?? []), v as Schema]);
    }
  }
  return out;
}

/** Keys under which the format expects arm ids as keys (results) or values (arm, versus). */
const ARM_KEYED = new Set(['results']);
const ARM_VALUED = new Set(['arm', 'versus']);
const ENDPOINT_VALUED = new Set(['endpoint', 'endpointId']);

function yamlScalar(v: string): string {
  return /^[A-Za-z][\w./ -]*$/.test(v) && !/^(true|false|null|yes|no|on|off)$/i.test(v) && !/\s$/.test(v) ? v : JSON.stringify(v);
}

/**
 * Completions at `pos` (1-based) in `text`, or undefined outside the front matter. `data` is the
 * last parsed front matter (to leave out keys already written); `model` gives arm and endpoint ids.
 */
export function completionsAt(text: string, pos: Position, schema: object, model: TrialModel | undefined): CompletionEntry[] | undefined {
  const all = text.split(/\r\n|\n|\r/);
  if (!/^\uFEFF?---\s*$/.test(all[0] ?? '')) return undefined;
  let close = all.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (close < 0) close = all.length;
  const lineIdx = pos.line - 1;
  if (lineIdx <= 0 || lineIdx >= close) return undefined;
  const fmLines = all.slice(1, close);
  const rel = lineIdx - 1;
  const before = (all[lineIdx] ?? '').slice(0, Math.max(0, pos.column - 1));
  const armIds = model?.arms.map((a) => a.id) ?? [];
  const endpointIds = model?.endpoints.map((e) => e.id) ?? [];
  const data = model?.frontMatter?.data;

  // `key: partial` → values for that key.
  const parts = splitYamlLine(before);
  const valueText = parts.key !== undefined && /^[ \t]/.test(parts.rest) ? parts.rest.trimStart() : undefined;
  if (parts.key !== undefined && valueText !== undefined && !valueText.includes('#')) {
    const indent = parts.indent;
    const key = parts.key;
    const parent = pathAbove(fmLines, rel, indent);
    const segs = parts.dash ? [...parent, '0', key] : [...parent, key];
    const inFlow = valueText.startsWith('[');
    const flowItems = inFlow ? valueText.slice(1) : '';
    const schemas = schemasAt(schema, inFlow ? [...segs, '0'] : segs, data);
    const info = describe(schemas);
    const out: CompletionEntry[] = [];
    if (ARM_VALUED.has(key)) for (const id of armIds) out.push({ label: id, kind: 'arm', insertText: yamlScalar(id), detail: model?.arms.find((a) => a.id === id)?.label ?? 'arm' });
    if (ENDPOINT_VALUED.has(key)) for (const id of endpointIds) out.push({ label: id, kind: 'endpoint', insertText: yamlScalar(id), detail: model?.endpoints.find((e) => e.id === id)?.label ?? 'endpoint' });
    if (info.enumValues) {
      const written = inFlow ? new Set(flowItems.split(',').map((x) => x.trim())) : new Set<string>();
      for (const v of info.enumValues) if (!written.has(v)) out.push({ label: v, kind: 'value', insertText: yamlScalar(v), ...(info.description ? { documentation: info.description } : {}) });
    }
    const seen = new Set<string>();
    return out.filter((e) => !seen.has(e.label) && !!seen.add(e.label));
  }

  // A key being typed (possibly after `- `).
  if (parts.key !== undefined || !/^[\w$-]*$/.test(parts.rest)) return [];
  const parent = pathAbove(fmLines, rel, parts.indent);
  const k = { dash: parts.dash > 0 };
  let segs = parent;
  if (k.dash) {
    // A new sequence item: its index is past the existing ones.
    const arr = valueAt(data, parent);
    segs = [...parent, String(Array.isArray(arr) ? arr.length : 0)];
  }
  const existing = valueAt(data, segs);
  const present = new Set(typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? Object.keys(existing) : []);
  const last = segs[segs.length - 1];
  if (last && ARM_KEYED.has(last)) {
    return armIds.filter((id) => !present.has(id)).map((id) => ({ label: id, kind: 'arm' as const, insertText: `${yamlScalar(id)}: `, detail: `result for ${model?.arms.find((a) => a.id === id)?.label ?? id}` }));
  }
  const out: CompletionEntry[] = [];
  for (const [key, schemas] of keysOf(schemasAt(schema, segs, data))) {
    if (present.has(key)) continue;
    const info = describe(schemas);
    out.push({ label: key, kind: 'key', insertText: `${key}: `, ...(info.type ? { detail: info.type } : {}), ...(info.description ? { documentation: info.description } : {}) });
  }
  return out;
}
