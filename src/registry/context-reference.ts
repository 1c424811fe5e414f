// One line of a row's Context section (or a link property) → what Baton should read.
//
// - A Drive / Docs address → drive_folder or drive_file with its id.
// - A Notion address or an @-mention of a page → notion_page with the dashed page id.
// - No link, but words for the workflow's own last output ("last week's brief", "the previous
//   output", "last run's output", "last month's update", "the previous edition", "last sprint's",
//   "the last one") → previous_output; for whatever started the run ("the new
//   file", "the new article", "the signed proposal that just arrived", and — only as the whole
//   line — "the deal", "the brief", "the triggering row") → trigger_file: the Drive file, the
//   Notion row or the upstream workflow's output, which the engine puts first in context.
//   "Last week's brief" and "the previous brief" stay previous_output.
// - Anything else → described: the words are passed to the model as they are. A described line
//   with neither a link nor a "Notion:"/"Drive file:" prefix is one Baton cannot resolve at all,
//   which Health says (context_unresolved), naming the line and how to write it.
// The label is what the person called the source: a link's text, a mention's title, or the
// line without its address, bullet, "Drive folder:"/"Notion:" prefix and empty parentheses.
import type { ContextReference } from '../domain/workflow-definition';
import { dashedId, linkService, notionSlugTitle, parseDriveUrl, parseNotionUrl } from './links';
import { findLinks, inlineText, listItemOf, plainWords, type FoundLink, type MarkdownLine } from './notion-markdown';
import { rowProblem, type RowProblem } from './row-problem';

export interface ContextLineOptions {
  /** How to read a `drive.google.com/open?id=` link, which may be either; default `file`. */
  driveOpenLinkAs?: 'file' | 'folder';
}

export interface ContextLineReading {
  /** At least one; several when the line holds several links. */
  references: ContextReference[];
  /** Links that are neither Drive nor Notion (or Drive/Notion addresses without an id). */
  unsupportedUrls: string[];
  /** A "Notion:" / "Drive file:" source named without any link. */
  missingLink: 'notion' | 'drive' | null;
  /**
   * No link, no "Notion:"/"Drive file:" prefix, and not the previous output or the run's subject:
   * Baton cannot tell what to read, so only the words reach the model (a Health warning).
   */
  unresolved?: boolean;
  /** The line as a person reads it, for messages. */
  text: string;
}

// "Drive folder: …", "Notion page - …": which service the person says the source is in.
const SOURCE_PREFIX =
  /^(?:(google drive folder|drive folder|google drive|drive file|drive|folder|file|google docs?|google sheets?|docs?|document|sheets?|spreadsheet|slides|deck)|(notion page|notion|page|wiki))\s*[:\-–—]\s*/i;

const OUTPUT_NOUN = '(?:brief|output|synthesis|syntheses|report|summary|digest|edition|version|newsletter|draft|memo|recap|analysis|update|roundup|round-up|write-up|writeup|one)s?';
const PERIOD = '(?:week|sprint|month|quarter|year|run|cycle|day|time)';
const PREVIOUS_OUTPUT = [
  new RegExp(`\\b(?:last|previous|prior|latest) ${PERIOD}(?:'s|s'|s)? ${OUTPUT_NOUN}\\b`),
  new RegExp(`\\b(?:the|our|my) (?:last|previous|prior|latest|most recent)(?: published| approved)? ${OUTPUT_NOUN}\\b`),
  new RegExp(`^(?:last|previous|prior)(?: published| approved)? ${OUTPUT_NOUN}\\b`),
  // The whole line is "last sprint's" (perhaps with a remark): the period's output, unnamed.
  new RegExp(`^(?:the )?(?:last|previous|prior) ${PERIOD}(?:'s|s')(?: ?\\(.*\\))?$`),
];
const SUBJECT_NOUN =
  '(?:file|document|doc|article|proposal|deal|row|entry|record|item|ticket|brief|report|summary|card|lead|contract|post|transcript|recording|upload)';
const TRIGGER_FILE = [
  /\bnew (?:file|article|doc|document|proposal|upload|pdf|deck|sheet|spreadsheet|contract|transcript|recording)s?\b/,
  /\bthat (?:just )?(?:arrived|landed|came in|was (?:just )?(?:added|uploaded|dropped))\b/,
  new RegExp(`\\b${SUBJECT_NOUN} that (?:started|triggered|kicked off) (?:the|this) run\\b`),
  new RegExp(`\\b(?:triggering|incoming|uploaded|dropped|upstream) ${SUBJECT_NOUN}\\b`),
  // The whole line is "the <noun>", perhaps with a remark: "The deal (its properties and notes)".
  // Any other word before the noun ("last", "previous", "our") keeps it out.
  new RegExp(`^(?:the|this) (?:new |triggering |incoming |upstream |published |closed |won |closed-won )?${SUBJECT_NOUN}(?: ?\\(.*\\))?$`),
];

/** The first reference on a line; see readContextLine for everything the line says. */
export function parseContextLine(line: string, options: ContextLineOptions = {}): ContextReference {
  const [first] = readContextLine(line, options).references;
  if (!first) throw new Error('readContextLine always returns a reference');
  return first;
}

export function readContextLine(line: string, options: ContextLineOptions = {}): ContextLineReading {
  const trimmed = line.trim();
  const rest = listItemOf({ indent: 0, text: trimmed, code: false })?.rest ?? trimmed;
  const links = findLinks(rest);
  const text = inlineText(rest);
  const supported = links.flatMap((link) => {
    const reference = linkReference(link, options);
    return reference ? [{ link, reference }] : [];
  });
  const unsupportedUrls = links.filter((l) => !supported.some((s) => s.link === l)).map((l) => l.url);

  // The words around the links: "Drive folder: Competitor updates (…)" → "Competitor updates".
  let words = rest;
  for (const link of [...links].reverse()) words = words.slice(0, link.start) + words.slice(link.end);
  words = plainWords(inlineText(words))
    .replace(/\(\s*\)|\[\s*\]/g, '')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s:\-–—,;|]+|[\s:\-–—,;|]+$/g, '');
  const prefix = SOURCE_PREFIX.exec(words);
  const named = (prefix ? words.slice(prefix[0].length) : words).trim();
  const prefixService = prefix ? (prefix[1] ? 'drive' : 'notion') : null;

  if (supported.length > 0) {
    const only = supported.length === 1;
    const references = supported.map(({ link, reference }) => withLabel(reference, link, only ? named : ''));
    return { references, unsupportedUrls, missingLink: null, text };
  }
  const spoken = named.toLowerCase().replace(/[’‘]/g, "'");
  // With an address Baton can't open, the whole line (address included) is what the model gets.
  const described = (unsupportedUrls.length > 0 ? plainWords(text) : named) || plainWords(text) || trimmed;
  if (unsupportedUrls.length === 0 && TRIGGER_FILE.some((re) => re.test(spoken))) {
    return { references: [{ kind: 'trigger_file', label: named }], unsupportedUrls, missingLink: null, text };
  }
  if (unsupportedUrls.length === 0 && PREVIOUS_OUTPUT.some((re) => re.test(spoken))) {
    return { references: [{ kind: 'previous_output', label: named }], unsupportedUrls, missingLink: null, text };
  }
  const missingLink = unsupportedUrls.length === 0 && named !== '' ? prefixService : null;
  const unresolved = unsupportedUrls.length === 0 && prefixService === null && named !== '';
  return { references: [{ kind: 'described', label: described }], unsupportedUrls, missingLink, unresolved, text };
}

function linkReference(link: FoundLink, options: ContextLineOptions): ContextReference | null {
  const drive = parseDriveUrl(link.url);
  if (drive) {
    const folder = drive.kind === 'folder' || (drive.kind === 'unknown' && options.driveOpenLinkAs === 'folder');
    return { kind: folder ? 'drive_folder' : 'drive_file', id: drive.id, url: link.url, label: '' };
  }
  const page = parseNotionUrl(link.url);
  if (page) return { kind: 'notion_page', id: dashedId(page), url: link.url, label: '' };
  return null;
}

function withLabel(reference: ContextReference, link: FoundLink, words: string): ContextReference {
  if (!('url' in reference)) return reference;
  const title = link.title && linkService(link.title) === 'other' && !/^https?:\/\//i.test(link.title) ? plainWords(link.title) : '';
  const slug = reference.kind === 'notion_page' ? notionSlugTitle(link.url) : '';
  return { ...reference, label: title || words || slug || link.url };
}

/** The problems one context line raises (warnings: the row still runs without the source). */
export function contextLineProblems(reading: ContextLineReading): RowProblem[] {
  const problems = reading.unsupportedUrls.map((url) => rowProblem({ kind: 'context_link_unsupported', line: reading.text, url }));
  if (reading.missingLink) problems.push(rowProblem({ kind: 'context_no_link', line: reading.text, service: reading.missingLink }));
  if (reading.unresolved) problems.push(rowProblem({ kind: 'context_unresolved', line: reading.text }));
  return problems;
}

/**
 * The Context section, line by line. Each list item or paragraph is one line; a linkless item
 * whose children hold links ("- Competitor research:" then tab-indented links) only names
 * them, and gives its words to a child that is a bare address.
 */
export function parseContextSection(lines: readonly MarkdownLine[]): ContextLineReading[] {
  const readings: ContextLineReading[] = [];
  const groups: { indent: number; label: string }[] = [];
  lines.forEach((line, index) => {
    if (line.code) return;
    while ((groups.at(-1)?.indent ?? -1) >= line.indent) groups.pop();
    const reading = readContextLine(line.text);
    if (reading.text === '') return; // an empty bullet
    const children = childrenOf(lines, index);
    const isGroup =
      reading.references.every((r) => r.kind === 'described') &&
      reading.unsupportedUrls.length === 0 &&
      children.some((child) => findLinks(child.text).length > 0);
    if (isGroup) {
      groups.push({ indent: line.indent, label: (reading.references[0]?.label ?? '').replace(/:$/, '').trim() });
      return;
    }
    const group = groups.at(-1)?.label;
    if (group) {
      reading.references = reading.references.map((r) => ('url' in r && r.label === r.url ? { ...r, label: group } : r));
    }
    readings.push(reading);
  });
  return readings;
}

function childrenOf(lines: readonly MarkdownLine[], index: number): MarkdownLine[] {
  const parent = lines[index];
  const children: MarkdownLine[] = [];
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!parent || !line || line.indent <= parent.indent) break;
    if (line.indent === parent.indent + 1) children.push(line);
  }
  return children;
}
