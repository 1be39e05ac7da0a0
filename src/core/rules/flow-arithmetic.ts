import type { Finding, WrittenNumber } from '../types.js';
import { bodyFlowFindings } from './flow-body.js';
import type { Rule } from './rule.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (n: WrittenNumber | undefined): n is WrittenNumber => !!n && Number.isInteger(n.value) && n.value >= 0;

/** The counts of one arm that cannot exceed its randomised number (`analysed` is TR102's). */
const ARM_FLOW = ['received', 'discontinued', 'lost', 'completed'] as const;
const ARM_FLOW_WORDS: Record<(typeof ARM_FLOW)[number], string> = {
  received: 'received the allocated intervention',
  discontinued: 'discontinued the intervention',
  lost: 'were lost to follow-up',
  completed: 'completed the study',
};

/**
 * TR115: the participant flow (format 1.1) adds up: assessed − excluded = randomised, the
 * exclusion reasons add up to `excluded`, and no arm's flow count exceeds the number randomised
 * to it. Read from the front matter as written; values the schema rejects (not whole numbers)
 * are left to TR201.
 */
export const flowArithmetic: Rule = {
  id: 'TR115',
  alias: 'flow-arithmetic',
  defaultSeverity: 'error',
  description: 'participant flow that does not add up: assessed − excluded ≠ randomised, exclusion reasons ≠ excluded, an arm\'s flow count above its randomised number',
  fixable: true,
  needsFrontMatter: true,
  run(ctx) {
    const { model, fm } = ctx;
    const out: Finding[] = [...bodyFlowFindings(ctx)];
    const { assessed, excluded, randomized, exclusionReasons } = model.trial;

    if (isCount(assessed) && isCount(excluded) && isCount(randomized) && assessed.value - excluded.value !== randomized.value) {
      const implied = assessed.value - randomized.value;
      out.push({
        ruleId: 'TR115',
        severity: 'error',
        message: `${assessed.value} assessed − ${excluded.value} excluded = ${assessed.value - excluded.value}, but ${randomized.value} were randomised${implied >= 0 ? `; ${implied} excluded would make the flow add up` : ''}.`,
        range: excluded.range,
        ...(implied >= 0 ? { expected: [String(implied)] } : {}),
        related: [
          { message: `${assessed.value} assessed`, range: assessed.range },
          { message: `${randomized.value} randomised`, range: randomized.range },
        ],
      });
    }

    // Summed only when every reason's count was read: one the schema rejects makes the sum unknown.
    const data = model.frontMatter?.data;
    const rawReasons = isObj(data) && isObj(data['trial']) ? data['trial']['exclusion_reasons'] : undefined;
    const allRead = isObj(rawReasons) && exclusionReasons?.length === Object.keys(rawReasons).length;
    if (fm && allRead && exclusionReasons.length > 0 && exclusionReasons.every((r) => isCount(r.count)) && isCount(excluded)) {
      const sum = exclusionReasons.reduce((a, r) => a + r.count.value, 0);
      if (sum !== excluded.value) {
        out.push({
          ruleId: 'TR115',
          severity: 'error',
          message: `The exclusion reasons add up to ${sum} (${exclusionReasons.map((r) => r.count.value).join(' + ')}), but ${excluded.value} were excluded.`,
          range: fm.anchor('/trial/exclusion_reasons'),
          related: [{ message: `${excluded.value} excluded`, range: excluded.range }],
        });
      }
    }

    for (const arm of model.arms) {
      if (!isCount(arm.randomized)) continue;
      for (const key of ARM_FLOW) {
        const v = arm[key];
        if (!isCount(v) || v.value <= arm.randomized.value) continue;
        out.push({
          ruleId: 'TR115',
          severity: 'error',
          message: `${arm.label}: ${v.value} ${ARM_FLOW_WORDS[key]}, but only ${arm.randomized.value} were randomised to it.`,
          range: v.range,
          related: [{ message: `${arm.label}: ${arm.randomized.value} randomised`, range: arm.randomized.range }],
        });
      }
    }
    return out;
  },
};
