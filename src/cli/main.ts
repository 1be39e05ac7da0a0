import * as path from 'node:path';
import { analyzeDocument } from '../core/check.js';
import { BUNDLED_SCHEMA, compileSchema } from '../core/schema.js';
import type { CheckOptions, Severity } from '../core/types.js';
import { renderReport } from '../preview/render.js';
import previewCss from '../../media/preview.css';
import { expandTargets } from './files.js';
import { formatJson, formatSarif, formatText, type FileReport } from './format.js';
import { describeApplied, fixText, unifiedDiff } from './fix.js';
import { describeFsError, nodeIo, readText, UsageError, type CliIo } from './io.js';

export interface MainOptions {
  argv: string[];
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  io?: CliIo;
  version?: string;
}

const USAGE = `Usage:
  trial-report check [--format text|json|sarif] [--schema FILE] [--config FILE] [--fix | --fix-dry-run] PATH|GLOB...
  trial-report render FILE [-o OUT.html]

check   checks trial summaries (a directory means every trial summary below it).
        Exit 0: no errors; 1: at least one error finding; 2: the run itself failed.
        --fix applies every fixable finding's preferred fix and rewrites the file (atomically);
        --fix-dry-run prints the unified diff instead and writes nothing. The report is of the
        fixed text.
render  writes the reviewer-ready HTML report (to stdout without -o).

Without --config, .trialreportrc.json in the working directory is read if present.
`;

type Format = 'text' | 'json' | 'sarif';

interface Parsed {
  command: 'check' | 'render' | 'help' | 'version';
  format: Format;
  schema?: string;
  config?: string;
  out?: string;
  fix?: 'write' | 'dry-run';
  paths: string[];
}

function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { command: 'help', format: 'text', paths: [] };
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '-h' || cmd === '--help' || cmd === 'help') return p;
  if (cmd === '-v' || cmd === '--version') return { ...p, command: 'version' };
  if (cmd !== 'check' && cmd !== 'render') throw new UsageError(`unknown command "${cmd}"\n\n${USAGE}`);
  p.command = cmd;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value\n\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${f}"`);
        p.format = f;
        break;
      }
      case '--schema':
        p.schema = value();
        break;
      case '--config':
        p.config = value();
        break;
      case '-o':
      case '--out':
        p.out = value();
        break;
      case '--fix':
      case '--fix-dry-run': {
        const mode = flag === '--fix' ? 'write' : 'dry-run';
        if (p.fix && p.fix !== mode) throw new UsageError('--fix and --fix-dry-run cannot be used together');
        p.fix = mode;
        break;
      }
      case '-h':
      case '--help':
        return { ...p, command: 'help' };
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}\n\n${USAGE}`);
        p.paths.push(a);
    }
  }
  if (p.paths.length === 0) throw new UsageError(`${cmd} needs at least one ${cmd === 'check' ? 'PATH or GLOB' : 'FILE'}\n\n${USAGE}`);
  if (p.command === 'render' && p.paths.length !== 1) throw new UsageError('render takes exactly one FILE');
  if (p.command === 'check' && p.out) throw new UsageError('-o is only for render');
  if (p.command === 'render' && p.fix) throw new UsageError('--fix and --fix-dry-run are only for check');
  return p;
}

/** Reads and compiles a schema file named on the command line or in the config: a failure is exit 2. */
function loadSchemaFile(file: string, io: CliIo): object {
  const text = readText(io, file);
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`schema ${file} is not JSON: ${(e as Error).message}`);
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new UsageError(`schema ${file} is not a JSON Schema object`);
  const compiled = compileSchema(schema);
  if (!compiled.ok) throw new UsageError(`schema ${file} is not a valid JSON Schema: ${compiled.message}`);
  return schema;
}

interface Config {
  rules?: Record<string, Severity | 'off'>;
  schema?: string;
  reportUnlinked?: boolean;
  rounding?: 'charitable' | 'half-up' | 'half-even';
}

const SEVERITIES = ['error', 'warning', 'info', 'off'];

function loadConfig(file: string, io: CliIo): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(io, file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`config ${file} is not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`config ${file} must be a JSON object`);
  const cfg: Config = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === '$schema') continue;
    if (k === 'rules') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError(`config ${file}: "rules" must map rule ids to error, warning, info or off`);
      for (const [id, sev] of Object.entries(v)) {
        if (!/^TR\d{3}$/.test(id)) throw new UsageError(`config ${file}: "${id}" is not a rule id (TR101, …)`);
        if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) throw new UsageError(`config ${file}: rule ${id} must be error, warning, info or off`);
      }
      cfg.rules = v as Config['rules'] & object;
    } else if (k === 'schema') {
      if (typeof v !== 'string') throw new UsageError(`config ${file}: "schema" must be a path`);
      cfg.schema = path.resolve(path.dirname(file), v);
    } else if (k === 'rounding') {
      if (v !== 'charitable' && v !== 'half-up' && v !== 'half-even') throw new UsageError(`config ${file}: "rounding" must be charitable, half-up or half-even`);
      cfg.rounding = v;
    } else if (k === 'reportUnlinked') {
      if (typeof v !== 'boolean') throw new UsageError(`config ${file}: "reportUnlinked" must be true or false`);
      cfg.reportUnlinked = v;
    } else {
      throw new UsageError(`config ${file}: unknown key "${k}" (allowed: rules, schema, rounding, reportUnlinked)`);
    }
  }
  return cfg;
}

/** The name of the configuration file read from the working directory when --config is absent. */
export const RC_FILE = '.trialreportrc.json';

function findRcFile(io: CliIo): string | undefined {
  const p = path.join(io.cwd(), RC_FILE);
  try {
    return io.stat(p).isFile() ? p : undefined;
  } catch {
    return undefined;
  }
}

/** A `$schema` named in a document, read relative to it. Problems become TR203 findings. */
function documentSchemaLoader(docPath: string, io: CliIo, cache: Map<string, ReturnType<NonNullable<CheckOptions['loadSchema']>>>): NonNullable<CheckOptions['loadSchema']> {
  return (ref) => {
    // The bundled schema's own $id names the bundled schema: nothing to read (as in the editor).
    if (ref === (BUNDLED_SCHEMA as { $id?: string }).$id) return { schema: BUNDLED_SCHEMA };
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^file:/i.test(ref)) {
      return { error: `The schema ${ref} is not local; trial-report never fetches schemas. Save it beside the document and name the file.` };
    }
    const abs = path.resolve(path.dirname(docPath), ref.replace(/^file:\/\//i, ''));
    const hit = cache.get(abs);
    if (hit) return hit;
    let result: ReturnType<NonNullable<CheckOptions['loadSchema']>>;
    try {
      const text = readText(io, abs);
      try {
        const schema: unknown = JSON.parse(text);
        result = typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? { schema } : { error: `The schema ${ref} is not a JSON object.` };
      } catch (e) {
        result = { error: `The schema ${ref} is not JSON: ${(e as Error).message}.` };
      }
    } catch (e) {
      result = { error: `Cannot read the schema ${ref}: ${(e as Error).message.replace(/^cannot read [^:]*: /, '')}.` };
    }
    cache.set(abs, result);
    return result;
  };
}

/** The CLI without a process: returns the exit code (docs/architecture.md, like markdownlint-cli2). */
export function main(opts: MainOptions): number {
  const io = opts.io ?? nodeIo;
  const version = opts.version ?? '0.0.0';
  let args: Parsed;
  try {
    args = parseArgs(opts.argv);
  } catch (e) {
    if (e instanceof UsageError) {
      opts.stderr(`trial-report: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.command === 'help') {
    opts.stdout(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    opts.stdout(`${version}\n`);
    return 0;
  }

  let failed = false;
  const fail = (message: string): void => {
    failed = true;
    opts.stderr(`trial-report: ${message}\n`);
  };

  const base: CheckOptions = {};
  try {
    // Without --config, a `.trialreportrc.json` in the working directory applies (the same file
    // VS Code validates with schemas/trialreportrc.schema.json).
    const configPath = args.config ? path.resolve(io.cwd(), args.config) : findRcFile(io);
    const config = configPath ? loadConfig(configPath, io) : {};
    if (config.rules) base.rules = config.rules;
    if (config.reportUnlinked) base.reportUnlinked = true;
    if (config.rounding) base.rounding = config.rounding;
    const schemaPath = args.schema ? path.resolve(io.cwd(), args.schema) : config.schema;
    if (schemaPath) base.schema = loadSchemaFile(schemaPath, io);
  } catch (e) {
    if (e instanceof UsageError) {
      fail(e.message);
      return 2;
    }
    throw e;
  }

  const schemaCache = new Map<string, ReturnType<NonNullable<CheckOptions['loadSchema']>>>();
  const optionsFor = (abs: string): CheckOptions => ({ ...base, fileName: abs, loadSchema: documentSchemaLoader(abs, io, schemaCache) });

  if (args.command === 'render') {
    const file = path.resolve(io.cwd(), args.paths[0]!);
    try {
      const text = readText(io, file);
      const analysis = analyzeDocument(text, optionsFor(file));
      const html = renderReport(analysis, { mode: 'standalone', inlineCss: previewCss, title: path.basename(file) });
      if (args.out) {
        const out = path.resolve(io.cwd(), args.out);
        try {
          io.writeFile(out, html);
        } catch (e) {
          fail(`cannot write ${args.out}: ${(e as Error).message}`);
          return 2;
        }
        opts.stderr(`trial-report: wrote ${args.out}\n`);
      } else {
        opts.stdout(html);
      }
      return 0;
    } catch (e) {
      if (e instanceof UsageError) {
        fail(e.message);
        return 2;
      }
      throw e;
    }
  }

  const { targets, errors } = expandTargets(args.paths, io);
  for (const e of errors) fail(e);
  const reports: FileReport[] = [];
  for (const t of targets) {
    let text: string;
    try {
      text = readText(io, t.abs);
    } catch (e) {
      if (e instanceof UsageError) {
        fail(e.message.replace(t.abs, t.display));
        continue;
      }
      throw e;
    }
    if (args.fix) {
      const fixed = fixText(text, (x) => analyzeDocument(x, optionsFor(t.abs)).findings);
      if (fixed.text !== text) {
        const what = `${t.display}: ${describeApplied(fixed.applied)}`;
        // Findings stay alone on stdout in JSON and SARIF, so the summary and diff go to stderr there.
        const say = args.format === 'text' ? opts.stdout : opts.stderr;
        if (args.fix === 'dry-run') {
          say(unifiedDiff(t.display, text, fixed.text));
          say(`would fix ${what}\n`);
        } else {
          try {
            io.writeFileAtomic(t.abs, withBom(io, t.abs, fixed.text));
          } catch (e) {
            fail(`cannot write ${t.display}: ${describeFsError(e)}`);
            continue;
          }
          say(`fixed ${what}\n`);
        }
        text = fixed.text;
      }
    }
    const started = performance.now();
    const result = analyzeDocument(text, optionsFor(t.abs));
    const ms = performance.now() - started;
    if (text.length > 1_000_000) opts.stderr(`trial-report: checked ${t.display} (${(text.length / 1e6).toFixed(1)} MB) in ${ms.toFixed(0)} ms\n`);
    reports.push({ path: t.display, findings: result.findings, suppressions: result.suppressions, ms });
  }
  const output = args.format === 'json' ? formatJson(reports) : args.format === 'sarif' ? formatSarif(reports, version) : formatText(reports);
  opts.stdout(output);
  if (failed) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** The text to write back, with the byte-order mark the file had (reading drops it). */
function withBom(io: CliIo, file: string, text: string): string {
  const b = io.readFile(file);
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? `\ufeff${text}` : text;
}
