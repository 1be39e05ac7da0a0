// The rule registry. Order matters: a rule may consult the findings of rules before it
// ("one finding per defect"), so impossible values and broken intervals come first.
import type { Severity } from '../types.js';
import { armTotalMismatch } from './arm-total-mismatch.js';
import { breakdownSum } from './breakdown-sum.js';
import { countExceedsDenominator } from './count-exceeds-denominator.js';
import { doseResponseClaim } from './dose-response-claim.js';
import { effectRecompute } from './effect-recompute.js';
import { frontMatterSyntax } from './front-matter-syntax.js';
import { impossiblePercentage } from './impossible-percentage.js';
import { impossibleValue } from './impossible-value.js';
import { intervalInvalid } from './interval-invalid.js';
import { missingSection } from './missing-section.js';
import { pCiDisagree } from './p-ci-disagree.js';
import { pFromCounts } from './p-from-counts.js';
import { percentCountMismatch } from './percent-count-mismatch.js';
import type { Rule } from './rule.js';
import { reportingItemMissing } from './reporting-item-missing.js';
import { schemaUnavailable } from './schema-unavailable.js';
import { schemaViolation } from './schema-violation.js';
import { sectionOrder } from './section-order.js';
import { significanceWording } from './significance-wording.js';
import { totalMentionMismatch } from './total-mention-mismatch.js';
import { unknownReference } from './unknown-reference.js';
import { unlinkedNumber } from './unlinked-number.js';
import { valueDisagrees } from './value-disagrees.js';

export const RULES: readonly Rule[] = [
  frontMatterSyntax,
  schemaUnavailable,
  schemaViolation,
  unknownReference,
  armTotalMismatch,
  countExceedsDenominator,
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

export interface RuleInfo {
  id: string;
  alias: string;
  defaultSeverity: Severity;
}

/** Every rule id the tool can report, including those raised outside a rule module. */
export const RULE_INFO: readonly RuleInfo[] = [
  ...RULES.map(({ id, alias, defaultSeverity }) => ({ id, alias, defaultSeverity })),
  { id: 'TR901', alias: 'unjustified-suppression', defaultSeverity: 'warning' as const },
].sort((a, b) => a.id.localeCompare(b.id));

export type { Rule, RuleContext } from './rule.js';
