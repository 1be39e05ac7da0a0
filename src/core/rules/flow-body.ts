import { bodyContinuous, type FlowKey } from '../body-continuous.js';
import type { Finding, TrialModel, WrittenNumber } from '../types.js';
import type { RuleContext } from './rule.js';

const WORDS: Record<FlowKey, string> = {
  assessed: 'assessed for eligibility',
  received: 'received the allocated intervention',
  discontinued: 'discontinued',
  lost: 'lost to follow-up',
  completed: 'completed the study',
};

/** What the front matter allows a body count of `key` to be: the trial's, each arm's, their sum. */
function allowed(model: TrialModel, key: FlowKey): { values: Set<number>; total?: WrittenNumber | number; perArm: Map<string, WrittenNumber> } | undefined {
  if (key === 'assessed') {
    const a = model.trial.assessed;
    return a ? { values: new Set([a.value]), total: a, perArm: new Map() } : undefined;
  }
  const perArm = new Map<string, WrittenNumber>();
  for (const arm of model.arms) {
    const v = arm[key];
    if (v) perArm.set(arm.id, v);
  }
  // Without every arm's count the total is unknown, and a body total cannot be judged.
  if (perArm.size === 0 || perArm.size !== model.arms.length) return undefined;
  const sum = [...perArm.values()].reduce((s, v) => s + v.value, 0);
  return { values: new Set([sum, ...[...perArm.values()].map((v) => v.value)]), total: sum, perArm };
}

/**
 * TR115 on the body: a flow count written in prose ("398 were assessed for eligibility",
 * "135 completed the study") compared with the flow values it names. Read charitably: the count
 * may be the trial's, any one arm's, or the sum over arms; it is flagged only when it is none of
 * them, and only when the front matter gives the count for every arm.
 */
export function bodyFlowFindings(ctx: RuleContext): Finding[] {
  const { model, doc } = ctx;
  if (!model.trial.assessed && !model.arms.some((a) => a.received || a.discontinued || a.lost || a.completed)) return [];
  const out: Finding[] = [];
  for (const f of bodyContinuous(model, doc).flow) {
    const ok = allowed(model, f.key);
    if (!ok || ok.values.has(f.count.value)) continue;
    const arm = f.armIds.length === 1 ? model.arms.find((a) => a.id === f.armIds[0]) : undefined;
    const armValue = arm ? ok.perArm.get(arm.id) : undefined;
    const expected = armValue ?? ok.total;
    const expectedText = expected === undefined ? undefined : typeof expected === 'number' ? String(expected) : expected.text;
    const declared =
      f.key === 'assessed'
        ? `\`trial.assessed\` is ${expectedText}`
        : armValue && arm
          ? `${arm.label}: ${armValue.value} ${WORDS[f.key]}`
          : `${[...ok.perArm.values()].map((v) => v.value).join(' + ')} = ${ok.total as number} ${WORDS[f.key]} over the arms`;
    const related = f.key === 'assessed' ? [{ message: 'assessed', range: model.trial.assessed!.range }] : armValue ? [{ message: `${arm!.label}: ${f.key}`, range: armValue.range }] : [...ok.perArm.entries()].map(([id, v]) => ({ message: `${model.arms.find((a) => a.id === id)?.label ?? id}: ${f.key}`, range: v.range }));
    out.push({
      ruleId: 'TR115',
      severity: 'warning',
      message: `${f.count.text} ${WORDS[f.key]} disagrees with the front matter: ${declared}.`,
      range: f.count.range,
      ...(expectedText ? { expected: [expectedText] } : {}),
      related,
    });
  }
  return out;
}
