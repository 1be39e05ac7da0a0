import Ajv2020 from 'ajv/dist/2020.js';
import Ajv2019 from 'ajv/dist/2019.js';
import AjvDraft7 from 'ajv';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import bundledSchema from '../../schemas/trial-summary.schema.json';
import bundledValidate from './generated/bundled-validator.js';
import type { FrontMatterReader } from './model.js';
import { safeRegExp } from './safe-regexp.js';
import type { Finding } from './types.js';

export const BUNDLED_SCHEMA: object = bundledSchema;

/** Sections required by default: each entry lists the accepted names of one section. */
export const DEFAULT_SECTIONS: string[][] = bundledSchema['x-trial-report'].requiredSections;

type AjvClass = typeof Ajv2020;

export type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; message: string };

const compiled = new WeakMap<object, CompiledSchema>();
// The bundled schema was compiled at build time (esbuild.mjs, ajv standalone code, the same
// options as below): nothing is compiled for it at run time.
compiled.set(BUNDLED_SCHEMA, { ok: true, validate: bundledValidate });

/**
 * Compiles a schema once and caches it by identity: the bundled schema is precompiled; a host
 * passes the same object for an unchanged custom schema.
 */
export function compileSchema(schema: object): CompiledSchema {
  const hit = compiled.get(schema);
  if (hit) return hit;
  let result: CompiledSchema;
  try {
    const draft = String((schema as { $schema?: unknown }).$schema ?? '');
    const Cls: AjvClass = /draft-0[467]/.test(draft) ? (AjvDraft7 as unknown as AjvClass) : /2019-09/.test(draft) ? (Ajv2019 as unknown as AjvClass) : Ajv2020;
    // strict: false — a house schema may carry annotations ajv does not know; they are harmless.
    // No loadSchema: a $ref that is not inside the schema fails instead of being fetched.
    // Patterns run on RE2 (linear time): a house schema's `pattern` cannot hang the checker.
    const ajv = new Cls({ allErrors: true, verbose: true, strict: false, validateFormats: true, unicodeRegExp: true, code: { regExp: safeRegExp as never } });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    // ajv-formats' `url` regex backtracks polynomially; a bounded URL parse says the same.
    ajv.addFormat('url', { type: 'string', validate: (s: string) => s.length <= 2048 && canParseUrl(s) });
    ajv.addKeyword({ keyword: 'x-trial-report', schemaType: 'object' });
    result = { ok: true, validate: ajv.compile(schema) };
  } catch (e) {
    result = { ok: false, message: firstLine((e as Error).message) };
  }
  compiled.set(schema, result);
  return result;
}

// The WHATWG URL parser exists in every host the core runs in (Node, VS Code, browsers); the
// core's tsconfig has no ambient host types, so it is declared here.
declare const URL: new (input: string) => object;

/** `URL.canParse` without needing Node 19.9+: the WHATWG parser is linear. */
function canParseUrl(s: string): boolean {
  try {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !!new URL(s);
  } catch {
    return false;
  }
}

/** Accepted names of each required section, from the schema's `x-trial-report` annotation. */
export function requiredSections(schema: object): string[][] {
  const ann = (schema as { 'x-trial-report'?: { requiredSections?: unknown } })['x-trial-report'];
  const req = ann?.requiredSections;
  if (!Array.isArray(req)) return DEFAULT_SECTIONS;
  return req
    .map((s) => (Array.isArray(s) ? s.filter((x): x is string => typeof x === 'string') : typeof s === 'string' ? [s] : []))
    .filter((s) => s.length > 0);
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).trim();
}

/** TR201 findings: each ajv error, at the YAML key or value it concerns, in a writer's words. */
export function schemaFindings(data: unknown, validate: ValidateFunction, fm: FrontMatterReader, fenceRange: Finding['range']): Finding[] {
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'then' && e.keyword !== 'else');
  // An `anyOf` failure says it once; the branches' own `required` errors would repeat it.
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && anyOfAt.has(e.instancePath) && e.schemaPath.includes('/anyOf/')) continue;
    const f = toFinding(e, fm, fenceRange);
    const key = `${f.range.start.line}:${f.range.start.column}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

function name(pointer: string): string {
  const segs = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segs.length === 0) return 'the front matter';
  const last = segs[segs.length - 1]!;
  if (/^\d+$/.test(last)) return `item ${Number(last) + 1} of \`${segs[segs.length - 2] ?? ''}\``;
  return `\`${last}\``;
}

const PATTERN_HINTS: Record<string, string> = {
  registration: 'a registry id such as NCT01234567, ISRCTN12345678, ChiCTR2000012345, ACTRN12345678901234, or a EudraCT/CTIS number',
  allocation: 'a ratio with one term per arm, such as "1:1" or "2:1:1"',
  id: 'a slug of letters, digits, ".", "_" or "-", such as il2-1.0',
  p: 'a number such as 0.03, or a bound such as "<0.001"',
};

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys',
  null: 'empty',
};

function toFinding(e: ErrorObject, fm: FrontMatterReader, fenceRange: Finding['range']): Finding {
  const path = e.instancePath;
  const valueRange = fm.range(path) ?? fenceRange;
  const keyOrValue = path === '' ? fenceRange : fm.anchor(path);
  const base = { ruleId: 'TR201', severity: 'error' as const };
  const p = e.params as Record<string, unknown>;
  const written = path === '' ? undefined : fm.source(path)?.trim();
  switch (e.keyword) {
    case 'required': {
      const missing = String(p['missingProperty']);
      return { ...base, range: keyOrValue, message: `${path === '' ? 'The front matter' : name(path)} is missing the required key \`${missing}\`.` };
    }
    case 'additionalProperty':
    case 'additionalProperties': {
      const extra = String(p['additionalProperty']);
      const child = `${path}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const allowed = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      // Never suggest a key the mapping already has: accepting it would duplicate that key.
      const present = e.data && typeof e.data === 'object' ? Object.keys(e.data as object) : [];
      const near = closest(extra, allowed.filter((k) => !present.includes(k)));
      const where = path === '' ? 'at the top level' : `in ${name(path)}`;
      const f: Finding = {
        ...base,
        range: fm.keyRange(child) ?? fm.anchor(child),
        message:
          `\`${extra}\` is not a known key ${where}.` +
          (near ? ` Did you mean \`${near}\`?` : allowed.length ? ` Allowed keys: ${allowed.join(', ')}${path === '' ? ', or any key starting with x-' : ''}.` : ''),
      };
      if (near) f.expected = [near];
      return f;
    }
    case 'type': {
      const t = String(p['type']).split(',').map((x) => TYPE_WORDS[x] ?? x);
      return { ...base, range: valueRange, message: `${name(path)} must be ${t.join(' or ')}${written !== undefined ? `, not ${written === '' ? 'empty' : written}` : ''}.` };
    }
    case 'enum': {
      const allowed = [...new Set(((p['allowedValues'] as unknown[]) ?? []).map(String))];
      return { ...base, range: valueRange, message: `${name(path)} must be one of ${allowed.join(', ')}.`, expected: allowed };
    }
    case 'const':
      return { ...base, range: valueRange, message: `${name(path)} must be ${JSON.stringify(p['allowedValue'])}.` };
    case 'pattern': {
      const key = path.split('/').pop() ?? '';
      const hint = PATTERN_HINTS[key] ?? `text matching ${String(p['pattern'])}`;
      return { ...base, range: valueRange, message: `${name(path)} must be ${hint}${written ? `, not ${written}` : ''}.` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' };
      return { ...base, range: valueRange, message: `${name(path)} must be ${words[e.keyword]} ${String(p['limit'])}${written ? `, not ${written}` : ''}.` };
    }
    case 'minItems':
    case 'maxItems': {
      const n = Number(p['limit']);
      const word = e.keyword === 'minItems' ? 'at least' : 'at most';
      return { ...base, range: keyOrValue, message: `${name(path)} must have ${word} ${n} ${n === 1 ? 'entry' : 'entries'}.` };
    }
    case 'minLength':
      return { ...base, range: valueRange, message: `${name(path)} must not be empty.` };
    case 'uniqueItems':
      return { ...base, range: valueRange, message: `${name(path)} lists the same value twice (items ${Number(p['j']) + 1} and ${Number(p['i']) + 1}).` };
    case 'dependentRequired':
      return { ...base, range: keyOrValue, message: `${name(path)} has \`${String(p['property'])}\` but not \`${String(p['missingProperty'])}\`; they go together.` };
    case 'anyOf':
      if (/\/results\/[^/]+$/.test(path)) {
        return { ...base, range: keyOrValue, message: `The result for ${name(path)} needs \`events\` (with \`n\`) or \`percent\`.` };
      }
      return { ...base, range: keyOrValue, message: `${name(path)} matches none of the allowed forms.` };
    case 'format':
      return { ...base, range: valueRange, message: `${name(path)} must be a valid ${String(p['format'])}.` };
    default:
      return { ...base, range: keyOrValue, message: `${name(path)} ${e.message ?? 'is invalid'}.` };
  }
}

/** The allowed key nearest a misspelt one (edit distance ≤ 2), for "Did you mean". */
function closest(word: string, options: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const o of options) {
    const d = distance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 3;
}
