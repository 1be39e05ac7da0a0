// Suppression comments (docs/format.md, "Suppressing a finding"):
//   <!-- trial-report-disable-next-line TR104 TR105 -- justification -->
//   <!-- trial-report-disable TR104 -- justification --> … <!-- trial-report-enable TR104 -->
import type { HtmlComment } from './parse.js';
import type { LineIndex } from './lines.js';
import type { Finding, Suppression } from './types.js';

interface Directive {
  kind: 'next-line' | 'disable' | 'enable';
  /** Empty means every rule. */
  ids: string[];
  justification: string;
  line: number;
  endLine: number;
  finding: Finding['range'];
}

const DIRECTIVE = /^\s*trial-report-(disable-next-line|disable|enable)\b([^]*)$/;

function parseDirectives(comments: HtmlComment[], lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.body);
    if (!m) continue;
    const rest = m[2] ?? '';
    const sep = rest.indexOf('--');
    const idsText = sep < 0 ? rest : rest.slice(0, sep);
    const range = lines.range(c.start, c.end);
    out.push({
      kind: m[1] === 'disable-next-line' ? 'next-line' : (m[1] as 'disable' | 'enable'),
      ids: idsText.split(/[\s,]+/).filter((x) => /^TR\d{3}$/i.test(x)).map((x) => x.toUpperCase()),
      justification: sep < 0 ? '' : rest.slice(sep + 2).trim(),
      line: range.start.line,
      endLine: range.end.line,
      finding: range,
    });
  }
  return out;
}

export interface SuppressionResult {
  kept: Finding[];
  suppressions: Suppression[];
}

/** Drops suppressed findings, lists every suppression for audit, and flags unjustified ones (TR901). */
export function applySuppressions(findings: Finding[], comments: HtmlComment[], lines: LineIndex): SuppressionResult {
  const directives = parseDirectives(comments, lines);
  if (directives.length === 0) return { kept: findings, suppressions: [] };
  const covers = (d: Directive, f: Finding): boolean => d.ids.length === 0 || d.ids.includes(f.ruleId);
  const suppressed = (f: Finding): boolean => {
    const line = f.range.start.line;
    // Open disable blocks at this line, per rule id ('*' for all).
    const open = new Map<string, boolean>();
    for (const d of directives) {
      if (d.kind === 'next-line') {
        if (line === d.endLine + 1 && covers(d, f)) return true;
        continue;
      }
      if (d.line > line) break;
      for (const id of d.ids.length ? d.ids : ['*']) open.set(id, d.kind === 'disable');
    }
    return open.get(f.ruleId) === true || (open.get('*') === true && open.get(f.ruleId) !== false);
  };
  const kept = findings.filter((f) => f.ruleId === 'TR901' || !suppressed(f));
  const suppressions: Suppression[] = [];
  for (const d of directives) {
    if (d.kind === 'enable') continue;
    suppressions.push({ ruleId: d.ids.join(' ') || '*', line: d.line, justification: d.justification });
    if (!d.justification) {
      kept.push({
        ruleId: 'TR901',
        severity: 'warning',
        message: `This suppression has no justification; say why after "--", e.g. <!-- trial-report-${d.kind === 'next-line' ? 'disable-next-line' : 'disable'} ${d.ids.join(' ') || 'TR104'} -- adjusted estimate from the CMH model -->.`,
        range: d.finding,
      });
    }
  }
  return { kept, suppressions };
}
