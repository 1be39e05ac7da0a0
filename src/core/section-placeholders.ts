// What a new section says until the writer replaces it: used by the New Report template and by
// TR301's fix, which inserts a missing section. No numbers, so nothing in it is checked.

const PLACEHOLDERS: Record<string, string> = {
  background: 'State the question the trial answers and why it matters.',
  objective: 'State the question the trial answers and why it matters.',
  objectives: 'State the question the trial answers and why it matters.',
  methods: 'Describe the design, participants and setting, the interventions, the primary outcome, how participants were randomised and who was blinded.',
  results: 'Give the numbers randomised and analysed in each group, then the primary outcome in each group with the effect size and its confidence interval.',
  safety: 'Describe the important adverse events or side effects in each group, or say that none occurred.',
  harms: 'Describe the important adverse events or side effects in each group, or say that none occurred.',
  conclusions: 'Give the general interpretation of the results.',
  conclusion: 'Give the general interpretation of the results.',
  registration: 'Name the registry and the registration number.',
  funding: 'Name the source of funding.',
};

export function sectionPlaceholder(name: string): string {
  return PLACEHOLDERS[name.toLowerCase().trim()] ?? `Write the ${name} section.`;
}

