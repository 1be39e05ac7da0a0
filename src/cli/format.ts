import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_INFO } from '../core/rules/index.js';
import type { Finding, Suppression } from '../core/types.js';

export interface FileReport {
  path: string;
  findings: Finding[];
  suppressions: Suppression[];
  /** Milliseconds the check took, shown for large files. */
  ms?: number;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** `path:line:col  severity  TRxxx  message`, then suppressions and a summary line. */
export function formatText(files: FileReport[]): string {
  const lines: string[] = [];
  const count = { error: 0, warning: 0, info: 0 };
  let suppressed = 0;
  for (const f of files) {
    for (const x of f.findings) {
      count[x.severity]++;
      const where = `${f.path}:${x.range.start.line}:${x.range.start.column}`;
      lines.push(`${where}  ${x.severity.padEnd(7)}  ${x.ruleId}  ${x.message}`);
    }
    for (const s of f.suppressions) {
      suppressed++;
      lines.push(`${f.path}:${s.line}  suppressed  ${s.ruleId}  ${s.justification ? `-- ${s.justification}` : '(no justification)'}`);
    }
  }
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  const total = count.error + count.warning + count.info;
  lines.push(
    `${total === 0 ? 'No problems' : plural(total, 'problem')} (${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ${count.info} info) in ${plural(files.length, 'file')} checked` +
      (suppressed ? `; ${plural(suppressed, 'suppression')}` : '') +
      '.',
  );
  return lines.join('\n') + '\n';
}

export function formatJson(files: FileReport[]): string {
  return (
    JSON.stringify(
      {
        version: 1,
        files: files.map((f) => ({ path: f.path, findings: f.findings, suppressions: f.suppressions })),
      },
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0, one run, with the rule catalogue in the driver. */
export function formatSarif(files: FileReport[], version: string): string {
  const region = (r: Finding['range']): object => ({ startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column });
  // A URI reference, as SARIF requires: each path segment percent-encoded; absolute paths as file URLs.
  const uri = (p: string): string => (path.isAbsolute(p) ? pathToFileURL(p).href : p.split(/[\\/]/).map(encodeURIComponent).join('/'));
  const ruleIndex = new Map(RULE_INFO.map((r, i) => [r.id, i]));
  const results = files.flatMap((f) =>
    [...f.findings]
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
      .map((x) => {
        const loc = { physicalLocation: { artifactLocation: { uri: uri(f.path) }, region: region(x.range) } };
        return {
          ruleId: x.ruleId,
          ...(ruleIndex.has(x.ruleId) ? { ruleIndex: ruleIndex.get(x.ruleId) } : {}),
          level: SARIF_LEVEL[x.severity],
          message: { text: x.message },
          locations: [loc],
          ...(x.related?.length
            ? { relatedLocations: x.related.map((r, i) => ({ id: i, message: { text: r.message }, physicalLocation: { artifactLocation: { uri: uri(f.path) }, region: region(r.range) } })) }
            : {}),
          // The same edits as the editor's quick fixes and `check --fix`, the preferred one first.
          ...(x.fixes?.length
            ? {
                fixes: x.fixes.map((fix) => ({
                  description: { text: fix.title },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: uri(f.path) },
                      replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                    },
                  ],
                })),
              }
            : {}),
        };
      }),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trial-report',
            version,
            informationUri: 'https://www.npmjs.com/package/trial-report',
            rules: RULE_INFO.map((r) => ({
              id: r.id,
              name: r.alias,
              shortDescription: { text: r.description },
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
