// The rule registry. Order does not matter: rules do not read each other's findings, and "one
// finding per defect" is one pass after all of them ran (dedupe.ts, from `supersedes`); a test
// runs them in shuffled orders.
import { armTotalMismatch } from './arm-total-mismatch.js';
import { breakdownSum } from './breakdown-sum.js';
import { countExceedsDenominator } from './count-exceeds-denominator.js';
import { doseResponseClaim } from './dose-response-claim.js';
import { effectRecompute } from './effect-recompute.js';
import { flowArithmetic } from './flow-arithmetic.js';
import { frontMatterSyntax } from './front-matter-syntax.js';
import { impossiblePercentage } from './impossible-percentage.js';
import { impossibleMean } from './impossible-mean.js';
import { impossibleSpread } from './impossible-spread.js';
import { impossibleValue } from './impossible-value.js';
import { intervalInvalid } from './interval-invalid.js';
import { missingSection } from './missing-section.js';
import { orderStatistics } from './order-statistics.js';
import { pCiDisagree } from './p-ci-disagree.js';
import { pFromCounts } from './p-from-counts.js';
import { percentCountMismatch } from './percent-count-mismatch.js';
import { internalError } from './internal-error.js';
import type { Rule, RuleMeta } from './rule.js';
import { reportingItemMissing } from './reporting-item-missing.js';
import { sdSeConfusion } from './sd-se-confusion.js';
import { schemaUnavailable } from './schema-unavailable.js';
import { schemaViolation } from './schema-violation.js';
import { sectionOrder } from './section-order.js';
import { significanceWording } from './significance-wording.js';
import { totalMentionMismatch } from './total-mention-mismatch.js';
import { unknownReference } from './unknown-reference.js';
import { unjustifiedSuppression } from './unjustified-suppression.js';
import { unlinkedNumber } from './unlinked-number.js';
import { valueDisagrees } from './value-disagrees.js';

export const RULES: readonly Rule[] = [
  frontMatterSyntax,
  schemaUnavailable,
  schemaViolation,
  unknownReference,
  armTotalMismatch,
  countExceedsDenominator,
  flowArithmetic,
  impossibleMean,
  impossibleSpread,
  sdSeConfusion,
  orderStatistics,
  impossibleValue,
  percentCountMismatch,
  intervalInvalid,
  valueDisagrees,
  impossiblePercentage,
  totalMentionMismatch,
  breakdownSum,
  pCiDisagree,
  effectRecompute,
  significanceWording,
  doseResponseClaim,
  pFromCounts,
  unlinkedNumber,
  missingSection,
  sectionOrder,
  reportingItemMissing,
];

/** Every rule id the tool can report, with its metadata, including those raised outside a rule module. */
export const RULE_INFO: readonly RuleMeta[] = [...RULES.map(metaOf), unjustifiedSuppression, internalError].sort((a, b) => a.id.localeCompare(b.id));

/** A rule's metadata without its code. */
function metaOf(rule: Rule): RuleMeta {
  const { run: _run, fix: _fix, needsFrontMatter: _n, ...meta } = rule;
  return meta;
}

export const RULE_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(RULE_INFO.map((r) => [r.id, r]));
export { internalError };

export type { Rule, RuleContext, RuleMeta, Supersession } from './rule.js';
export { docsPath } from './rule.js';
