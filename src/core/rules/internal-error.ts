import type { RuleMeta } from './rule.js';

/**
 * TR900: a check that failed on this document (a bug in trial-report, never in the report). Its
 * own id, so that turning a rule off never hides that the checks did not all run; it cannot be
 * turned off, and a warning rather than an error, so it does not fail CI by itself.
 */
export const internalError: RuleMeta = {
  id: 'TR900',
  alias: 'internal-error',
  description: 'a check failed on this document (a bug in trial-report): the other checks ran',
  defaultSeverity: 'warning',
  fixable: false,
  internal: true,
};
