// Names and the provenance block of what a run publishes. Pure: instants and ids come in.
//
// Dates are the row's local date ("2026-11-30"), not UTC: a Monday-9:00 brief in Tokyo is
// Monday's brief even though it is still Sunday in UTC. Intl with an IANA zone is available in
// workerd and Node alike.
//
// The provenance block is Notion-flavored markdown that also imports cleanly into a Google Doc
// (CommonMark): a divider, a heading, bullets, children one TAB deeper. Names coming from files
// and rows are escaped; the Run ID line is written verbatim, because publishing finds an earlier
// copy of the page by searching for exactly "Run ID: <id>".
import { describeChanges, hasChanges, type ChangeSummary } from '../review/round-summary';

/** "2026-11-30": the calendar date of `instant` in `timeZone` (IANA). */
export function localDate(instant: Date, timeZone: string): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('localDate needs a valid instant');
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * "2026-11-30 — Weekly competitive brief": the Notion page and the Google Doc share it. A run
 * started by a file, a row or another workflow's output is named after it too:
 * "2026-12-03 — Client kickoff brief — Acme proposal".
 */
export function outputTitle(workflowName: string, instant: Date, timeZone: string, subject: string | null = null): string {
  const name = `${localDate(instant, timeZone)} — ${oneLine(workflowName)}`;
  const about = subject === null ? '' : oneLine(subject).slice(0, 120);
  return about === '' ? name : `${name} — ${about}`;
}

/** The Run row's Name: the same pattern as the output, so the two are easy to match up. */
export function runTitle(workflowName: string, instant: Date, timeZone: string, subject: string | null = null): string {
  return outputTitle(workflowName, instant, timeZone, subject);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface ProvenanceInput {
  runId: string;
  workflowName: string;
  workflowUrl: string | null;
  /** How the run started: schedule, drive, notion, manual, chain. */
  trigger: string;
  scheduledFor: string | null;
  /** What the model was shown (packContext().included), in order, with the version read (RFC 3339) where known. */
  sources: { name: string; url: string | null; modifiedTime?: string | null }[];
  /** The reviewer's name (several joined); null when the workflow has no review gate. */
  reviewer: string | null;
  approvedAt: string | null;
  /** Review rounds the run went through, across its reviews (0 without review). */
  rounds: number;
  /** From Baton's first draft of the last review to the text approved; null without review. */
  reviewChanges: ChangeSummary | null;
  model: string;
  /** Tokens the run's model calls used; null when not counted. */
  tokens: number | null;
  /** The plan the run followed (compile.ts planVersion); null when unknown. */
  planVersion: string | null;
  /** The lessons the run's prompts carried. */
  lessons: string[];
}

// Run ids are generated (triggers/run-id.ts): letters, digits, '-' and '_'. Anything else would
// need escaping, and an escaped id would no longer match the lookup — so it is refused.
const SAFE_RUN_ID = /^[A-Za-z0-9_-]+$/;

/** The block appended to every published output; the caller joins it after a blank line. */
export function provenanceMarkdown(input: ProvenanceInput): string {
  if (!SAFE_RUN_ID.test(input.runId)) {
    throw new RangeError(`Run id "${input.runId}" has characters the provenance block cannot hold verbatim`);
  }
  const lines = ['---', '### Provenance', `- Run ID: ${input.runId}`];
  lines.push(`- Workflow: ${linkOrName(input.workflowName, input.workflowUrl)}`);
  const when = input.scheduledFor ? `, scheduled for ${escapeMarkdown(input.scheduledFor)}` : '';
  lines.push(`- Trigger: ${escapeMarkdown(input.trigger)}${when}`);
  if (input.sources.length === 0) {
    lines.push('- Sources: none');
  } else {
    const version = (s: { modifiedTime?: string | null }) => (s.modifiedTime ? ` (version of ${escapeMarkdown(s.modifiedTime)})` : '');
    lines.push('- Sources:', ...input.sources.map((s) => `\t- ${linkOrName(s.name, s.url)}${version(s)}`));
  }
  if (input.reviewer === null) {
    lines.push('- Review: none — published without a reviewer');
  } else {
    const rounds = input.rounds > 0 ? ` in ${input.rounds === 1 ? '1 round' : `${input.rounds} rounds`}` : '';
    const approved = input.approvedAt ? `, approved ${escapeMarkdown(input.approvedAt)}` : '';
    lines.push(`- Reviewed by ${escapeMarkdown(input.reviewer)}${rounds}${approved}`);
    if (input.reviewChanges) {
      const changes = hasChanges(input.reviewChanges) ? escapeMarkdown(describeChanges(input.reviewChanges)) : 'none — approved as Baton drafted it';
      lines.push(`- Changed in review (Baton's first draft → the approved text): ${changes}`);
    }
  }
  const tokens = input.tokens === null ? '' : `, ${input.tokens.toLocaleString('en-US')} tokens`;
  lines.push(`- Model: ${escapeMarkdown(input.model)}${tokens}`);
  if (input.planVersion !== null) lines.push(`- Plan: ${escapeMarkdown(input.planVersion)}`);
  if (input.lessons.length === 0) lines.push('- Lessons used: none');
  else lines.push('- Lessons used:', ...input.lessons.map((l) => `\t- ${escapeMarkdown(l) || 'Untitled'}`));
  return lines.join('\n');
}

/**
 * Text that reads literally in Notion and in a Google Doc. Backslash-escapes the characters
 * Notion's markdown escapes (\ * ~ ` $ [ ] < > { } | ^) plus _ and # (emphasis and headings in
 * CommonMark, which the Doc import follows); a leading list or quote marker ("1.", "-", "+",
 * ">") is escaped so a name cannot start a nested list. Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\*_~`$[\]<>{}|^#]/g, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+])/, '\\$1');
}

/** "[name](url)" for web addresses; the bare name otherwise (no javascript: or data: links). */
function linkOrName(name: string, url: string | null): string {
  const label = escapeMarkdown(name) || 'Untitled';
  if (url === null || !/^https?:\/\//i.test(url.trim())) return label;
  // Characters that would end the link destination early are percent-encoded.
  const href = url.trim().replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${label}](${href})`;
}
