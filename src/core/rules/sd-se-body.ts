import { bodyContinuous } from '../body-continuous.js';
import { formatAtLeast, seInterval } from '../continuous.js';
import { overlaps, writtenInterval } from '../numbers.js';
import type { ArmResult, Finding, WrittenNumber } from '../types.js';
import type { RuleContext } from './rule.js';

const iv = (x: WrittenNumber): [number, number] => writtenInterval(x.value, x.decimals);

interface Candidate {
  result: ArmResult;
  sd?: [number, number];
  se?: [number, number];
  label: string;
}

/**
 * TR118 on the body: a value labelled SD (or a bare ±) that matches an SE of the outcome's
 * results and no SD, or a labelled SE that matches an SD and no SE. Only prose naming one outcome
 * is read, and only where the written mean is the front matter's mean of the result whose SE or
 * SD matched: then what the spread is can be told with certainty.
 */
export function bodySdSeConfusion(ctx: RuleContext): Finding[] {
  const { model, doc } = ctx;
  if (!model.endpoints.some((e) => e.results.some((r) => r.mean && (r.sd || r.se)))) return [];
  const out: Finding[] = [];
  for (const s of bodyContinuous(model, doc).summaries) {
    if (s.where !== 'prose' || !s.spread || (s.label !== 'SD' && s.label !== 'SE') || s.endpointIds.length !== 1) continue;
    // A bare ± in a sentence that mentions SE somewhere may be either: neither reading is certain.
    if (!s.labelled && s.label === 'SE') continue;
    const ep = model.endpoints.find((e) => e.id === s.endpointIds[0]);
    if (!ep) continue;
    const arms = s.armIds.length > 0 ? s.armIds : ep.results.map((r) => r.armId);
    const candidates: Candidate[] = [];
    for (const r of ep.results) {
      if (!arms.includes(r.armId) || !r.mean || !overlaps(iv(r.mean), iv(s.centre))) continue;
      const n = r.n && Number.isSafeInteger(r.n.value) && r.n.value >= 1 ? r.n.value : undefined;
      const sd = r.sd ? iv(r.sd) : r.se && n ? ([iv(r.se)[0] * Math.sqrt(n), iv(r.se)[1] * Math.sqrt(n)] as [number, number]) : undefined;
      const se = r.se ? iv(r.se) : r.sd && n ? seInterval(r.sd, n) : undefined;
      candidates.push({ result: r, ...(sd ? { sd } : {}), ...(se ? { se } : {}), label: model.arms.find((a) => a.id === r.armId)?.label ?? r.armId });
    }
    const said = iv(s.spread);
    const asSd = candidates.filter((c) => c.sd && overlaps(said, c.sd));
    const asSe = candidates.filter((c) => c.se && overlaps(said, c.se));
    const wrong = s.label === 'SD' ? asSe : asSd;
    const right = s.label === 'SD' ? asSd : asSe;
    if (wrong.length === 0 || right.length > 0) continue;
    const c = wrong[0]!;
    const r = c.result;
    const correct = s.label === 'SD' ? (r.sd?.text ?? formatAtLeast((c.sd![0] + c.sd![1]) / 2, s.spread.decimals)) : (r.se?.text ?? formatAtLeast((c.se![0] + c.se![1]) / 2, s.spread.decimals));
    const written = s.labelled ? `labelled ${s.label}` : 'after a bare ± (an SD unless the text says SE)';
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
