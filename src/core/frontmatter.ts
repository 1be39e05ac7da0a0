import { parseDocument, isMap, isSeq, isScalar, isPair, type Node as YamlNode, type Document } from 'yaml';
import type { LineIndex } from './lines.js';
import { readPlainYaml } from './yaml-plain.js';
import type { Finding, Range } from './types.js';
import type { NodeSpan } from './node-span.js';

export type { NodeSpan };

export interface ParsedFrontMatter {
  data?: unknown;
  spans: Map<string, NodeSpan>;
  errors: Finding[];
}

const MAX_DEPTH = 200;

/** Deepest nesting of flow collections, or of block indentation (two spaces a level). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart && (c === 32 || c === 45)) {
      indent++;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      max = Math.max(max, indent >> 1);
    }
    if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The front matter's data, the span of every value, and its syntax errors. `plain: false` skips
 * the plain-subset reader (yaml-plain.ts), for tests that compare the two.
 */
export function parseFrontMatter(yamlText: string, offset: number, lines: LineIndex, options: { plain?: boolean } = {}): ParsedFrontMatter {
  const spans = new Map<string, NodeSpan>();
  const errors: Finding[] = [];
  // The YAML parser recurses per level: refuse absurd nesting before it can overflow the stack
  // (which would also make the outcome depend on how much stack happened to be left).
  if (nestingDepth(yamlText) > MAX_DEPTH) {
    errors.push(syntaxFinding(`the front matter is nested more than ${MAX_DEPTH} levels deep`, offset, offset + Math.min(3, yamlText.length), lines));
    return { spans, errors };
  }
  // Most front matter is plain YAML, read in a fraction of the full parser's time with the same result.
  const plain = options.plain === false ? undefined : readPlainYaml(yamlText, offset);
  if (plain) return { data: plain.data, spans: plain.spans, errors };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error' });
  } catch (e) {
    errors.push(syntaxFinding(e instanceof RangeError ? 'the front matter is nested too deeply to read' : String((e as Error).message), offset, offset + 1, lines));
    return { spans, errors };
  }
  const first = doc.errors[0];
  if (first) {
    const [s, e] = first.pos;
    errors.push(syntaxFinding(first.message, offset + s, offset + Math.max(e, s + 1), lines, first.code));
    return { spans, errors };
  }
  let data: unknown;
  try {
    // maxAliasCount bounds alias expansion (the "billion laughs" document).
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = e instanceof RangeError ? 'the front matter is nested too deeply to read' : String((e as Error).message);
    errors.push(syntaxFinding(message, offset, offset + Math.min(3, yamlText.length), lines));
    return { spans, errors };
  }
  if (doc.contents) walk(doc.contents as YamlNode, '', offset, spans);
  return { data, spans, errors };
}

function walk(node: YamlNode, pointer: string, offset: number, spans: Map<string, NodeSpan>, key?: YamlNode): void {
  const r = node.range;
  const span: NodeSpan = { start: offset + (r?.[0] ?? 0), end: offset + (r?.[1] ?? 0), scalar: isScalar(node) };
  if (key?.range) {
    span.keyStart = offset + key.range[0];
    span.keyEnd = offset + key.range[1];
  }
  spans.set(pointer, span);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YamlNode | null;
      const name = isScalar(k) ? String(k.value) : String(k);
      const child = pointer + '/' + pointerSegment(name);
      if (pair.value && typeof pair.value === 'object' && 'range' in pair.value) {
        walk(pair.value as YamlNode, child, offset, spans, k ?? undefined);
      } else if (k?.range) {
        // `key:` with no value: the value is null and sits at the end of the key.
        spans.set(child, { keyStart: offset + k.range[0], keyEnd: offset + k.range[1], start: offset + k.range[1], end: offset + k.range[1], scalar: true });
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (item && typeof item === 'object' && 'range' in item) walk(item as YamlNode, `${pointer}/${i}`, offset, spans);
    });
  }
}

/** TR202, with a hint for the commonest cause: an unquoted `: ` inside a value. */
function syntaxFinding(rawMessage: string, start: number, end: number, lines: LineIndex, code?: string): Finding {
  const message = rawMessage.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  const range = lines.range(start, end);
  const lineText = lineAt(lines, range.start.line);
  const colon = unquotedColon(lineText);
  const finding: Finding = {
    ruleId: 'TR202',
    severity: 'error',
    message: `Front matter is not valid YAML: ${message}.`,
    range,
  };
  if (colon && (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY' || /mapping|implicit/i.test(message))) {
    const value = colon[2]!;
    const quoted = `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    finding.message += ` The value contains ": ", which YAML reads as a nested key; put the value in quotes: ${quoted}.`;
    const from = lineText.indexOf(value, colon[1]!.length);
    const lineStart = lines.offset({ line: range.start.line, column: 1 });
    finding.range = lines.range(lineStart + from, lineStart + from + value.length);
    finding.expected = [quoted];
  }
  return finding;
}

/**
 * `key: value: more` on one line: the key and the unquoted value holding a second `: `.
 * String operations, not one regex, so a long line cannot make it backtrack.
 */
function unquotedColon(line: string): [string, string, string] | undefined {
  const key = /^\s*(?:-\s+)?[\w$-]+:[ \t]+/.exec(line);
  if (!key) return undefined;
  const head = key[0].replace(/:[ \t]+$/, '');
  const hash = line.indexOf(' #', key[0].length);
  const value = (hash < 0 ? line.slice(key[0].length) : line.slice(key[0].length, hash)).trimEnd();
  if (!value || /^['"]/.test(value) || !/:\s/.test(value)) return undefined;
  return [line, head, value];
}

function lineAt(lines: LineIndex, line: number): string {
  const r: Range = lines.lineRange(line);
  return lines.text.slice(lines.offset(r.start), lines.offset(r.end));
}
