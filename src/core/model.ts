import type { LineIndex } from './lines.js';
import { START } from './lines.js';
import type { NodeSpan } from './frontmatter.js';
import { pointerSegment } from './frontmatter.js';
import { decimalsOf } from './numbers.js';
import type {
  AdverseEvent,
  Arm,
  ArmResult,
  Comparison,
  Endpoint,
  EndpointType,
  Located,
  Measure,
  PValue,
  Range,
  Scale,
  TrialInfo,
  WrittenNumber,
} from './types.js';

const MEASURES: readonly string[] = ['risk difference', 'risk ratio', 'odds ratio', 'hazard ratio', 'mean difference'];
const TYPES: readonly string[] = ['binary', 'continuous', 'time-to-event'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads front-matter values together with their source text and ranges. The data may break the
 * schema (TR201 reports that); every accessor here tolerates any shape and simply yields nothing.
 */
export class FrontMatterReader {
  constructor(
    readonly spans: Map<string, NodeSpan>,
    readonly lines: LineIndex,
  ) {}

  range(pointer: string): Range | undefined {
    const s = this.spans.get(pointer);
    return s ? this.lines.range(s.start, s.end) : undefined;
  }

  keyRange(pointer: string): Range | undefined {
    const s = this.spans.get(pointer);
    return s?.keyStart !== undefined ? this.lines.range(s.keyStart, s.keyEnd ?? s.keyStart) : undefined;
  }

  /** Best place to report on a pointer: its key when it has one, otherwise its value. */
  anchor(pointer: string): Range {
    return this.keyRange(pointer) ?? this.range(pointer) ?? START;
  }

  source(pointer: string): string | undefined {
    const s = this.spans.get(pointer);
    return s ? this.lines.text.slice(s.start, s.end) : undefined;
  }

  num(pointer: string, value: unknown): WrittenNumber | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
    const span = this.spans.get(pointer);
    const text = span?.scalar ? this.lines.text.slice(span.start, span.end).trim() : String(value);
    return { value, text, decimals: decimalsOf(text), range: this.range(pointer) ?? START };
  }

  str(pointer: string, value: unknown): Located<string> | undefined {
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    return { value: String(value), text: this.source(pointer) ?? String(value), range: this.range(pointer) ?? START };
  }
}

export interface FrontMatterModel {
  trial: TrialInfo;
  arms: Arm[];
  endpoints: Endpoint[];
  adverseEvents: AdverseEvent[];
  schemaRef?: Located<string>;
}

export function buildFrontMatterModel(data: unknown, fm: FrontMatterReader): FrontMatterModel {
  const root = isObj(data) ? data : {};
  const out: FrontMatterModel = { trial: { design: [] }, arms: [], endpoints: [], adverseEvents: [] };
  const schemaRef = fm.str('/$schema', root['$schema']);
  if (schemaRef) out.schemaRef = schemaRef;

  const t = root['trial'];
  if (isObj(t)) {
    const tr = out.trial;
    const kr = fm.keyRange('/trial');
    if (kr) tr.keyRange = kr;
    for (const key of ['title', 'registration', 'phase', 'population', 'allocation', 'duration'] as const) {
      const v = fm.str(`/trial/${key}`, t[key]);
      if (v) tr[key] = v;
    }
    const n = fm.num('/trial/randomized', t['randomized']);
    if (n) tr.randomized = n;
    for (const key of ['assessed', 'excluded'] as const) {
      const v = fm.num(`/trial/${key}`, t[key]);
      if (v) tr[key] = v;
    }
    const reasons = t['exclusion_reasons'];
    if (isObj(reasons)) {
      tr.exclusionReasons = [];
      for (const [reason, count] of Object.entries(reasons)) {
        const c = fm.num(`/trial/exclusion_reasons/${pointerSegment(reason)}`, count);
        if (c) tr.exclusionReasons.push({ reason, count: c });
      }
    }
    if (Array.isArray(t['design'])) {
      t['design'].forEach((d, i) => {
        const v = fm.str(`/trial/design/${i}`, d);
        if (v) tr.design.push(v);
      });
    }
  } else if (fm.keyRange('/trial')) {
    out.trial.keyRange = fm.keyRange('/trial')!;
  }

  const arms = root['arms'];
  if (Array.isArray(arms)) {
    arms.forEach((a, i) => {
      if (!isObj(a) || typeof a['id'] !== 'string') return;
      const p = `/arms/${i}`;
      const arm: Arm = {
        id: a['id'],
        idRange: fm.range(`${p}/id`) ?? START,
        label: typeof a['label'] === 'string' ? a['label'] : a['id'],
        aliases: strings(a['aliases']),
        range: fm.range(p) ?? START,
      };
      if (typeof a['dose'] === 'string') arm.dose = a['dose'];
      const r = fm.num(`${p}/randomized`, a['randomized']);
      if (r) arm.randomized = r;
      for (const key of ['analysed', 'received', 'discontinued', 'lost', 'completed'] as const) {
        const v = fm.num(`${p}/${key}`, a[key]);
        if (v) arm[key] = v;
      }
      out.arms.push(arm);
    });
  }

  const endpoints = root['endpoints'];
  if (Array.isArray(endpoints)) {
    endpoints.forEach((e, i) => {
      if (!isObj(e) || typeof e['id'] !== 'string') return;
      const p = `/endpoints/${i}`;
      const ep: Endpoint = {
        id: e['id'],
        idRange: fm.range(`${p}/id`) ?? START,
        label: typeof e['label'] === 'string' ? e['label'] : e['id'],
        primary: e['primary'] === true,
        change: e['change'] === true,
        aliases: strings(e['aliases']),
        results: results(e['results'], `${p}/results`, fm),
        comparisons: comparisons(e['comparisons'], `${p}/comparisons`, fm),
        range: fm.range(p) ?? START,
      };
      if (typeof e['type'] === 'string' && TYPES.includes(e['type'])) ep.type = e['type'] as EndpointType;
      const scale = e['scale'];
      if (isObj(scale)) {
        const sc: Scale = { range: fm.range(`${p}/scale`) ?? ep.idRange };
        for (const key of ['min', 'max', 'step', 'items'] as const) {
          const v = fm.num(`${p}/scale/${key}`, scale[key]);
          if (v) sc[key] = v;
        }
        ep.scale = sc;
      }
      out.endpoints.push(ep);
    });
  }

  const aes = root['adverse_events'];
  if (Array.isArray(aes)) {
    aes.forEach((e, i) => {
      if (!isObj(e) || typeof e['term'] !== 'string') return;
      const p = `/adverse_events/${i}`;
      out.adverseEvents.push({
        term: e['term'],
        termRange: fm.range(`${p}/term`) ?? START,
        results: results(e['results'], `${p}/results`, fm),
        range: fm.range(p) ?? START,
      });
    });
  }
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String) : [];
}

function results(v: unknown, pointer: string, fm: FrontMatterReader): ArmResult[] {
  if (!isObj(v)) return [];
  const out: ArmResult[] = [];
  for (const [armId, r] of Object.entries(v)) {
    const p = `${pointer}/${pointerSegment(armId)}`;
    const res: ArmResult = { armId, keyRange: fm.keyRange(p) ?? fm.anchor(p), pointer: p };
    if (isObj(r)) {
      for (const key of ['events', 'n', 'percent', 'mean', 'sd', 'se', 'median'] as const) {
        const n = fm.num(`${p}/${key}`, r[key]);
        if (n) res[key] = n;
      }
      if (r['n'] === null) res.nUnknown = true;
      const est = fm.str(`${p}/estimate`, r['estimate']);
      if (est) res.estimate = est;
      for (const [key, field] of [['iqr', 'iqr'], ['range', 'range'], ['median_ci', 'medianCi']] as const) {
        const pair = r[key];
        if (!Array.isArray(pair) || pair.length !== 2) continue;
        const lo = fm.num(`${p}/${key}/0`, pair[0]);
        const hi = fm.num(`${p}/${key}/1`, pair[1]);
        if (lo && hi) res[field] = [lo, hi];
      }
      for (const [key, field] of [['rate', 'rate'], ['person_years', 'personYears'], ['rate_per', 'ratePer']] as const) {
        const v = fm.num(`${p}/${key}`, r[key]);
        if (v) res[field] = v;
      }
    }
    out.push(res);
  }
  return out;
}

function comparisons(v: unknown, pointer: string, fm: FrontMatterReader): Comparison[] {
  if (!Array.isArray(v)) return [];
  const out: Comparison[] = [];
  v.forEach((c, i) => {
    if (!isObj(c)) return;
    const p = `${pointer}/${i}`;
    const level = c['ci_level'];
    const sided = c['sided'];
    const cmp: Comparison = {
      ciLevel: typeof level === 'number' && level > 0 && level < 100 ? level : 95,
      sided: sided === 1 ? 1 : 2,
      range: fm.range(p) ?? START,
      pointer: p,
    };
    const arm = fm.str(`${p}/arm`, c['arm']);
    if (arm) cmp.arm = arm;
    const versus = fm.str(`${p}/versus`, c['versus']);
    if (versus) cmp.versus = versus;
    const m = fm.str(`${p}/measure`, c['measure']);
    if (m && MEASURES.includes(m.value)) cmp.measure = m as Located<Measure>;
    const est = fm.num(`${p}/estimate`, c['estimate']);
    if (est) cmp.estimate = est;
    const ci = c['ci'];
    if (Array.isArray(ci) && ci.length === 2) {
      const lo = fm.num(`${p}/ci/0`, ci[0]);
      const hi = fm.num(`${p}/ci/1`, ci[1]);
      if (lo && hi) {
        cmp.ci = [lo, hi];
        cmp.ciRange = fm.range(`${p}/ci`) ?? lo.range;
      }
    }
    const pv = pValue(c['p'], `${p}/p`, fm);
    if (pv) cmp.p = pv;
    if (typeof c['adjusted'] === 'boolean') cmp.adjusted = c['adjusted'];
    out.push(cmp);
  });
  return out;
}

const P_TEXT = /^\s*(?:(<=|>=|[<>≤≥=])\s*)?(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)\s*$/;

/** A p value: a number, or a string such as "<0.001". */
export function pValue(v: unknown, pointer: string, fm: FrontMatterReader): PValue | undefined {
  const range = fm.range(pointer);
  if (!range) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) {
    const n = fm.num(pointer, v)!;
    return { op: '=', value: v, text: n.text, decimals: n.decimals, range };
  }
  if (typeof v !== 'string') return undefined;
  const m = P_TEXT.exec(v);
  if (!m) return undefined;
  const raw = m[1] ?? '=';
  const op = raw === '<=' ? '≤' : raw === '>=' ? '≥' : (raw as PValue['op']);
  const num = m[2]!;
  return { op, value: Number(num), text: v.trim(), decimals: decimalsOf(num), range };
}
