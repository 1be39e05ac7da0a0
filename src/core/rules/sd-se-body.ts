import { bodyContinuous } from '../body-continuous.js';
import { formatAtLeast, seInterval } from '../continuous.js';
import { overlaps, writtenInterval } from '../numbers.js';
import type { ArmResult, Endpoint, Finding, TrialModel, WrittenNumber } from '../types.js';
import type { BodySummary } from '../body-continuous.js';
import type { RuleContext } from './rule.js';

const iv = (x: WrittenNumber): [number, number] => writtenInterval(x.value, x.decimals);

interface Candidate {
  endpoint: Endpoint;
  result: ArmResult;
  sd?: [number, number];
  se?: [number, number];
  label: string;
}

/** A result whose mean the summary's centre may be, with its SD and SE as intervals. */
function candidate(model: TrialModel, endpoint: Endpoint, r: ArmResult): Candidate {
  const n = r.n && Number.isSafeInteger(r.n.value) && r.n.value >= 1 ? r.n.value : undefined;
  const sd = r.sd ? iv(r.sd) : r.se && n ? ([iv(r.se)[0] * Math.sqrt(n), iv(r.se)[1] * Math.sqrt(n)] as [number, number]) : undefined;
  const se = r.se ? iv(r.se) : r.sd && n ? seInterval(r.sd, n) : undefined;
  return { endpoint, result: r, ...(sd ? { sd } : {}), ...(se ? { se } : {}), label: model.arms.find((a) => a.id === r.armId)?.label ?? r.armId };
}

/**
 * The results a summary's spread may belong to, when that is certain. In prose naming one
 * outcome: that outcome's results (of the arms the sentence names, if any) whose mean is the
 * written one. In a table cell under "mean (SD)" or "mean (SE)", which names neither: the one
 * result of any outcome and arm whose mean is the written one, or none when several are.
 */
function candidatesFor(model: TrialModel, s: BodySummary): Candidate[] {
  const at = (r: ArmResult): boolean => !!r.mean && overlaps(iv(r.mean), iv(s.centre));
  if (s.where === 'table') {
    const all = model.endpoints.flatMap((ep) => ep.results.filter(at).map((r) => candidate(model, ep, r)));
    return all.length === 1 ? all : [];
  }
  if (s.endpointIds.length !== 1) return [];
  const ep = model.endpoints.find((e) => e.id === s.endpointIds[0]);
  if (!ep) return [];
  const arms = s.armIds.length > 0 ? s.armIds : ep.results.map((r) => r.armId);
  return ep.results.filter((r) => arms.includes(r.armId) && at(r)).map((r) => candidate(model, ep, r));
}

/**
 * TR118 on the body: a value labelled SD (or a bare ±) that matches an SE of the outcome's
 * results and no SD, or a labelled SE that matches an SD and no SE. Read in prose naming one
 * outcome, and in table cells under a "mean (SD)" or "mean (SE)" header, only where the written
 * mean is the front matter's mean of the result whose SE or SD matched (in a table, of exactly one
 * result in the whole front matter): then what the spread is can be told with certainty.
 */
export function bodySdSeConfusion(ctx: RuleContext): Finding[] {
  const { model, doc } = ctx;
  if (!model.endpoints.some((e) => e.results.some((r) => r.mean && (r.sd || r.se)))) return [];
  const out: Finding[] = [];
  for (const s of bodyContinuous(model, doc).summaries) {
    if (!s.spread || (s.label !== 'SD' && s.label !== 'SE')) continue;
    // A bare ± in a sentence that mentions SE somewhere may be either: neither reading is certain.
    if (!s.labelled && s.label === 'SE') continue;
    const candidates = candidatesFor(model, s);
    const said = iv(s.spread);
    const asSd = candidates.filter((c) => c.sd && overlaps(said, c.sd));
    const asSe = candidates.filter((c) => c.se && overlaps(said, c.se));
    const wrong = s.label === 'SD' ? asSe : asSd;
    const right = s.label === 'SD' ? asSd : asSe;
    if (wrong.length === 0 || right.length > 0) continue;
    const c = wrong[0]!;
    const r = c.result;
    const ep = c.endpoint;
    const correct = s.label === 'SD' ? (r.sd?.text ?? formatAtLeast((c.sd![0] + c.sd![1]) / 2, s.spread.decimals)) : (r.se?.text ?? formatAtLeast((c.se![0] + c.se![1]) / 2, s.spread.decimals));
    const written = s.where === 'table' ? `under a "mean (${s.label})" heading` : s.labelled ? `labelled ${s.label}` : 'after a bare ± (an SD unless the text says SE)';
    out.push({
      ruleId: 'TR118',
      severity: 'warning',
      message: `${ep.label}, ${c.label}: ${s.spread.text}, ${written}, is the ${s.label === 'SD' ? 'standard error' : 'standard deviation'} of the mean ${s.centre.text}; its ${s.label === 'SD' ? 'SD' : 'SE'} is ${correct}. Write the ${s.label} or label the value ${s.label === 'SD' ? 'SE' : 'SD'}.`,
      range: s.spread.range,
      expected: [correct],
      related: [{ message: `${c.label}: ${s.label === 'SD' ? 'sd' : 'se'} in the front matter`, range: (s.label === 'SD' ? r.sd : r.se)?.range ?? r.keyRange }],
    });
  }
  return out;
}
