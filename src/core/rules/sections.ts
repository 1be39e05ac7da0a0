// Matching level-2 headings to the schema's required sections (TR301, TR302).
import type { Section } from '../types.js';

export function normalise(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** For each required section (a list of accepted names), the index of the first matching heading. */
export function matchSections(sections: Section[], required: string[][]): (number | undefined)[] {
  const names = sections.map((s) => normalise(s.title));
  return required.map((accepted) => {
    const want = accepted.map(normalise);
    const i = names.findIndex((n) => want.includes(n));
    return i < 0 ? undefined : i;
  });
}
