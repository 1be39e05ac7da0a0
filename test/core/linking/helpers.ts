// Builds a one-paragraph report around a sentence and returns what linking made of each number:
// the tests of each construction matcher read real published sentences this way.
import { analyzeDocument, type Mention } from '../../../src/core/index.js';

export interface ArmSpec {
  id: string;
  label: string;
  aliases?: string[];
  randomized?: number;
}

export interface OutcomeSpec {
  id: string;
  label: string;
  aliases?: string[];
}

export interface Read {
  text: string;
  kind: Mention['kind'];
  arm?: string;
  outcome?: string;
  via?: string;
  inferred?: boolean;
  role?: string;
}

const yamlList = (xs: string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;

/** The report's text: the arms and outcomes given, then the sentence under Results. */
export function report(arms: ArmSpec[], outcomes: OutcomeSpec[], body: string, aes: string[] = []): string {
  const total = arms.reduce((s, a) => s + (a.randomized ?? 100), 0);
  return [
    '---',
    'trial:',
    '  title: Linking test',
    `  randomized: ${total}`,
    'arms:',
    ...arms.flatMap((a) => [`  - id: ${a.id}`, `    label: ${JSON.stringify(a.label)}`, `    randomized: ${a.randomized ?? 100}`, ...(a.aliases ? [`    aliases: ${yamlList(a.aliases)}`] : [])]),
    'endpoints:',
    ...outcomes.flatMap((e) => [`  - id: ${e.id}`, `    label: ${JSON.stringify(e.label)}`, '    type: binary', ...(e.aliases ? [`    aliases: ${yamlList(e.aliases)}`] : [])]),
    ...(aes.length ? ['adverse_events:', ...aes.map((t) => `  - term: ${JSON.stringify(t)}`)] : []),
    '---',
    '',
    '## Results',
    '',
    body,
    '',
  ].join('\n');
}

/** Every number linking read in `body`, with its link. */
export function read(arms: ArmSpec[], outcomes: OutcomeSpec[], body: string, aes: string[] = []): Read[] {
  const { model } = analyzeDocument(report(arms, outcomes, body, aes), { fileName: 'x.trial.md' });
  return model.mentions.map((m) => {
    const outcome = m.link.endpointId ?? (m.link.adverseEvent !== undefined ? `ae${m.link.adverseEvent + 1}` : undefined);
    return {
      text: m.text.replace(/\s+/g, ' '),
      kind: m.kind,
      ...(m.link.armId ? { arm: m.link.armId } : {}),
      ...(outcome ? { outcome } : {}),
      ...(m.link.via ? { via: m.link.via } : {}),
      ...(m.link.inferred ? { inferred: true } : {}),
      ...(m.role ? { role: m.role } : {}),
    };
  });
}

/** The arm (or "trial", or "-") each number was linked to, keyed by its text. */
export function armsOf(reads: Read[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of reads) out[r.text] = r.arm ?? (r.kind === 'sample-size' && r.role && r.role !== 'other' ? 'trial' : '-');
  return out;
}
