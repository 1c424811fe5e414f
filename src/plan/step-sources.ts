// Which of the row's Context sources a step names, and which sources it names that Context
// does not hold. A step names a source
// - by the source's own words: "Summarise interview notes" reads the page labelled
//   "Interview notes"; every meaningful word of the label must be in the step, loosely
//   ("summaries", one typo), so "Draft the kickoff brief" does not read "Kickoff brief — how we
//   run kickoffs";
// - by service and name: "(Drive folder Applicants)", "the Notion page Interview notes";
//   Context must then hold it, or the step would draft from nothing;
// - by the words for the workflow's last output ("last week's brief", "last month's update", or
//   a comparison: "what changed since last week") or for what started the run ("the article", "the new file", "the proposal that just arrived").
// Pure string work.
import type { ContextReference } from '../domain/workflow-definition';
import { containsAll, contentWords, wordsOf } from './words';

export type TypedService = 'drive_folder' | 'drive_file' | 'notion_page';

export type UnknownSource =
  /** "(Drive folder Applicants)" with no such source under Context. */
  | { source: 'named'; service: TypedService; name: string }
  /** "last week's brief" with no such line under Context. */
  | { source: 'previous_output'; words: string }
  /** "the new file" in a workflow that nothing starts with a file or a row. */
  | { source: 'trigger_file'; words: string };

export interface SourceScope {
  context: readonly ContextReference[];
  /** Something starts the runs with a subject (a Watch folder, a row trigger, another workflow). */
  hasTriggerSubject: boolean;
}

export interface SourceReading {
  /** Context sources the text names, in Context order. */
  refs: ContextReference[];
  unknown: UnknownSource[];
}

// Words that say what kind of thing a source is, not which one.
const GENERIC = new Set('page pages folder folders file files doc docs document sheet sheets spreadsheet notion drive google link how what why we us'.split(' '));

const TYPED = new RegExp(
  String.raw`\b(google\s+drive\s+folder|drive\s+folder|drive\s+file|google\s+docs?|google\s+sheets?|notion\s+page|notion)\s*[:\-–—]?\s*(?:the\s+)?(?!(?:for|to|in|into|from|with|and|or|about|on|under|at|of|by|as|is|are|page|folder)\b)(["'“‘]?)([^()"”’.,;:!?\n]+?)\2\s*(?=[)\].,;:!?\n]|$|\s+(?:and|to|for|from|in|into|with|then|so|but|or|under|on)\b)`,
  'giu',
);

// The same names for the last output as a Context line may use (registry/context-reference.ts).
const OUTPUT_NOUN = '(?:brief|output|synthesis|syntheses|report|summary|digest|edition|version|newsletter|draft|memo|recap|analysis|update|roundup|round-up|write-up|writeup)s?';
const PERIOD = '(?:week|sprint|month|quarter|year|run|cycle|day|time)';
const PREVIOUS_OUTPUT = [
  new RegExp(`\\b(?:last|previous|prior|latest) ${PERIOD}(?:'s|s'|s)? ${OUTPUT_NOUN}\\b`, 'i'),
  new RegExp(`\\b(?:the|our|my) (?:last|previous|prior|most recent)(?: published| approved)? ${OUTPUT_NOUN}\\b`, 'i'),
];
// Words that compare with the last output without naming it ("what changed since last week",
// "compared with the last one"). They read the Context line for the previous output when there
// is one, but are no error without it: "since last week" may only say which files are new.
const COMPARES = [
  new RegExp(`\\bsince (?:the )?(?:last|previous|prior) (?:${PERIOD}|one)\\b`, 'i'),
  /\b(?:compared?|comparing|against|versus|vs\.?|with|from)\s+(?:the\s+)?(?:last|previous|prior)\s+one\b/i,
];
const SUBJECT_NOUN = '(?:file|article|doc|document|proposal|upload|pdf|deck|contract|transcript|recording|deal|row|post|entry)';
const TRIGGER_WORDS = [
  new RegExp(`\\b(?:the|this) (?:new|incoming|triggering|uploaded|just-arrived|newly added) ${SUBJECT_NOUN}s?\\b`, 'i'),
  new RegExp(`\\b(?:the |this )?${SUBJECT_NOUN} that (?:just )?(?:arrived|landed|came in|was (?:just )?(?:added|uploaded|dropped)|started (?:the|this) run|triggered (?:the|this) run)\\b`, 'i'),
];

export function readSources(text: string, scope: SourceScope): SourceReading {
  const spoken = text.replace(/[’‘]/g, "'");
  const words = wordsOf(spoken);
  const named = new Set<ContextReference>();
  const unknown: UnknownSource[] = [];

  for (const ref of scope.context) {
    const wanted = labelWords(ref);
    if (wanted.length > 0 && containsAll(words, wanted)) named.add(ref);
  }

  for (const m of spoken.matchAll(TYPED)) {
    const service = serviceOf(m[1] ?? '');
    const name = (m[3] ?? '').trim();
    if (name === '' || contentWords(name, GENERIC).length === 0) continue;
    const found = scope.context.filter((ref) => fits(ref, service) && sameLabel(ref.label, name));
    if (found.length === 0) unknown.push({ source: 'named', service, name });
    for (const ref of found) named.add(ref);
  }

  const previous = PREVIOUS_OUTPUT.map((re) => re.exec(spoken)?.[0]).find((w) => w !== undefined);
  if (previous !== undefined) {
    const refs = scope.context.filter((ref) => ref.kind === 'previous_output');
    if (refs.length === 0) unknown.push({ source: 'previous_output', words: previous });
    for (const ref of refs) named.add(ref);
  }
  if (previous === undefined && COMPARES.some((re) => re.test(spoken))) {
    for (const ref of scope.context) if (ref.kind === 'previous_output') named.add(ref);
  }

  const triggers = scope.context.filter((ref) => ref.kind === 'trigger_file');
  const byNoun = triggers.filter((ref) => triggerNouns(ref.label).some((noun) => new RegExp(`\\b(?:the|this)\\s+(?:[\\p{L}-]+\\s+)?${noun}s?\\b`, 'iu').test(spoken)));
  const generic = TRIGGER_WORDS.map((re) => re.exec(spoken)?.[0]).find((w) => w !== undefined);
  for (const ref of byNoun) named.add(ref);
  if (generic !== undefined && byNoun.length === 0) {
    if (triggers.length > 0) for (const ref of triggers) named.add(ref);
    else if (scope.hasTriggerSubject) named.add({ kind: 'trigger_file', label: generic });
    else unknown.push({ source: 'trigger_file', words: generic });
  }

  const ordered = scope.context.filter((ref) => named.has(ref));
  const extra = [...named].filter((ref) => !scope.context.includes(ref));
  return { refs: [...ordered, ...extra], unknown };
}

/** The words a step must use to name a source; none for sources named only by a link. */
function labelWords(ref: ContextReference): string[] {
  if (/^https?:\/\//i.test(ref.label)) return [];
  return contentWords(ref.label.replace(/\([^)]*\)/g, ' '), GENERIC);
}

/** "The new file (the signed proposal)" → file, proposal: the nouns "the …" may use for it. */
function triggerNouns(label: string): string[] {
  return contentWords(label, new Set(['signed', 'published', 'closed', 'won', 'triggering', 'incoming', 'uploaded', 'that', 'just', 'arrived', 'started', 'run']))
    .filter((w) => /^[\p{L}-]{3,}$/u.test(w))
    .map((w) => w.replace(/s$/, ''));
}

function serviceOf(words: string): TypedService {
  const w = words.toLowerCase();
  if (w.includes('notion')) return 'notion_page';
  return w.includes('folder') ? 'drive_folder' : 'drive_file';
}

function fits(ref: ContextReference, service: TypedService): boolean {
  if (ref.kind === 'described') return true; // a source named without a link (the registry says so)
  if (service === 'notion_page') return ref.kind === 'notion_page';
  return ref.kind === 'drive_folder' || ref.kind === 'drive_file';
}

function sameLabel(label: string, name: string): boolean {
  const a = contentWords(label.replace(/\([^)]*\)/g, ' '), GENERIC);
  const b = contentWords(name, GENERIC);
  return containsAll(a, b) && containsAll(b, a);
}
