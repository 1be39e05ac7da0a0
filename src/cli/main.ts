import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { analyzeDocument } from '../core/check.js';
import { BUNDLED_SCHEMA, compileSchema } from '../core/schema.js';
import type { CheckOptions } from '../core/types.js';
import { RC_FILE, readConfigFile, type TrialReportConfig } from '../host/config.js';
import { bundledEntry, makeLoadSchema, resolveSchemaPath, SchemaStore } from '../host/schema-source.js';
import { renderReport } from '../preview/render.js';
import previewCss from '../../media/preview.css';
import { expandTargets } from './files.js';
import { formatJson, formatSarif, formatText, type FileReport } from './format.js';
import { describeApplied, fixText, unifiedDiff } from './fix.js';
import { nodeIo, readText, UsageError, type CliIo } from './io.js';
import { describeFsError } from '../host/fs-errors.js';

export interface MainOptions {
  argv: string[];
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  io?: CliIo;
  version?: string;
  /**
   * Starts the language server on stdin/stdout (`lsp --stdio`); it outlives main(), which
   * returns 0 at once. The executable (bin.ts) passes it; without it `lsp` is a usage error.
   */
  serveLanguageServer?: () => void;
}

const USAGE = `Usage:
  trial-report check [--format text|json|sarif] [--schema FILE] [--config FILE] [--fix | --fix-dry-run] PATH|GLOB...
  trial-report render FILE [-o OUT.html]
  trial-report lsp --stdio

check   checks trial summaries (a directory means every trial summary below it).
        Exit 0: no errors; 1: at least one error finding; 2: the run itself failed.
        --fix applies every fixable finding's preferred fix and rewrites the file (atomically);
        --fix-dry-run prints the unified diff instead and writes nothing. The report is of the
        fixed text.
render  writes the reviewer-ready HTML report (to stdout without -o).
lsp     runs the language server (LSP 3.17) on stdin and stdout, for any LSP editor: diagnostics,
        quick fixes, fix-all, hovers and front-matter completion (docs/editors.md). A workspace's
        own schemas are loaded only when the client passes initializationOptions { "trusted": true }.

Without --config, .trialreportrc.json in the working directory is read if present.
`;

type Format = 'text' | 'json' | 'sarif';
const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];
type Command = 'check' | 'render' | 'lsp';

/**
 * The options, parsed by node:util's parseArgs (`--format json` and `--format=json` alike,
 * `--` ends them). A boolean flag is one line here (`fix: { type: 'boolean' }`), plus an entry in
 * ONLY_FOR if only one command takes it, plus its use in main().
 */
const OPTIONS = {
  format: { type: 'string' },
  schema: { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string', short: 'o' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  stdio: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

type OptionName = keyof typeof OPTIONS;

/** Options that only one command takes; the others refuse them. */
const ONLY_FOR: Partial<Record<OptionName, Command>> = { out: 'render', fix: 'check', 'fix-dry-run': 'check', stdio: 'lsp' };

/** How an option is written in a message: `-o/--out`, `--format`. */
function flag(name: OptionName): string {
  const short = (OPTIONS[name] as { short?: string }).short;
  return short ? `-${short}/--${name}` : `--${name}`;
}

interface Parsed {
  command: Command | 'help' | 'version';
  format: Format;
  /** The options as given (`--format` checked into `format`). */
  options: ReturnType<typeof parseOptions>['values'];
  paths: string[];
}

/** parseArgs's errors, in this CLI's words (one line, then the usage). */
function usageErrorOf(e: unknown): UsageError {
  const err = e as { code?: unknown; message?: unknown };
  const message = String(err.message ?? e);
  // "Unknown option '--fast'", "Option '-o, --out <value>' argument missing": the long name.
  const m = /'(-[^' ,<]+)(?:, (--[^' <]+))?/.exec(message);
  const typed = m?.[2] ?? m?.[1] ?? 'an option';
  const known = typed.slice(2);
  const name = typed.startsWith('--') && Object.hasOwn(OPTIONS, known) ? flag(known as OptionName) : typed;
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${name}\n\n${USAGE}`);
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(`${name} ${/does not take an argument/.test(message) ? 'takes no value' : 'needs a value'}\n\n${USAGE}`);
  }
  return new UsageError(`${(message.split('\n')[0] ?? message).replace(/^./, (c) => c.toLowerCase())}\n\n${USAGE}`);
}

/** parseArgs, strict: an unknown option or a missing value is a UsageError. */
function parseOptions(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (e) {
    if (String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_')) throw usageErrorOf(e);
    throw e;
  }
}

function parseArgv(argv: string[]): Parsed {
  const { values, positionals } = parseOptions(argv);
  const [cmd, ...paths] = positionals;
  const p: Parsed = { command: 'help', format: 'text', options: values, paths };
  if (values.help) return p;
  if (values.version) return { ...p, command: 'version' };
  if (cmd === undefined || cmd === 'help') return p;
  if (cmd !== 'check' && cmd !== 'render' && cmd !== 'lsp') throw new UsageError(`unknown command "${cmd}"\n\n${USAGE}`);
  p.command = cmd;
  for (const name of Object.keys(OPTIONS) as OptionName[]) {
    // parseArgs accepts `--schema=`; an empty path or format is a mistake all the same.
    if (values[name] === '') throw new UsageError(`${flag(name)} needs a value\n\n${USAGE}`);
    const only = ONLY_FOR[name];
    if (only && values[name] !== undefined && only !== cmd) throw new UsageError(`${flag(name)} is only for ${only}`);
  }
  if (cmd === 'lsp') {
    if (!values.stdio) throw new UsageError(`lsp needs --stdio (the only transport)\n\n${USAGE}`);
    if (paths.length) throw new UsageError('lsp takes no PATH');
    for (const name of ['format', 'schema', 'config'] as const) if (values[name] !== undefined) throw new UsageError(`${flag(name)} is not for lsp: the client sends its settings`);
    return p;
  }
  if (values.format !== undefined) {
    const f = FORMATS.find((x) => x === values.format);
    if (!f) throw new UsageError(`--format must be text, json or sarif, not "${values.format}"`);
    p.format = f;
  }
  if (paths.length === 0) throw new UsageError(`${cmd} needs at least one ${cmd === 'check' ? 'PATH or GLOB' : 'FILE'}\n\n${USAGE}`);
  if (cmd === 'render' && paths.length !== 1) throw new UsageError('render takes exactly one FILE');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  return p;
}

/** A loader sentence ("Cannot read the schema x: no such file or directory.") as a CLI line. */
function asLine(sentence: string): string {
  return sentence.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase()).replace(/\.$/, '');
}

/**
 * The schema named by `--schema` (relative to the working directory) or the config's `schema`
 * (relative to the config file), read and compiled now: a failure is exit 2, not a finding.
 */
function loadSchemaOption(ref: string, baseDir: string, store: SchemaStore): object {
  const resolved = resolveSchemaPath(ref, baseDir);
  if ('error' in resolved) throw new UsageError(asLine(resolved.error));
  const loaded = store.load(resolved.path, ref);
  if ('error' in loaded) throw new UsageError(asLine(loaded.error));
  const compiled = compileSchema(loaded.schema);
  if (!compiled.ok) throw new UsageError(`schema ${ref} is not a valid JSON Schema: ${compiled.message}`);
  return loaded.schema;
}

/** The configuration: `--config FILE`, else `.trialreportrc.json` in the working directory if present. */
function loadConfig(args: Parsed, io: CliIo): { config: TrialReportConfig; dir: string } {
  const cwd = io.cwd();
  let file: string;
  let shown: string;
  if (args.options.config !== undefined) {
    file = path.resolve(cwd, args.options.config);
    shown = args.options.config;
  } else {
    file = path.join(cwd, RC_FILE);
    shown = RC_FILE;
    try {
      if (!io.stat(file).isFile()) return { config: {}, dir: cwd };
    } catch {
      return { config: {}, dir: cwd };
    }
  }
  const read = readConfigFile(file, shown, io);
  if ('error' in read) throw new UsageError(read.error);
  return { config: read.config, dir: path.dirname(file) };
}

/** The CLI without a process: returns the exit code (docs/architecture.md, like markdownlint-cli2). */
export function main(opts: MainOptions): number {
  const io = opts.io ?? nodeIo;
  const version = opts.version ?? '0.0.0';
  let args: Parsed;
  try {
    args = parseArgv(opts.argv);
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

  if (args.command === 'lsp') {
    if (!opts.serveLanguageServer) {
      opts.stderr('trial-report: the language server runs only from the trial-report executable\n');
      return 2;
    }
    opts.serveLanguageServer();
    return 0;
  }

  let failed = false;
  const fail = (message: string): void => {
    failed = true;
    opts.stderr(`trial-report: ${message}\n`);
  };

  const base: CheckOptions = {};
  // One store for the run: a schema named by many documents is read and compiled once.
  const store = new SchemaStore(io);
  try {
    // Without --config, a `.trialreportrc.json` in the working directory applies (validated
    // against schemas/trialreportrc.schema.json, as VS Code validates the file).
    const { config, dir } = loadConfig(args, io);
    if (config.rules) base.rules = config.rules;
    if (config.reportUnlinked) base.reportUnlinked = true;
    if (config.rounding) base.rounding = config.rounding;
    if (args.options.schema !== undefined) base.schema = loadSchemaOption(args.options.schema, io.cwd(), store);
    else if (config.schema !== undefined) base.schema = loadSchemaOption(config.schema, dir, store);
  } catch (e) {
    if (e instanceof UsageError) {
      fail(e.message);
      return 2;
    }
    throw e;
  }

  const bundled = bundledEntry(BUNDLED_SCHEMA);
  // A document's own `$schema`, relative to it; the person running the CLI trusts what it reads.
  const optionsFor = (abs: string): CheckOptions => ({ ...base, fileName: abs, loadSchema: makeLoadSchema({ trusted: true, documentDir: path.dirname(abs), store, ...bundled }) });

  if (args.command === 'render') {
    const file = path.resolve(io.cwd(), args.paths[0]!);
    try {
      const text = readText(io, file);
      const analysis = analyzeDocument(text, optionsFor(file));
      const html = renderReport(analysis, { mode: 'standalone', inlineCss: previewCss, title: path.basename(file) });
      if (args.options.out) {
        const out = path.resolve(io.cwd(), args.options.out);
        try {
          io.writeFile(out, html);
        } catch (e) {
          fail(`cannot write ${args.options.out}: ${(e as Error).message}`);
          return 2;
        }
        opts.stderr(`trial-report: wrote ${args.options.out}\n`);
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
    const fixMode = args.options.fix ? 'write' : args.options['fix-dry-run'] ? 'dry-run' : undefined;
    if (fixMode) {
      const fixed = fixText(text, (x) => analyzeDocument(x, optionsFor(t.abs)).findings);
      if (fixed.text !== text) {
        const what = `${t.display}: ${describeApplied(fixed.applied)}`;
        // Findings stay alone on stdout in JSON and SARIF, so the summary and diff go to stderr there.
        const say = args.format === 'text' ? opts.stdout : opts.stderr;
        if (fixMode === 'dry-run') {
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
