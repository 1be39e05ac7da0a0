// A RegExp-like object backed by RE2 (re2js, a pure-JavaScript port of Google's RE2): matching
// takes time linear in the input whatever the pattern, so a `pattern` or `patternProperties` in a
// custom schema cannot hang the checker (`^(a+)+$` against "aaaa…!" is exponential in V8's
// backtracking engine and a few milliseconds here).
//
// Usable as ajv's `code.regExp` option: `new Ajv({ code: { regExp: safeRegExp } })`.
//
// JavaScript semantics are kept where the two engines differ in ways a schema would notice:
// - the pattern must first be a valid JavaScript pattern for the given flags (it is compiled, never
//   run, by `new RegExp`: compiling is linear);
// - `\s` and `\S` (outside a character class) and `.` (without the `s` flag) are rewritten to the
//   JavaScript character sets, which include Unicode spaces and `\r`, `\u2028`, `\u2029`;
// - `[]` (matches nothing) and `[^]` (matches any character) keep their JavaScript meaning.
// Features RE2 cannot run in linear time (backreferences, lookahead, lookbehind) are refused with
// a SyntaxError naming the pattern, so a schema that uses them is reported as invalid (TR203)
// rather than run unsafely. Known remaining differences: `\S` inside a character class and `$`
// with the `m` flag follow RE2 (ASCII whitespace, `\n` only); ajv never passes `m`.
import { RE2JS } from 're2js';

/** The part of RegExp that ajv (and most callers) use. */
export interface SafeRegExp {
  readonly source: string;
  readonly flags: string;
  /** True when the pattern matches somewhere in `input`, in time linear in its length. */
  test(input: string): boolean;
  /** Like RegExp#exec without `g`/`y`: the first match with its groups, or null. */
  exec(input: string): RegExpExecArray | null;
  toString(): string;
}

/** JavaScript's `\s`: ECMA-262 WhiteSpace and LineTerminator. */
const JS_SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
/** What `.` matches in JavaScript without the `s` flag. */
const JS_DOT = '[^\\n\\r\\u2028\\u2029]';

/** Rewrites the constructs whose meaning differs between JavaScript and RE2 (see above). */
function toRe2Syntax(pattern: string, dotAll: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if (!inClass && next === 's') out += `[${JS_SPACE}]`;
      else if (!inClass && next === 'S') out += `[^${JS_SPACE}]`;
      else if (inClass && next === 's') out += JS_SPACE;
      else out += c + next;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      if (pattern.startsWith('[]', i)) {
        out += '[^\\x{0}-\\x{10FFFF}]';
        i += 1;
        continue;
      }
      if (pattern.startsWith('[^]', i)) {
        out += '[\\x{0}-\\x{10FFFF}]';
        i += 2;
        continue;
      }
      inClass = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal in RE2 but closes the class in JavaScript;
      // both cases were handled above, so here it cannot occur.
      continue;
    }
    if (c === '.' && !dotAll) {
      out += JS_DOT;
      continue;
    }
    out += c;
  }
  return out;
}

function unsupported(pattern: string): string | undefined {
  // Checked on the JavaScript source, outside character classes, so the message names the
  // feature rather than RE2's own wording.
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<'))) return 'backreferences';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(' && pattern[i + 1] === '?') {
      const kind = pattern.slice(i + 2, i + 4);
      if (kind.startsWith('=') || kind.startsWith('!')) return 'lookahead';
      if (kind === '<=' || kind === '<!') return 'lookbehind';
    }
  }
  return undefined;
}

class Re2Backed implements SafeRegExp {
  readonly #re: RE2JS;

  constructor(
    readonly source: string,
    readonly flags: string,
  ) {
    // Valid JavaScript first (compiling a RegExp does not run it, and takes linear time).
    new RegExp(source, flags.replace(/[gyd]/g, ''));
    const feature = unsupported(source);
    if (feature) throw new SyntaxError(`Invalid regular expression: /${source}/${flags}: ${feature} are not supported (patterns run on a linear-time engine, RE2)`);
    let re2Flags = 0;
    if (flags.includes('i')) re2Flags |= RE2JS.CASE_INSENSITIVE;
    if (flags.includes('m')) re2Flags |= RE2JS.MULTILINE;
    if (flags.includes('s')) re2Flags |= RE2JS.DOTALL;
    try {
      this.#re = RE2JS.compile(RE2JS.translateRegExp(toRe2Syntax(source, flags.includes('s'))), re2Flags);
    } catch (e) {
      throw new SyntaxError(`Invalid regular expression: /${source}/${flags}: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  test(input: string): boolean {
    return this.#re.test(String(input));
  }

  exec(input: string): RegExpExecArray | null {
    return this.#re.exec(String(input)) as RegExpExecArray | null;
  }

  toString(): string {
    // ajv uses this as the cache key of a compiled pattern: it must differ between patterns.
    return `/${this.source}/${this.flags}`;
  }
}

/**
 * Creates a linear-time RegExp-like matcher; throws a SyntaxError for a pattern that is not valid
 * JavaScript or that needs backtracking (backreferences, lookaround). The `code` property is what
 * ajv writes into standalone validation code; the checker never generates standalone code.
 */
export const safeRegExp: { (pattern: string, flags?: string): SafeRegExp; code: string } = Object.assign((pattern: string, flags = ''): SafeRegExp => new Re2Backed(pattern, flags), {
  code: 'require("trial-report/safe-regexp").safeRegExp',
});
