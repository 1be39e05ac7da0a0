// `.trialreportrc.json` (and `--config FILE`), checked against the schema that ships with the
// extension (schemas/trialreportrc.schema.json, the one VS Code validates the file with), so the
// CLI, the editor and the file's own squiggles agree on what is valid. The extension checks its
// `trialReport.rules` entries with the same validator. The validator is ajv's standalone code,
// generated from the schema by esbuild.mjs: nothing is compiled at run time, and the extension's
// activation bundle carries no ajv.
import type { ErrorObject } from 'ajv';
import configSchema from '../../schemas/trialreportrc.schema.json';
import type { Rounding, Severity } from '../core/types.js';
import { describeFsError } from './fs-errors.js';
import validate from './generated/config-validator.js';

/** The configuration file read from the working directory (or workspace folder) when none is named. */
export const RC_FILE = '.trialreportrc.json';

/** A rule's configured severity, or `off`. */
export type RuleSetting = Severity | 'off';

/** A valid configuration: the keys of schemas/trialreportrc.schema.json. */
export interface TrialReportConfig {
  $schema?: string;
  rules?: Record<string, RuleSetting>;
  /** As written: a path relative to the configuration file (resolve it with resolveSchemaPath). */
  schema?: string;
  rounding?: Rounding;
  reportUnlinked?: boolean;
}

// The type above and the schema name the same keys: a key added to one only is a compile error.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Holds<T extends true> = T;
export type ConfigKeysMatchSchema = Holds<SameKeys<Required<TrialReportConfig>, (typeof configSchema)['properties']>>;

export type ConfigRead = { config: TrialReportConfig } | { error: string };

/** Validates parsed JSON; `shown` names the file in the message (`.trialreportrc.json: "rules.TR302" must be one of …`). */
export function validateConfig(data: unknown, shown: string): ConfigRead {
  if (validate(data)) return { config: data as TrialReportConfig };
  return { error: `${shown}: ${describe(validate.errors?.[0], [])}` };
}

/** Parses and validates a configuration file's text (a leading BOM is allowed). */
export function parseConfig(text: string, shown: string): ConfigRead {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { error: `${shown} is not JSON: ${firstLine(e)}` };
  }
  return validateConfig(data, shown);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads, parses and validates a configuration file; `shown` is how the user named it. */
export function readConfigFile(file: string, shown: string, fs: { readFile(p: string): Uint8Array }): ConfigRead {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFile(file);
  } catch (e) {
    return { error: `cannot read ${shown}: ${describeFsError(e)}` };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { error: `${shown} is not valid UTF-8 text` };
  }
  return parseConfig(text, shown);
}

/**
 * Why `value` is not valid for the configuration key `key` (`rules`, `rounding`, …), as the
 * schema says, or undefined when it is. The extension checks its `trialReport.*` settings of the
 * same shape with it; the message names the setting (`"trialReport.rules.TR302" must be …`).
 */
export function settingProblem(key: keyof TrialReportConfig, value: unknown): string | undefined {
  return validate({ [key]: value }) ? undefined : describe(validate.errors?.[0], ['trialReport']);
}

// ---------------------------------------------------------------------------------------------
// ajv's error → one line naming the key.

function firstLine(e: unknown): string {
  const message = String((e as Error | undefined)?.message ?? e);
  return (message.split('\n')[0] ?? message).trim();
}

/** A JSON pointer's segments (`/rules/TR302` → `rules`, `TR302`); ajv's schema paths are also URI-encoded. */
function segments(pointer: string, uriEncoded = false): string[] {
  return pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((s) => (uriEncoded ? decodeURIComponent(s) : s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The part of the configuration schema at `schemaPath` (`#/properties/rules/…`), if it is an object. */
function schemaAt(segs: string[]): Record<string, unknown> | undefined {
  let node: unknown = configSchema;
  for (const s of segs) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

function named(keys: string[]): string {
  return keys.length === 0 ? 'the configuration' : `"${keys.join('.')}"`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a JSON object',
  array: 'a list',
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
  null: 'null',
};

/** Lists up to this many allowed keys in an "unknown key" message; more would not help. */
const MAX_LISTED_KEYS = 12;

function describe(e: ErrorObject | undefined, prefix: string[]): string {
  if (!e) return 'is not a valid configuration';
  const at = [...prefix, ...segments(e.instancePath)];
  const params = e.params as Record<string, unknown>;
  // A `propertyNames` failure: the key itself is wrong, not its value.
  if (e.propertyName !== undefined) {
    const rule = typeof params['pattern'] === 'string' ? ` (it must match ${params['pattern']})` : '';
    return `${named([...at, e.propertyName])} is not a valid key${rule}`;
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const parent = schemaAt(segments(e.schemaPath, true).slice(0, -1));
      const properties = parent?.['properties'];
      const allowed = properties && typeof properties === 'object' ? Object.keys(properties).filter((k) => !k.startsWith('$')) : [];
      const list = allowed.length > 0 && allowed.length <= MAX_LISTED_KEYS ? ` (allowed: ${allowed.join(', ')})` : '';
      return `unknown key ${named([...at, key])}${list}`;
    }
    case 'enum': {
      const values = Array.isArray(params['allowedValues']) ? params['allowedValues'] : [];
      return `${named(at)} must be one of ${values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`;
    }
    case 'const':
      return `${named(at)} must be ${JSON.stringify(params['allowedValue'])}`;
    case 'type': {
      const types = Array.isArray(params['type']) ? params['type'] : String(params['type']).split(',');
      return `${named(at)} must be ${types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ')}`;
    }
    case 'required':
      return `${named([...at, String(params['missingProperty'])])} is required`;
    default:
      return `${named(at)} ${e.message ?? 'is not valid'}`;
  }
}
