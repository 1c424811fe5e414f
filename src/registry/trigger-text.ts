// What starts a workflow besides its Schedule, in the row's own words: its Trigger property and
// its body's Trigger section, one phrase per line (or per ";"). Pure: links are only recognised
// here; whether Baton may open them is check-links.ts's job.
//
// The phrases, compared without case, with a leading "When" / "Runs when" / "Starts when" /
// "Trigger:", a trailing period and curly quotes ignored:
// - A Notion row reaching a value (`rowTrigger`):
//     a row in <database link> has <Property> = <value>   ("is", "reaches", "becomes", "changes to",
//                                                          "is set to" work for "=")
//     a <database link> row reaches <Property> = <value>
//     <Property> in <database link> becomes <value>
// - Another workflow publishing (`afterWorkflow`): "<workflow name> publishes", "<name> is
//   published", "after <name> is published".
// - A file landing in a Drive folder (the Watch folder): "a file lands in <Drive folder link>"
//   (also "is added to", "is uploaded to", "arrives in").
// The database link is a Notion address (…/<32 hex>?v=…), a markdown link to one, or an
// @-mention (`<mention-database url="…">Deals</mention-database>`); its label is the mention's
// or link's title, else the address. Anything else is `trigger_unreadable`, quoting the line
// and saying which part is missing, with an example.
import { parseSchedule } from '../schedule';
import type { ChainTrigger, ContextReference, RowTrigger } from '../domain/workflow-definition';
import { dashedId, linkService, parseDriveUrl, parseNotionUrl } from './links';
import { findLinks, inlineText, plainWords, type FoundLink } from './notion-markdown';
import { rowProblem, type LinkFound, type RowProblem } from './row-problem';

export type DriveFolderReference = Extract<ContextReference, { kind: 'drive_folder' }>;

export type TriggerPhrase =
  | { kind: 'row'; rowTrigger: RowTrigger }
  | { kind: 'chain'; afterWorkflow: ChainTrigger }
  | { kind: 'folder'; folder: DriveFolderReference };

export type TriggerPhraseReading = { ok: true; phrase: TriggerPhrase } | { ok: false; problem: RowProblem };

export interface TriggerReading {
  rowTrigger: RowTrigger | null;
  afterWorkflow: ChainTrigger | null;
  /** "When a file lands in <folder>": the folder, to be the Watch folder. */
  folder: DriveFolderReference | null;
  problems: RowProblem[];
}

/** Reads every phrase of the Trigger property and section; two different ones of a kind are an error. */
export function readTriggers(texts: readonly string[]): TriggerReading {
  const phrases: { phrase: TriggerPhrase; text: string }[] = [];
  const problems: RowProblem[] = [];
  for (const line of texts.flatMap(splitPhrases)) {
    const reading = parseTriggerPhrase(line);
    if (!reading.ok) problems.push(reading.problem);
    else if (!phrases.some((p) => samePhrase(p.phrase, reading.phrase))) phrases.push({ phrase: reading.phrase, text: readable(line) });
  }
  const one = <K extends TriggerPhrase['kind']>(kind: K): Extract<TriggerPhrase, { kind: K }> | null => {
    const found = phrases.filter((p) => p.phrase.kind === kind);
    if (found.length > 1) problems.push(rowProblem({ kind: 'trigger_several', what: kind, texts: found.map((p) => p.text) }));
    return found.length === 1 ? (found[0]?.phrase as Extract<TriggerPhrase, { kind: K }>) : null;
  };
  return {
    rowTrigger: one('row')?.rowTrigger ?? null,
    afterWorkflow: one('chain')?.afterWorkflow ?? null,
    folder: one('folder')?.folder ?? null,
    problems,
  };
}

// A placeholder for the n-th link of a line, so the grammar below reads words only.
const LINK = '⟦(\\d+)⟧';
const ARTICLE = '(?:(?:a|an|any|each|every|the|one)\\s+)?(?:new\\s+)?';
const ROW_NOUN = '(?:row|page|entry|item|record|card)s?';
// "=" needs no spaces around it; the words do (so "Discount is 10" is not "D" + "is" + "count…").
const OPERATOR = '(?:\\s*(?:==|=|:)\\s*|\\s+(?:is set to|is now|changes? to|becomes?|reaches|reach|moves? to|equals?|is)\\s+)';
const VERB = '(?:(?:that|which)\\s+)?(?:has|have|gets|get|reaches|reach|hits|with|where|whose|moves to|is moved to)';
const DATABASE_WORD = '(?:\\s+(?:database|table|db))?';

// With the database linked: "a row in ⟦0⟧ has Stage = Closed won", "a ⟦0⟧ row reaches …", "Stage in ⟦0⟧ becomes …".
const ROW_IN_LINK = new RegExp(`^${ARTICLE}${ROW_NOUN}\\s+(?:in|of|from|inside)\\s+(?:the\\s+)?${LINK}${DATABASE_WORD},?(?:\\s+${VERB})?\\s*(.*)$`, 'iu');
const LINK_ROW = new RegExp(`^${ARTICLE}${LINK}${DATABASE_WORD}\\s+${ROW_NOUN},?(?:\\s+${VERB})?\\s*(.*)$`, 'iu');
const PROPERTY_IN_LINK = new RegExp(`^(?:the\\s+)?(.+?)\\s+(?:of\\s+(?:a|an|any)\\s+${ROW_NOUN}\\s+)?(?:in|of)\\s+(?:the\\s+)?${LINK}${DATABASE_WORD}${OPERATOR}(.+)$`, 'iu');
// The same with the database named in words only (refused: Baton needs the link).
const ROW_IN_WORDS = new RegExp(`^${ARTICLE}${ROW_NOUN}\\s+(?:in|of|from|inside)\\s+(?:the\\s+)?(.+?)${DATABASE_WORD},?\\s+${VERB}\\s+(.*)$`, 'iu');
const WORDS_ROW = new RegExp(`^${ARTICLE}(.+?)${DATABASE_WORD}\\s+${ROW_NOUN},?\\s+${VERB}\\s+(.*)$`, 'iu');
const PROPERTY_IN_WORDS = new RegExp(`^(?:the\\s+)?(.+?)\\s+(?:in|of)\\s+(?:the\\s+)?(.+?)${DATABASE_WORD}${OPERATOR}(.+)$`, 'iu');
const CONDITION = new RegExp(`^(.+?)${OPERATOR}(.+)$`, 'iu');

const CHAIN = /^(?:after\s+|once\s+)?(.+?)\s+(?:publishes|is published|has published|has been published|gets published|is approved and published)$/iu;
const FILE_VERB =
  '(?:lands?|is added|are added|gets added|is uploaded|are uploaded|arrives?|appears?|is dropped|are dropped|is put|is saved|is created|comes? in|shows? up)';
const FOLDER = `(?:the\\s+)?(?:folder\\s+)?(?:${LINK}|(.+?))(?:\\s+folder)?`;
const FILE_LANDS = new RegExp(`^${ARTICLE}(?:file|document|doc|pdf|upload|proposal)s?\\s+${FILE_VERB}\\s+(?:in|to|into|inside)\\s+${FOLDER}$`, 'iu');
const NEW_FILES_IN = new RegExp(`^new\\s+(?:file|document)s?\\s+in\\s+${FOLDER}$`, 'iu');

/** One phrase → what it says starts the workflow, or the problem with it. */
export function parseTriggerPhrase(raw: string): TriggerPhraseReading {
  const text = readable(raw);
  const links = findLinks(raw);
  let masked = raw;
  for (const [i, link] of [...links.entries()].reverse()) masked = `${masked.slice(0, link.start)} ⟦${i}⟧ ${masked.slice(link.end)}`;
  const words = stripLead(normalise(plainWords(inlineText(masked))));
  const fail = (problem: RowProblem): TriggerPhraseReading => ({ ok: false, problem });
  const unreadable = (reason: 'not_understood' | 'no_condition' | 'no_database_link' | 'no_folder_link' | 'schedule', named: string | null = null) =>
    fail(rowProblem({ kind: 'trigger_unreadable', text, reason, named }));
  const linkAt = (index: string | undefined) => (index === undefined ? undefined : links[Number(index)]);

  const file = FILE_LANDS.exec(words) ?? NEW_FILES_IN.exec(words);
  if (file) {
    const link = linkAt(file[1]);
    if (!link) return unreadable('no_folder_link', unquote(file[2] ?? ''));
    const drive = parseDriveUrl(link.url);
    if (!drive || drive.kind === 'file') return fail(rowProblem({ kind: 'trigger_folder_invalid', value: link.url, found: linkFound(link.url) }));
    return { ok: true, phrase: { kind: 'folder', folder: { kind: 'drive_folder', id: drive.id, url: link.url, label: linkLabel(link) } } };
  }

  const chain = CHAIN.exec(words);
  if (chain?.[1] && !/^(?:a|an|any|each|every)\s+(?:row|page|entry|file)\b/i.test(chain[1])) {
    const name = unquote(chain[1].replace(/⟦(\d+)⟧/g, (_all, i: string) => links[Number(i)]?.title ?? links[Number(i)]?.url ?? ''));
    if (name !== '') return { ok: true, phrase: { kind: 'chain', afterWorkflow: { workflowName: name } } };
  }

  const row = linkedRow(words);
  if (row) {
    const link = links[Number(row.link)];
    if (!link) return unreadable('not_understood');
    const id = parseNotionUrl(link.url);
    if (!id) return fail(rowProblem({ kind: 'trigger_link_not_database', label: linkLabel(link), url: link.url, found: linkFound(link.url) }));
    if (!row.property || !row.value) return unreadable('no_condition');
    return {
      ok: true,
      phrase: { kind: 'row', rowTrigger: { databaseId: dashedId(id), url: link.url, label: linkLabel(link), property: row.property, value: row.value } },
    };
  }

  // Before the wordier forms, which would read "every Monday at 9:00 in Paris" as a database name.
  // Any date does as the anchor: only whether the words are a schedule matters here.
  if (parseSchedule(words, 'UTC', { anchor: '2026-01-01' }).ok) return unreadable('schedule');
  const named = unlinkedDatabase(words);
  if (named !== null) return unreadable('no_database_link', named);
  return unreadable('not_understood');
}

/** "checked" / "unchecked" (and true/false, yes/no) as a checkbox's value; null for other words. */
export function checkboxValue(text: string): boolean | null {
  const word = normalise(text).toLowerCase();
  if (['checked', 'true', 'yes', 'ticked', 'done'].includes(word)) return true;
  if (['unchecked', 'false', 'no', 'unticked', 'not checked', 'not done'].includes(word)) return false;
  return null;
}

interface LinkedRow {
  /** The index of the database's link on the line. */
  link: string;
  property: string | null;
  value: string | null;
}

function linkedRow(words: string): LinkedRow | null {
  for (const form of [ROW_IN_LINK, LINK_ROW]) {
    const match = form.exec(words);
    if (!match?.[1]) continue;
    const condition = CONDITION.exec(match[2] ?? '');
    return { link: match[1], property: unquote(condition?.[1] ?? '') || null, value: unquote(condition?.[2] ?? '') || null };
  }
  const match = PROPERTY_IN_LINK.exec(words);
  if (!match?.[2]) return null;
  return { link: match[2], property: unquote(match[1] ?? '') || null, value: unquote(match[3] ?? '') || null };
}

/** The database's name, when the line is a row trigger that names it without a link. */
function unlinkedDatabase(words: string): string | null {
  const match = ROW_IN_WORDS.exec(words) ?? WORDS_ROW.exec(words);
  if (match?.[1]) return unquote(match[1]);
  const byProperty = PROPERTY_IN_WORDS.exec(words);
  return byProperty?.[2] ? unquote(byProperty[2]) : null;
}

function splitPhrases(text: string): string[] {
  return text
    .split(/\n|;\s+|\s+(?:or|and)\s+(?=(?:when|whenever|after|once)\b)/i)
    .map((line) => line.trim())
    .filter((line) => inlineText(line) !== '');
}

/** The line as a person reads it, for messages: mentions and links by their titles. */
function readable(raw: string): string {
  return normalise(plainWords(inlineText(raw)).replace(/\[((?:\\.|[^\]\\])*)\]\((\S+?)\)/g, (_all, title: string, url: string) => title.trim() || url));
}

function normalise(text: string): string {
  return text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!;]+$/, '');
}

function stripLead(text: string): string {
  return text
    .replace(/^trigger(?:ed)?(?:\s+by)?\s*[:\-–—]\s*/i, '')
    .replace(/^(?:(?:this|it|the workflow)\s+)?(?:runs?|starts?|is triggered|triggers?|fires?|kicks? off)\s+(?=(?:when|whenever|once|after|each time|every time)\b)/i, '')
    .replace(/^(?:when|whenever|once|each time|every time)\s+/i, '')
    .trim();
}

function unquote(text: string): string {
  return text.trim().replace(/^(["'`])(.*)\1$/, '$2').replace(/\s*⟦\d+⟧\s*/g, ' ').trim();
}

function linkLabel(link: FoundLink): string {
  return link.title && !/^https?:\/\//i.test(link.title) ? link.title : link.url;
}

function linkFound(url: string): LinkFound {
  const drive = parseDriveUrl(url);
  if (drive) return drive.kind === 'folder' ? 'drive_folder' : 'drive_file';
  if (linkService(url) !== 'other') return 'unreadable_link';
  return 'other_link';
}

function samePhrase(a: TriggerPhrase, b: TriggerPhrase): boolean {
  const lower = (s: string) => s.trim().toLowerCase();
  if (a.kind === 'row' && b.kind === 'row') {
    return a.rowTrigger.databaseId === b.rowTrigger.databaseId && lower(a.rowTrigger.property) === lower(b.rowTrigger.property) && lower(a.rowTrigger.value) === lower(b.rowTrigger.value);
  }
  if (a.kind === 'chain' && b.kind === 'chain') return lower(a.afterWorkflow.workflowName) === lower(b.afterWorkflow.workflowName);
  if (a.kind === 'folder' && b.kind === 'folder') return a.folder.id === b.folder.id;
  return false;
}
