// fast-check generators of hostile trial summaries: random Markdown, random and odd YAML front
// matter, realistic reports with odd numbers, mutated real reports, and whole-document
// transformations (line endings, BOM, control characters, invalid UTF-8, right-to-left text).
// Shared by the CI properties (fuzz.test.ts) and the long campaign (campaign.ts, `npm run fuzz`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { CheckOptions } from '../../src/core/index.js';

/** One generated case: the text checked and the options it is checked with. */
export interface FuzzCase {
  text: string;
  options: CheckOptions;
}

// ---------------------------------------------------------------------------------------------
// Scalars: the numbers and words a writer (or a corrupted file) may put where a number belongs.

/** Odd YAML scalars, as written: YAML 1.2 core schema edge cases and things that look numeric. */
export const ODD_SCALARS = [
  '0', '-0', '+0', '0.0', '-0.0', '1e308', '-1e308', '1e309', '-1e309', '1e-400', '4.9e-324', '2.2250738585072014e-308', '1.7976931348623157e308',
  '.nan', '.NaN', '.NAN', '.inf', '-.inf', '+.inf', '.Inf', '0x1F', '0X1f', '0o17', '0b101', '017', '1_000', '1,000', '12 000', '1.2.3', '1e', 'e1', '-', '+', '.', '..',
  '١٢٣', '٣٨', '１２３', '۴۵', '१२', '٠٫٥', '²', '½', '⅓', '∞', '−3', '–2', '3−1', '60%', '60.5%', '%', '23/38', '0/0', '1/0', '38/0',
  '9007199254740993', '123456789012345678901234567890', '-9007199254740993', '0.1e1', '1E3', '1e+3', '.5', '5.', '00012', '-0x1', '0x', '1__0',
  '~', 'null', 'Null', 'NULL', 'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', '2024-01-01', '12:30', '1:1', '2:1:1', '0:0', '1:0',
  '""', "''", '" "', '"60"', '"<0.001"', '"<0"', '"< 1e-400"', '">1"', '"≤0.05"', '"p<.05"', '"NS"', '"0.05*"', '"\\u0000"', '"\\x00"', '"\\uD800"', '"\\U0001F600"',
  '!!int 1', '!!float .nan', '!!str 38', '!!binary aGVsbG8=', '!!null ""', '!!bool yes', '!custom 1', '!<tag:yaml.org,2002:int> 12', '!!map {}', '!!seq []',
  '[]', '{}', '[1, 2]', '[.nan, .inf]', '[2, 1]', '[-1e308, 1e308]', '[0, 0]', '[1]', '[1, 2, 3]', '{ a: 1 }', '[[[]]]', '"[1, 2]"',
];

/** Integers and decimals that are plausible, so the deeper rules run. */
const plausibleNumber = fc.oneof(
  fc.integer({ min: 0, max: 500 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 3 })).map(([n, d]) => (n / 100).toFixed(d)),
  fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x.toFixed(3)),
);

export const scalarArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_SCALARS) },
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 400 }).map(String) },
  { weight: 2, arbitrary: fc.double({ noNaN: false }).map((x) => String(x)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => JSON.stringify(s)) },
);

const KEYS = [
  'trial', 'title', 'registration', 'phase', 'design', 'population', 'randomized', 'randomised', 'allocation', 'duration', 'arms', 'id', 'label', 'analysed', 'analyzed',
  'aliases', 'dose', 'endpoints', 'type', 'primary', 'results', 'events', 'n', 'percent', 'mean', 'sd', 'median', 'iqr', 'ci', 'p', 'estimate', 'measure', 'arm', 'versus',
  'comparisons', 'adverse_events', 'term', 'serious', 'adjusted', '$schema', 'x-notes', '<<', 'a', 'b', 'placebo', 'dex', '', ' ', '0', '1.5', 'ключ', 'مفتاح', '🙂', 'a b', 'a:b', '"q"',
];

export const keyArb = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) });

// ---------------------------------------------------------------------------------------------
// Random YAML: a tree written in block and flow style, with anchors, aliases, merge keys,
// duplicate keys, tabs, deep nesting and odd scalars. Most are valid YAML; some are not.

type Tree = { kind: 'scalar'; text: string } | { kind: 'map'; entries: [string, Tree][] } | { kind: 'seq'; items: Tree[] } | { kind: 'alias'; name: string };

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('scalar' as const), text: scalarArb }),
    fc.record({ kind: fc.constant('alias' as const), name: fc.constantFrom('a', 'b', 'c', 'nosuchanchor') }),
    fc.record({ kind: fc.constant('map' as const), entries: fc.array(fc.tuple(keyArb, tie('tree')), { maxLength: 5 }) }),
    fc.record({ kind: fc.constant('seq' as const), items: fc.array(tie('tree'), { maxLength: 5 }) }),
  ),
})).tree;

function yamlKey(k: string): string {
  return /^[A-Za-z_$<][\w$<.-]*$/.test(k) ? k : JSON.stringify(k);
}

/** Writes a tree as block YAML; `anchor(i)` decides whether node i gets an anchor. */
function writeTree(t: Tree, indent: number, flow: (depth: number) => boolean, anchor: () => string, out: string[], lead: string): void {
  const pad = ' '.repeat(indent);
  if (t.kind === 'scalar') {
    out.push(`${lead}${anchor()}${t.text}`);
    return;
  }
  if (t.kind === 'alias') {
    out.push(`${lead}*${t.name}`);
    return;
  }
  if (flow(indent) || (t.kind === 'map' ? t.entries.length === 0 : t.items.length === 0)) {
    out.push(`${lead}${anchor()}${writeFlow(t)}`);
    return;
  }
  const a = anchor();
  if (a || lead.trim() !== '') out.push(`${lead}${a}`.trimEnd());
  if (t.kind === 'map') {
    for (const [k, v] of t.entries) {
      const sub: string[] = [];
      const scalarish = v.kind === 'scalar' || v.kind === 'alias';
      writeTree(v, indent + 2, flow, anchor, sub, scalarish ? `${pad}${yamlKey(k)}: ` : `${pad}${yamlKey(k)}:`);
      out.push(...sub);
    }
  } else {
    for (const item of t.items) {
      const sub: string[] = [];
      writeTree(item, indent + 2, flow, anchor, sub, `${pad}- `);
      out.push(...sub);
    }
  }
}

function writeFlow(t: Tree): string {
  switch (t.kind) {
    case 'scalar':
      return t.text;
    case 'alias':
      return `*${t.name}`;
    case 'map':
      return `{ ${t.entries.map(([k, v]) => `${yamlKey(k)}: ${writeFlow(v)}`).join(', ')} }`;
    default:
      return `[${t.items.map(writeFlow).join(', ')}]`;
  }
}

/** Front matter text from a tree: block or flow, with anchors, and some lines corrupted. */
export const randomYamlArb: fc.Arbitrary<string> = fc
  .record({
    tree: treeArb,
    flowAt: fc.integer({ min: 0, max: 12 }),
    anchorEvery: fc.integer({ min: 0, max: 6 }),
    wrapTrial: fc.boolean(),
    corruption: fc.array(fc.record({ line: fc.nat(), kind: fc.constantFrom('tab-indent', 'dup-key', 'drop', 'unquoted-colon', 'merge', 'deep-flow', 'deep-block', 'anchor-only', 'comment') }), { maxLength: 3 }),
    depth: fc.integer({ min: 1, max: 200 }),
  })
  .map(({ tree, flowAt, anchorEvery, wrapTrial, corruption, depth }) => {
    const names = ['a', 'b', 'c'];
    let counter = 0;
    const anchor = (): string => (anchorEvery > 0 && ++counter % anchorEvery === 0 ? `&${names[counter % names.length]} ` : '');
    const root: Tree = wrapTrial && tree.kind === 'map' ? { kind: 'map', entries: [['trial', { kind: 'map', entries: [['title', { kind: 'scalar', text: 'T' }]] }], ...tree.entries] } : tree;
    const lines: string[] = [];
    writeTree(root, 0, (ind) => ind >= flowAt * 2, anchor, lines, '');
    for (const c of corruption) {
      const i = lines.length ? c.line % lines.length : 0;
      const line = lines[i] ?? '';
      switch (c.kind) {
        case 'tab-indent':
          lines[i] = line.replace(/^( +)/, (m) => '\t'.repeat(Math.max(1, m.length / 2)));
          break;
        case 'dup-key':
          lines.splice(i, 0, line);
          break;
        case 'drop':
          lines.splice(i, 1);
          break;
        case 'unquoted-colon':
          lines[i] = `${line}: more: text`;
          break;
        case 'merge':
          lines.splice(i, 0, '<<: *a');
          break;
        case 'deep-flow':
          lines.push(`deep: ${'['.repeat(depth)}1${']'.repeat(depth)}`);
          break;
        case 'deep-block':
          for (let d = 0; d < Math.min(depth, 120); d++) lines.push(`${' '.repeat(d)}k${d}:`);
          lines.push(`${' '.repeat(Math.min(depth, 120))}v`);
          break;
        case 'anchor-only':
          lines.push('x: &a');
          break;
        default:
          lines.splice(i, 0, `# comment: ${line}`);
      }
    }
    return lines.join('\n');
  });

// ---------------------------------------------------------------------------------------------
// Realistic trial front matter with odd numbers: it parses, so every rule gets to run on it.

const ARM_IDS = ['placebo', 'a', 'b', 'dex', 'usual', 'il2-1.0', 'x_y', 'missing'];
const MEASURES = ['risk difference', 'risk ratio', 'odds ratio', 'hazard ratio', 'mean difference', 'rate ratio', 'difference', 'banana'];

const numberish = fc.oneof({ weight: 3, arbitrary: plausibleNumber }, { weight: 1, arbitrary: scalarArb });

const resultArb = fc
  .record({ events: fc.option(numberish), n: fc.option(numberish), percent: fc.option(numberish), mean: fc.option(numberish), sd: fc.option(numberish) }, { requiredKeys: [] })
  .map((r) => `{ ${Object.entries(r).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}: ${String(v)}`).join(', ')} }`);

const comparisonArb = fc
  .record({ arm: fc.constantFrom(...ARM_IDS), versus: fc.constantFrom(...ARM_IDS), measure: fc.constantFrom(...MEASURES), estimate: numberish, lo: numberish, hi: numberish, p: fc.option(numberish), adjusted: fc.boolean() })
  .map((c) => `      - { arm: ${c.arm}, versus: ${c.versus}, measure: ${c.measure}, estimate: ${c.estimate}, ci: [${c.lo}, ${c.hi}]${c.p !== null ? `, p: ${c.p}` : ''}${c.adjusted ? ', adjusted: true' : ''} }`);

export const trialYamlArb: fc.Arbitrary<{ yaml: string; labels: string[] }> = fc
  .record({
    total: numberish,
    allocation: fc.constantFrom('"1:1"', '"2:1:1"', '"1:1:1:1"', '"0:1"', '"1:"', '1:1', '"a:b"', '"1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1"'),
    arms: fc.array(fc.record({ id: fc.constantFrom(...ARM_IDS), label: fc.constantFrom('Placebo', 'Alpha', 'Beta', 'Usual care', 'IL-2 1.0 MIU', 'دواء', 'תרופה', '', 'A'.repeat(300)), randomized: numberish, analysed: fc.option(numberish), dose: fc.option(fc.constantFrom('0.5 mg', '1.0 mg', '2 mg', '10 mg/kg', 'high')) }), { maxLength: 5 }),
    endpoints: fc.array(fc.record({ id: fc.constantFrom('e', 'death28', 'resp', 'e'), type: fc.constantFrom('binary', 'continuous', 'time-to-event', 'count', 'weird'), primary: fc.boolean(), results: fc.array(fc.tuple(fc.constantFrom(...ARM_IDS), resultArb), { maxLength: 4 }), comparisons: fc.array(comparisonArb, { maxLength: 3 }) }), { maxLength: 3 }),
    adverse: fc.array(fc.record({ term: fc.constantFrom('Nausea', 'Death', 'Any serious adverse event'), results: fc.array(fc.tuple(fc.constantFrom(...ARM_IDS), resultArb), { maxLength: 3 }) }), { maxLength: 2 }),
    schemaRef: fc.option(fc.constantFrom('./house.json', 'https://example.invalid/s.json', 'trial-report:bundled', '', '../../etc/passwd', 'file:///etc/passwd')),
  })
  .map((t) => {
    const lines = ['trial:', '  title: Generated', `  randomized: ${t.total}`, `  allocation: ${t.allocation}`, '  design: [randomized, double-blind]', 'arms:'];
    if (t.schemaRef !== null) lines.unshift(`$schema: ${t.schemaRef}`);
    for (const a of t.arms) {
      lines.push(`  - id: ${a.id}`, `    label: ${JSON.stringify(a.label)}`, `    randomized: ${a.randomized}`);
      if (a.analysed !== null) lines.push(`    analysed: ${a.analysed}`);
      if (a.dose !== null) lines.push(`    dose: ${a.dose}`);
      lines.push(`    aliases: [${JSON.stringify(a.label.toLowerCase())}]`);
    }
    if (t.endpoints.length) lines.push('endpoints:');
    for (const e of t.endpoints) {
      lines.push(`  - id: ${e.id}`, `    label: Response ${e.id}`, `    type: ${e.type}`, `    primary: ${e.primary}`, '    aliases: [response]', '    results:');
      for (const [arm, r] of e.results) lines.push(`      ${arm}: ${r}`);
      if (e.comparisons.length) lines.push('    comparisons:', ...e.comparisons);
    }
    if (t.adverse.length) lines.push('adverse_events:');
    for (const a of t.adverse) {
      lines.push(`  - term: ${a.term}`, '    results:');
      for (const [arm, r] of a.results) lines.push(`      ${arm}: ${r}`);
    }
    return { yaml: lines.join('\n'), labels: t.arms.map((a) => a.label) };
  });

// ---------------------------------------------------------------------------------------------
// Random Markdown: the constructs the checker reads (headings, tables, numbers in prose,
// suppression comments) and the ones that can confuse a parser.

const SECTION_NAMES = ['Background', 'Methods', 'Results', 'Safety', 'Conclusions', 'Objective', 'Funding', 'results', 'RESULTS', 'Résultats', 'النتائج'];

const numberPhrase = fc.oneof(
  fc.tuple(numberish, numberish, numberish).map(([k, n, p]) => `${k}/${n} (${p}%)`),
  fc.tuple(numberish, numberish).map(([p, n]) => `${p}% of ${n} patients`),
  fc.tuple(numberish, numberish, numberish).map(([k, n, p]) => `${k} of ${n} patients (${p}%)`),
  fc.tuple(numberish, numberish, numberish).map(([e, lo, hi]) => `HR ${e} (95% CI ${lo} to ${hi}; p = ${lo})`),
  fc.tuple(numberish, numberish, numberish).map(([e, lo, hi]) => `risk ratio ${e}, 95% CI ${lo}–${hi}, P<${hi}`),
  fc.tuple(numberish, numberish).map(([n, m]) => `${n} patients were randomized; n=${m}`),
  fc.constantFrom('significantly improved', 'was superior to placebo', 'a dose-dependent response', 'no significant difference', 'p = 0.000', 'p=1.2', '(95% CI', '95% CI 3 to 1', '-0%', '1e308%', 'NaN%', '∞%'),
);

const inline = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 4, arbitrary: numberPhrase },
  { weight: 1, arbitrary: fc.constantFrom('Placebo', 'alpha', 'usual care', 'dexamethasone', 'il-2 1.0 miu', '**bold**', '_em_', '`code`', '[link](http://x)', '<span>', '&amp;', '&#0;', '\\', '|', '<!--', '-->', '$', '$$', '~~', '***') },
);

const sentence = fc.array(inline, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));

const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' ')) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom(...SECTION_NAMES)).map(([l, n]) => `${'#'.repeat(l)} ${n}`) },
  { weight: 1, arbitrary: fc.constantFrom(...SECTION_NAMES).map((n) => `${n}\n${'-'.repeat(n.length)}`) },
  {
    weight: 2,
    arbitrary: fc
      .record({ cols: fc.integer({ min: 1, max: 5 }), rows: fc.array(fc.array(fc.oneof(numberish, inline, fc.constantFrom('Total', 'total', 'All', '—', '')), { maxLength: 6 }), { maxLength: 6 }), align: fc.constantFrom('---', ':--', '--:', ':-:', '-') })
      .map(({ cols, rows, align }) => [`| ${Array.from({ length: cols }, (_, i) => (i === 0 ? 'Outcome' : ['Placebo', 'Alpha', 'Beta', 'Total'][i % 4])).join(' | ')} |`, `|${` ${align} |`.repeat(cols)}`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('TR101', 'TR104', 'TR999', 'TR', 'all', ''), fc.constantFrom('-- why', '--', '', '-- ' + 'x'.repeat(200)), fc.constantFrom('disable-next-line', 'disable', 'enable', 'disable-line', 'bogus')).map(([id, j, kind]) => `<!-- trial-report-${kind} ${id} ${j} -->`) },
  { weight: 1, arbitrary: fc.constantFrom('```', '```yaml\na: 1', '~~~', '    indented code 23/38 (60%)', '> quote 60% of 38', '- item 12/38', '1. item', '---', '***', '<!--', '<div>', '</div>', '<!-- x -->', '[^1]: note', '![img](x.png)', '|', '| a |', '|-|', '\\', '<script>alert(1)</script>') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);

export const markdownArb: fc.Arbitrary<string> = fc.array(block, { maxLength: 25 }).map((b) => b.join('\n\n'));

// ---------------------------------------------------------------------------------------------
// Whole-document transformations.

/** Bytes decoded as an editor would: invalid UTF-8 becomes U+FFFD. */
export const invalidUtf8Arb: fc.Arbitrary<string> = fc.uint8Array({ maxLength: 200 }).map((b) => new TextDecoder('utf-8', { fatal: false }).decode(b));

const RTL = ['\u202E', '\u202B', '\u200F', '\u2067', '\u061C', 'مرحبا ٣٨ مريضا', 'שלום 60%', '\u202Dabc\u202C', '\u2069'];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\u000B', '\f', '\u001B', '\u007F', '\u0085', '\u2028', '\u2029', '\uFEFF', '\u200B', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF', '\r', '\t'];

export type Transform = { kind: 'eol'; eol: '\r\n' | '\r' | 'mixed' } | { kind: 'bom' } | { kind: 'insert'; at: number; text: string } | { kind: 'trailing-ws' } | { kind: 'no-final-newline' } | { kind: 'final-newlines' };

export const transformArb: fc.Arbitrary<Transform> = fc.oneof(
  fc.record({ kind: fc.constant('eol' as const), eol: fc.constantFrom('\r\n' as const, '\r' as const, 'mixed' as const) }),
  fc.constant({ kind: 'bom' as const }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...RTL), fc.constantFrom(...CONTROL), invalidUtf8Arb, fc.string({ unit: 'binary', maxLength: 8 })) }),
  fc.constant({ kind: 'trailing-ws' as const }),
  fc.constant({ kind: 'no-final-newline' as const }),
  fc.constant({ kind: 'final-newlines' as const }),
);

export function applyTransform(text: string, t: Transform): string {
  switch (t.kind) {
    case 'eol':
      if (t.eol === 'mixed') {
        let i = 0;
        return text.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]!);
      }
      return text.replace(/\n/g, t.eol);
    case 'bom':
      return '\uFEFF' + text;
    case 'insert': {
      const at = text.length ? t.at % (text.length + 1) : 0;
      return text.slice(0, at) + t.text + text.slice(at);
    }
    case 'trailing-ws':
      return text.replace(/\n/g, ' \t\n');
    case 'no-final-newline':
      return text.replace(/\s+$/, '');
    default:
      return text + '\n\n\n';
  }
}

// ---------------------------------------------------------------------------------------------
// Seeds: the real reports and fixtures, mutated.

let seedCache: string[] | undefined;

/** Every real-world report, example and fixture in the repository (read once). */
export function seedDocuments(root: string): string[] {
  if (seedCache) return seedCache;
  const dirs = ['test/real-world', 'examples', 'test/fixtures', 'test/fixtures/rules'].map((d) => path.join(root, d));
  const out: string[] = [];
  for (const d of dirs) {
    if (!fs.existsSync(d)) continue;
    for (const name of fs.readdirSync(d).sort()) if (name.endsWith('.md')) out.push(fs.readFileSync(path.join(d, name), 'utf8'));
  }
  seedCache = out;
  return out;
}

export type Mutation = { kind: 'delete-lines' | 'duplicate-lines' | 'swap-lines' | 'replace-number' | 'replace-char' | 'truncate' | 'splice-seed'; a: number; b: number; text: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete-lines', 'duplicate-lines', 'swap-lines', 'replace-number', 'replace-char', 'truncate', 'splice-seed'),
  a: fc.nat(),
  b: fc.nat({ max: 8 }),
  text: fc.oneof(scalarArb, fc.constantFrom(...CONTROL), fc.constantFrom('---', '- ', ':', '  ', '\t', '#', '|', '[', '{', '&a', '*a', '<!--')),
});

export function mutate(text: string, m: Mutation, seeds: string[]): string {
  const lines = text.split('\n');
  const i = lines.length ? m.a % lines.length : 0;
  switch (m.kind) {
    case 'delete-lines':
      lines.splice(i, m.b + 1);
      return lines.join('\n');
    case 'duplicate-lines':
      lines.splice(i, 0, ...lines.slice(i, i + m.b + 1));
      return lines.join('\n');
    case 'swap-lines': {
      const j = (i + m.b + 1) % Math.max(1, lines.length);
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('\n');
    }
    case 'replace-number': {
      let k = 0;
      return text.replace(/\d+(?:\.\d+)?/g, (n) => (k++ % (m.b + 1) === 0 ? m.text : n));
    }
    case 'replace-char': {
      const at = text.length ? m.a % text.length : 0;
      return text.slice(0, at) + m.text + text.slice(at + 1);
    }
    case 'truncate':
      return text.slice(0, text.length ? m.a % text.length : 0);
    default: {
      const other = seeds.length ? seeds[m.b % seeds.length]! : '';
      const cut = other.length ? m.a % other.length : 0;
      return text.slice(0, text.length ? m.a % text.length : 0) + other.slice(cut);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Whole cases.

const optionsArb: fc.Arbitrary<CheckOptions> = fc
  .record({
    fileName: fc.constantFrom('x.trial.md', 'x.trial.md', 'x.trial.md', 'README.md', 'a b/ü.TRIAL.MD'),
    reportUnlinked: fc.boolean(),
    rounding: fc.constantFrom('charitable' as const, 'half-up' as const, 'half-even' as const),
    rules: fc.option(fc.dictionary(fc.constantFrom('TR101', 'TR103', 'TR104', 'TR105', 'TR201', 'TR303', 'TR999'), fc.constantFrom('error' as const, 'warning' as const, 'info' as const, 'off' as const), { maxKeys: 3 })),
  })
  .map((o) => ({ fileName: o.fileName, reportUnlinked: o.reportUnlinked, rounding: o.rounding, ...(o.rules ? { rules: o.rules } : {}) }));

const sections = (labels: string[]): fc.Arbitrary<string> =>
  fc.array(fc.oneof(block, fc.constantFrom(...(labels.length ? labels : ['placebo'])).chain((l) => numberPhrase.map((p) => `On ${l.toLowerCase()}, ${p}.`))), { maxLength: 12 }).map((bs) =>
    ['# Generated', '', ...['Background', 'Methods', 'Results', 'Safety', 'Conclusions'].flatMap((s, i) => [`## ${s}`, '', bs.filter((_, j) => j % 5 === i).join('\n\n') || 'x', ''])].join('\n'),
  );

/** A realistic report with odd numbers: parses, so the rules run. */
export const trialReportArb: fc.Arbitrary<string> = trialYamlArb.chain(({ yaml, labels }) => sections(labels).map((body) => `---\n${yaml}\n---\n${body}`));

/** Random YAML front matter over random Markdown. */
export const randomReportArb: fc.Arbitrary<string> = fc.tuple(randomYamlArb, markdownArb, fc.constantFrom('---', '---', '...', '--- ', '----', '')).map(([y, md, close]) => `---\n${y}\n${close}\n${md}`);

/** A real report or fixture, mutated a few times. */
export function mutatedSeedArb(root: string): fc.Arbitrary<string> {
  const seeds = seedDocuments(root);
  return fc.tuple(fc.nat({ max: Math.max(0, seeds.length - 1) }), fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([i, ms]) => ms.reduce((t, m) => mutate(t, m, seeds), seeds[i] ?? ''));
}

/** Any document: one of the generators, then whole-document transformations. */
export function documentArb(root: string): fc.Arbitrary<string> {
  const base = fc.oneof(
    { weight: 3, arbitrary: trialReportArb },
    { weight: 3, arbitrary: randomReportArb },
    { weight: 3, arbitrary: mutatedSeedArb(root) },
    { weight: 1, arbitrary: markdownArb },
    { weight: 1, arbitrary: fc.tuple(randomYamlArb, trialReportArb).map(([y, r]) => r.replace('---\n', `---\n${y}\n`)) },
    { weight: 1, arbitrary: fc.oneof(invalidUtf8Arb, fc.string({ unit: 'binary', maxLength: 300 })).map((s) => `---\ntrial:\n  title: ${s.slice(0, 20)}\n---\n${s}`) },
  );
  return fc.tuple(base, fc.array(transformArb, { maxLength: 3 })).map(([text, ts]) => ts.reduce(applyTransform, text));
}

export function caseArb(root: string): fc.Arbitrary<FuzzCase> {
  return fc.record({ text: documentArb(root), options: optionsArb });
}
