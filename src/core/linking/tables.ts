// Table layouts (docs/linking.md): arms as columns ("Placebo (n=38)" headers) or as rows
// (the first cell names the arm), `n (%)` and `n/N (%)` labels, and an n column. Links made by a
// table's layout are explicit.
import type { LineIndex } from '../lines.js';
import { extractMentions, statisticCell, statisticColumn, type RawMention } from '../mentions.js';
import type { Mention, MentionLink, ProseComparison, Table, WrittenNumber } from '../types.js';
import { toMention, written } from './emit.js';
import { distinct, findNames, type Name } from './names.js';

const N_HEADER = /^\s*(?:n|no\.?|number|patients|participants|n randomi[sz]ed|randomi[sz]ed)\s*$/i;
/** "9 (23.7)", "9/38 (23.7)" in a column or row whose label says the cells are n (%). */
const CELL_COUNT_SHARE = /^\s*(\d{1,7})(?:\s{0,3}\/\s{0,3}(\d{1,7}))?\s{0,3}[([]\s{0,3}(\d{1,3}(?:\.\d{1,4})?)\s{0,3}(?:%\s{0,3})?[)\]]\s*$/;
const CELL_NUMBER = /^\s*(\d{1,7}(?:\.\d{1,4})?)\s*(?:%\s*)?$/;

const armOf = (hits: ReturnType<typeof findNames>): string | undefined => {
  const arms = distinct(hits, 'arm');
  return arms.length === 1 ? arms[0] : undefined;
};

function cellShare(text: string, percentLabel: string | undefined): RawMention[] {
  const cs = CELL_COUNT_SHARE.exec(text);
  if (cs) {
    const num = (v: string, from: number) => {
      const start = text.indexOf(v, from);
      return { value: Number(v), text: v, decimals: (v.split('.')[1] ?? '').length, start, end: start + v.length };
    };
    const events = num(cs[1]!, cs.index);
    const total = cs[2] ? num(cs[2], events.end) : undefined;
    const share = num(cs[3]!, (total ?? events).end);
    return [{ kind: 'share', start: cs.index, end: cs.index + cs[0].length, events, share, ...(total ? { total } : {}) }];
  }
  const cn = CELL_NUMBER.exec(text);
  if (cn && /\(%\)|%\s*$|^%|share|percent/i.test(percentLabel ?? '')) {
    const v = cn[1]!;
    const vs = cn[0].indexOf(v);
    return [{ kind: 'share', start: vs, end: vs + v.length, share: { value: Number(v), text: v, decimals: (v.split('.')[1] ?? '').length, start: vs, end: vs + v.length } }];
  }
  return [];
}

/** What a column header says beyond its arm, its n and "n (%)": "grade 3", "week 12", "women". */
function isQualified(text: string, hits: ReturnType<typeof findNames>): boolean {
  let rest = text;
  for (const h of [...hits].sort((a, b) => b.start - a.start)) rest = rest.slice(0, h.start) + ' ' + rest.slice(h.end);
  rest = rest
    .replace(/\b[nN]\s{0,3}=\s{0,3}[\d,\u2009\u202f]{1,12}/g, ' ')
    .replace(/\b[nN](?:\s{0,3}\/\s{0,3}N)?\b/g, ' ')
    .replace(/\b(?:groups?|arms?|any\s+grade|all\s+grades|total|overall|patients|participants|no\.?)\b|%|[^\p{L}\p{N}]/giu, ' ');
  return /[\p{L}\p{N}]/u.test(rest);
}

export function tableMentions(lines: LineIndex, names: Name[], table: Table, out: Mention[], comparisons: ProseComparison[]): void {
  const header = table.header.map((cell) => {
    const hits = findNames(cell.text, names);
    const raws = extractMentions(cell.text, hits.map((h) => [h.start, h.end]));
    const n = raws.find((r) => r.kind === 'sample-size' && r.role === 'group');
    return {
      cell,
      hits,
      arm: armOf(hits),
      n: n?.total ? written(lines, cell, 0, n.total) : undefined,
      nRaw: n,
      percent: /%|per ?cent/i.test(cell.text),
      nColumn: N_HEADER.test(cell.text.replace(/\([^()]*\)/g, '')),
    };
  });
  // An arm with several columns ("Palbociclib: any grade", "Palbociclib: grade 3") has columns
  // that qualify its numbers (a grade, a time point, a subgroup): only an unqualified one holds the
  // row's outcome itself.
  const columnsPerArm = new Map<string, number>();
  for (const h of header) if (h.arm) columnsPerArm.set(h.arm, (columnsPerArm.get(h.arm) ?? 0) + 1);
  const qualified = header.map((h) => !!h.arm && (columnsPerArm.get(h.arm) ?? 0) > 1 && isQualified(h.cell.text, h.hits));
  // A header such as "Placebo (n=38)" declares its column's denominator: check it like n=38.
  for (const h of header) {
    if (h.nRaw && h.arm) out.push(toMention(lines, h.cell, 0, h.nRaw, 'table', -1, h.cell.text, { armId: h.arm, via: 'table column' }, false));
  }
  const nCol = header.findIndex((h) => h.nColumn);
  // Columns holding an effect with its CI ("HR (95% CI)") or a p value ("P-value"): each row is then
  // a comparison of the arms the header names, for the row's outcome.
  const statistic = header.map((h) => (h.arm ? undefined : statisticColumn(h.cell.text)));
  const headerArms = [...new Set(header.map((h) => h.arm).filter((a): a is string => !!a))];
  for (const row of table.rows) {
    const first = row[0];
    const rowHits = first ? findNames(first.text, names) : [];
    const rowArm = armOf(rowHits);
    const rowPercent = !!first && /%|per ?cent/i.test(first.text);
    const nCell = nCol >= 0 ? row[nCol] : undefined;
    const nMatch = nCell ? /^\s*(\d{1,7})\s*$/.exec(nCell.text) : null;
    let rowN: WrittenNumber | undefined;
    if (nCell && nMatch) {
      const start = nMatch.index + nMatch[0].indexOf(nMatch[1]!);
      rowN = written(lines, nCell, 0, { value: Number(nMatch[1]), text: nMatch[1]!, decimals: 0, start, end: start + nMatch[1]!.length });
    }
    const rowEp = distinct(rowHits, 'endpoint');
    const rowAe = distinct(rowHits, 'ae');
    let comparison: ProseComparison | undefined;
    row.forEach((cell, j) => {
      const stat = statistic[j];
      if (stat && j > 0) {
        const outcome: MentionLink = rowEp.length + rowAe.length === 1 ? (rowEp[0] ? { endpointId: rowEp[0] } : { adverseEvent: Number(rowAe[0]) }) : {};
        for (const raw of statisticCell(cell.text, stat)) {
          const m = toMention(lines, cell, 0, raw, 'table', -1, cell.text, { ...outcome, ...(outcome.endpointId !== undefined || outcome.adverseEvent !== undefined ? { via: 'table row' } : {}) }, false);
          out.push(m);
          comparison ??= { sentence: -1, armIds: headerArms, ...(outcome.endpointId !== undefined ? { endpointId: outcome.endpointId } : {}) };
          if (m.kind === 'effect') comparison.effect = m;
          else if (m.kind === 'interval') comparison.interval = m;
          else if (m.kind === 'p') comparison.p = m;
        }
        return;
      }
      if (j === 0 && row.length > 1) return;
      const h = header[j];
      const armId = h?.arm ?? rowArm;
      const link: MentionLink = {};
      if (armId) {
        link.armId = armId;
        link.via = h?.arm ? 'table column' : 'table row';
      }
      // The row's own outcome first; else the column header's; none under a qualified column.
      const ep = rowEp.length || rowAe.length ? rowEp : distinct(h?.hits ?? [], 'endpoint');
      const ae = rowEp.length || rowAe.length ? rowAe : distinct(h?.hits ?? [], 'ae');
      if (ep.length + ae.length === 1 && !qualified[j]) {
        if (ep[0]) link.endpointId = ep[0];
        else link.adverseEvent = Number(ae[0]);
      }
      const total = h?.n ?? rowN;
      if (j === nCol) {
        if (rowN && rowArm) out.push({ kind: 'sample-size', range: rowN.range, text: rowN.text, where: 'table', sentence: -1, total: rowN, role: 'group', link: { armId: rowArm, via: 'table row' } });
        return;
      }
      const percentHint = !!h?.percent || rowPercent;
      const cellHits = findNames(cell.text, names);
      // A cell of an n (%) column is read as such: "9/38 (23.7)" is a count with its share.
      const asShare = percentHint ? cellShare(cell.text, h?.percent ? h.cell.text : first?.text) : [];
      const raws = asShare.length ? asShare : extractMentions(cell.text, cellHits.map((x) => [x.start, x.end]));
      for (const raw of raws) {
        const m = toMention(lines, cell, 0, raw, 'table', -1, cell.text, link, false);
        if (!m.total && total && (m.kind === 'share' || m.kind === 'count')) {
          m.total = total;
          m.totalFromContext = true;
        }
        out.push(m);
      }
    });
    if (comparison) comparisons.push(comparison);
  }
}
