import type { RuleMeta } from './rule.js';

/**
 * TR901: a suppression comment without a justification. Raised where suppressions are applied
 * (suppress.ts), after every rule ran, so it is metadata only.
 */
export const unjustifiedSuppression: RuleMeta = {
  id: 'TR901',
  alias: 'unjustified-suppression',
  description: 'a suppression comment without a justification',
  defaultSeverity: 'warning',
  fixable: false,
};
