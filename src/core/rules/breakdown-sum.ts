import type { LineIndex } from '../lines.js';
import { sourceSpan } from '../parse.js';
import type { Finding, Mention, Range, Table, TableCell, TrialModel } from '../types.js';
import type { Rule } from './rule.js';
import { append, maxOf } from '../arrays.js';

/**
 * TR107: categories of one breakdown that do not add up. Checked where a table says which rows
 * form the breakdown (the rows above a "Total" row), and in prose where a group's size is followed
 * by a bracket that splits it into complementary categories: "160 randomized patients (88 women,
 * 70 men)". Counts must sum to the total exactly; percentages to 100 within k·½·10^-d for k
 * categories rounded to d decimals.
 */
export const breakdownSum: Rule = {
  id: 'TR107',
  alias: 'breakdown-sum',
  defaultSeverity: 'warning',
  description: 'table categories above a Total row, and "160 patients (88 women, 70 men)", that do not add up',
  fixable: true,
  needsFrontMatter: false,
  run({ model, doc }) {
    const out: Finding[] = [];
    append(out, proseBreakdowns(model, doc.lines));
    if (!model.tables.length) return out;
    // Table mentions by line, so finding a cell's is not a scan of every mention per cell.
    const byLine = new Map<number, Mention[]>();
    for (const m of model.mentions) {
      if (m.where !== 'table') continue;
      const l = byLine.get(m.range.start.line);
      if (l) l.push(m);
      else byLine.set(m.range.start.line, [m]);
    }
    for (const table of model.tables) append(out, checkTable(table, byLine, doc.lines));
    return out;
  },
};

function checkTable(table: Table, byLine: ReadonlyMap<number, Mention[]>, lines: LineIndex): Finding[] {
  // "Total", "All patients", "Overall (n = 120)"; not "All-cause hospitalization".
  const totalRow = table.rows.findIndex((r) => /^(?:total|all|overall)(?![-\w])(?: {1,3}[a-z]{1,20}){0,2} {0,3}(?:\([^()]{0,40}\))? {0,3}[:.]?$/i.test((r[0]?.text ?? '').trim().replace(/\s+/g, ' ')));
  if (totalRow < 1) return [];
  const out: Finding[] = [];
  const inCell = (cell: Table['rows'][number][number] | undefined): Mention | undefined =>
    cell ? byLine.get(cell.range.start.line)?.find((m) => m.range.start.column >= cell.range.start.column && m.range.end.column <= cell.range.end.column + 1) : undefined;
  const cols = maxOf(table.rows.map((r) => r.length), 0);
  for (let j = 1; j < cols; j++) {
    const parts = table.rows.slice(0, totalRow).map((r) => r[j]);
    const totalCell = table.rows[totalRow]![j];
    const totalMention = inCell(totalCell);
    const partMentions = parts.map(inCell);
    if (!totalCell) continue;
    const plain = /^\s*(\d{1,7})\s*$/;
    const countOf = (m: Mention | undefined, cellText: string | undefined): number | undefined => m?.events?.value ?? (cellText && plain.test(cellText) ? Number(plain.exec(cellText)![1]) : undefined);
    const total = countOf(totalMention, totalCell.text);
    const counts = partMentions.map((m, i) => countOf(m, parts[i]?.text));
    if (total !== undefined && counts.every((c) => c !== undefined)) {
      const sum = counts.reduce((a, b) => a! + b!, 0)!;
      if (sum !== total) {
        // The total's own number is the range, so the fix replaces just it.
        const at = totalMention?.events?.range ?? numberRange(totalCell, lines);
        out.push({ ruleId: 'TR107', severity: 'warning', message: `The ${counts.length} categories above the total add up to ${sum}, not ${total}.`, range: at, expected: [String(sum)] });
        continue;
      }
    }
    const shares = partMentions.map((m) => m?.share);
    if (shares.every((s) => s) && shares.length >= 2) {
      const d = maxOf(shares.map((s) => s!.decimals), 0);
      const sum = shares.reduce((a, s) => a + s!.value, 0);
      const tolerance = shares.length * 0.5 * 10 ** -d;
      if (Math.abs(sum - 100) > tolerance + 1e-9 && (totalMention?.share?.value ?? 100) === 100) {
        out.push({ ruleId: 'TR107', severity: 'warning', message: `The percentages of the ${shares.length} categories add up to ${Number(sum.toFixed(d + 1))}%; rounding can explain at most ±${Number(tolerance.toFixed(d + 1))} points from 100%.`, range: totalCell.range });
      }
    }
  }
  return out;
}

/** The range of the whole number written in a cell ("| 10 |" → "10"), or the cell's. */
function numberRange(cell: TableCell, lines: LineIndex): Range {
  const m = /\d+/.exec(cell.text);
  if (!m) return cell.range;
  const [s, e] = sourceSpan(cell, m.index, m.index + m[0].length, lines);
  return lines.range(s, e);
}

/** Pairs of categories that together make up a group of people. */
const COMPLEMENTS: [RegExp, RegExp][] = [
  [/^(?:women|females?|girls)$/i, /^(?:men|males?|boys)$/i],
  [/^(?:alive|survivors?)$/i, /^(?:dead|died|deaths?|non-?survivors?)$/i],
];
const SPLIT = /^\s{0,3}[([]\s{0,3}(\d{1,7})\s{1,3}([a-z-]{3,15})\s{0,3}(?:[,;]|and)\s{0,3}(?:and\s{1,3})?(\d{1,7})\s{1,3}([a-z-]{3,15})\s{0,3}[)\]]/i;

/** "Of the 160 randomized patients (88 women, 70 men)": a group split into two complementary categories. */
function proseBreakdowns(model: TrialModel, lines: LineIndex): Finding[] {
  const out: Finding[] = [];
  for (const m of model.mentions) {
    if (m.where !== 'prose' || m.kind !== 'sample-size' || !m.total) continue;
    const end = lines.offset(m.range.end);
    const split = SPLIT.exec(lines.text.slice(end, end + 80));
    if (!split) continue;
    const [a, catA, b, catB] = [Number(split[1]), split[2]!, Number(split[3]), split[4]!];
    const pair = COMPLEMENTS.some(([x, y]) => (x.test(catA) && y.test(catB)) || (y.test(catA) && x.test(catB)));
    if (!pair || a + b === m.total.value) continue;
    out.push({
      ruleId: 'TR107',
      severity: 'warning',
      message: `${a} ${catA} and ${b} ${catB} add up to ${a + b}, not the ${m.total.value} of the group they describe.`,
      range: m.total.range,
      expected: [String(a + b)],
    });
  }
  return out;
}
