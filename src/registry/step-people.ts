// Who a row's Steps name: the workspace's people whose name a line of Steps writes, so the plan
// compiler can tell "Priya reviews it" (a person) from "Legal checks it" (nobody in particular).
// Pure: the workspace's people are read by the sync (once per pass) and passed in.
//
// Rules:
// - A person is named by their full name or their first name, as a whole word, in any case
//   ("Legal (Alex) checks step 3" → Alex Kim; "priya's sign-off" → Priya). Words are letters and
//   digits of any script, so "Ana" is not found in "Banana" and "Zoë" is one word.
// - A full name always counts. A first name several people share counts only for the one whose
//   full name is written too; otherwise nobody is guessed and the row gets a warning.
// - People come in the order the Steps first name them, each once.
// - A line in Notion's mention form (`<mention-user …>Name</mention-user>`) has already been turned
//   into the name by the body parser, so it is matched the same way.
import type { Person } from '../domain/workflow-definition';
import { rowProblem, type RowProblem } from './row-problem';

export interface WorkspacePerson {
  id: string;
  name: string;
}

/** The workspace's people as one sync read them, or why it could not (a RowProblem's reason). */
export type WorkspacePeople =
  | { ok: true; people: readonly WorkspacePerson[] }
  | { ok: false; reason: 'no_capability' | 'unavailable' | 'failed'; detail: string | null };

export interface StepPeople {
  people: Person[];
  problems: RowProblem[];
}

export function peopleNamedInSteps(lines: readonly string[], workspace: readonly WorkspacePerson[]): StepPeople {
  const text = lines.join('\n').normalize('NFC');
  const found = new Map<string, { person: Person; at: number }>();
  const note = (person: WorkspacePerson, at: number) => {
    const seen = found.get(person.id);
    if (!seen || at < seen.at) found.set(person.id, { person: { id: person.id, name: person.name }, at });
  };

  const byFirstName = new Map<string, WorkspacePerson[]>();
  for (const person of workspace) {
    const full = nameOf(person.name);
    if (full === '') continue;
    const at = firstIndex(text, full);
    if (at >= 0) note(person, at);
    const first = full.split(' ')[0] ?? '';
    if (first === full) continue;
    const key = first.toLocaleLowerCase();
    byFirstName.set(key, [...(byFirstName.get(key) ?? []), person]);
  }

  const problems: RowProblem[] = [];
  for (const [, people] of byFirstName) {
    const first = nameOf(people[0]?.name ?? '').split(' ')[0] ?? '';
    const at = firstIndex(text, first);
    if (at < 0) continue;
    // Someone whose name is only this first name ("Alex") is named by it too.
    const alone = workspace.filter((p) => nameOf(p.name).toLocaleLowerCase() === first.toLocaleLowerCase());
    const candidates = [...alone, ...people];
    if (candidates.length === 1 && candidates[0]) note(candidates[0], at);
    else if (!candidates.some((p) => found.has(p.id))) {
      problems.push(rowProblem({ kind: 'step_person_ambiguous', name: first, people: candidates.map((p) => nameOf(p.name)) }));
    }
  }

  const people = [...found.values()].sort((a, b) => a.at - b.at).map((f) => f.person);
  return { people, problems };
}

function nameOf(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Where `name` first appears in `text` as whole words, case-insensitively; -1 if nowhere. */
function firstIndex(text: string, name: string): number {
  const words = name.split(' ').map(escapeRegExp).join('\\s+');
  const match = new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
  return match ? match.index : -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
