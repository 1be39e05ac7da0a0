// Hovers and front-matter completion: the extension's own (extension/assist.ts, pure), with
// positions converted and the results wrapped as LSP values.
import { type CompletionItem, CompletionItemKind, type Hover, MarkupKind, type Position } from 'vscode-languageserver/node';
import { completionsAt, hoverAt } from '../extension/assist.js';
import { toCorePosition, toEditorRange } from '../extension/convert.js';
import type { Checked } from './document-checks.js';
import { lspRange } from './protocol-convert.js';

export function hover(checked: Checked, position: Position): Hover | null {
  const h = hoverAt({ model: checked.analysis.model, findings: checked.analysis.findings, schema: checked.schema.schema }, toCorePosition(position));
  if (!h) return null;
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: lspRange(toEditorRange(h.range, checked.lines)) };
}

/** The word the cursor is in or after (VS Code's `getWordRangeAtPosition` with the extension's pattern). */
export function wordAt(line: string, character: number): { start: number; end: number } | undefined {
  const re = /[\w$.\-/]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index <= character && character <= m.index + m[0].length) return { start: m.index, end: m.index + m[0].length };
    if (m.index > character) break;
  }
  return undefined;
}

const KIND = { key: CompletionItemKind.Property, value: CompletionItemKind.EnumMember, arm: CompletionItemKind.Reference, endpoint: CompletionItemKind.Reference } as const;

export function completion(checked: Checked, position: Position): CompletionItem[] {
  const entries = completionsAt(checked.text, toCorePosition(position), checked.schema.schema, checked.analysis.model);
  if (!entries) return [];
  const line = checked.lines.lineAt(position.line).text;
  const word = position.line < checked.lines.lineCount ? wordAt(line, position.character) : undefined;
  return entries.map((e) => ({
    label: e.label,
    kind: KIND[e.kind],
    ...(word
      ? { textEdit: { range: { start: { line: position.line, character: word.start }, end: { line: position.line, character: word.end } }, newText: e.insertText }, filterText: e.label }
      : { insertText: e.insertText }),
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.documentation ? { documentation: { kind: MarkupKind.Markdown, value: e.documentation } } : {}),
  }));
}
