import type { Rule } from './rule.js';

/** TR202: YAML that does not parse. The parser's findings are made while building the model. */
export const frontMatterSyntax: Rule = {
  id: 'TR202',
  alias: 'front-matter-syntax',
  defaultSeverity: 'error',
  description: 'YAML that does not parse, with a hint for an unquoted `: `',
  fixable: true,
  needsFrontMatter: false,
  run: ({ syntaxErrors }) => syntaxErrors,
};
