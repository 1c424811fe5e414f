// Fitting a step's sources into the model's context budget. Pure and deterministic: the same
// sources and budget always give the same selection, in the same order, cut at the same place.
//
// Priority, highest first:
//   1. trigger_file        — the file that started the run is what the run is about
//   2. drive_file, notion_page — linked directly in the row's Context, in the row's order
//   3. previous_output     — last approved output, for "what changed since"
//   4. drive_folder_file   — files of a linked folder, newest first (modifiedTime), then by name
// Sources are taken greedily in that order. One that does not fit whole is cut at a paragraph
// (else line, else word) boundary and marked "[… truncated: N more characters]" when at least
// MIN_USEFUL_TOKENS remain; otherwise it is omitted, and smaller sources after it may still fit.
// The result doubles as provenance: the names and URLs of what the model was shown.

export type ContextSourceKind = 'drive_file' | 'drive_folder_file' | 'notion_page' | 'previous_output' | 'trigger_file';

import type { ContextReference } from '../domain/workflow-definition';

export interface ContextSource {
  name: string;
  kind: ContextSourceKind;
  url: string | null;
  text: string;
  /** RFC 3339; orders a folder's files (newest first). */
  modifiedTime?: string | null;
  /** Which Context line it was read for (sourceKey), so a step gets only the sources it reads. */
  ref?: string;
}

/** What started the run: read for every "the new file" line, and first whether or not one names it. */
export const TRIGGER_SOURCE_KEY = 'trigger_file';

/** The key of a Context line: its service and id, or its kind and words for the lines without one. */
export function sourceKey(ref: ContextReference): string {
  if (ref.kind === 'trigger_file') return TRIGGER_SOURCE_KEY;
  return 'id' in ref ? `${ref.kind}:${ref.id}` : `${ref.kind}:${ref.label}`;
}

/**
 * The sources a step reads: all of them for 'all'; else those read for the Context lines it
 * names — a step that names the new file gets what started the run.
 */
export function sourcesFor(sources: readonly ContextSource[], reads: 'all' | readonly ContextReference[]): ContextSource[] {
  if (reads === 'all') return [...sources];
  const keys = new Set(reads.map(sourceKey));
  return sources.filter((s) => s.ref !== undefined && keys.has(s.ref));
}

export interface PackedContext {
  /** What goes into the prompt, in priority order; a cut source carries the truncation marker. */
  included: ContextSource[];
  omitted: { name: string; reason: string }[];
  /** Estimated tokens of the included texts (markers included). */
  tokens: number;
}

/** A truncated part smaller than this is not worth showing: the source is omitted instead. */
export const MIN_USEFUL_TOKENS = 200;
export const OMITTED_EMPTY = 'empty';
export const OMITTED_OVER_BUDGET = 'over the context budget';

/**
 * Estimated tokens for a text: one per 4 characters (UTF-16 code units), rounded up. That is
 * the usual rule of thumb for English with OpenAI-style BPE tokenizers; real counts vary by
 * model and language, so budgets should leave headroom. A real tokenizer would be exact but is
 * large to ship in a Worker and differs per model behind an OpenAI-compatible base URL.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const CHARS_PER_TOKEN = 4;

const KIND_RANK: Record<ContextSourceKind, number> = {
  trigger_file: 0,
  drive_file: 1,
  notion_page: 1,
  previous_output: 2,
  drive_folder_file: 3,
};

export function packContext(sources: readonly ContextSource[], budgetTokens: number): PackedContext {
  const included: ContextSource[] = [];
  const omitted: PackedContext['omitted'] = [];
  let left = Number.isFinite(budgetTokens) ? Math.max(0, Math.floor(budgetTokens)) : 0;
  let tokens = 0;

  for (const source of prioritise(sources)) {
    if (source.text.trim() === '') {
      omitted.push({ name: source.name, reason: OMITTED_EMPTY });
      continue;
    }
    const whole = estimateTokens(source.text);
    const text = whole <= left ? source.text : left >= MIN_USEFUL_TOKENS ? truncate(source.text, left) : null;
    if (text === null) {
      omitted.push({ name: source.name, reason: OMITTED_OVER_BUDGET });
      continue;
    }
    const cost = estimateTokens(text);
    included.push(text === source.text ? source : { ...source, text });
    left -= cost;
    tokens += cost;
  }
  return { included, omitted, tokens };
}

/** Sources in priority order; ties keep the caller's order (stable sort). */
function prioritise(sources: readonly ContextSource[]): ContextSource[] {
  return sources
    .map((source, index) => ({ source, index }))
    .sort((a, b) => {
      const byKind = KIND_RANK[a.source.kind] - KIND_RANK[b.source.kind];
      if (byKind !== 0) return byKind;
      if (a.source.kind === 'drive_folder_file') {
        // Listing order from Drive is not stable across calls, so break ties by name too.
        const byTime = timeOf(b.source) - timeOf(a.source);
        if (byTime !== 0) return byTime;
        if (a.source.name !== b.source.name) return a.source.name < b.source.name ? -1 : 1;
      }
      return a.index - b.index;
    })
    .map(({ source }) => source);
}

/** Milliseconds since the epoch; files without a (valid) time sort last. */
function timeOf(source: ContextSource): number {
  const ms = source.modifiedTime ? Date.parse(source.modifiedTime) : Number.NaN;
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** `text` cut to fit `budget` tokens, marker included, at the best boundary within reach. */
function truncate(text: string, budget: number): string {
  // The marker's length depends on the digits of N; text.length bounds N from above.
  const markerRoom = `\n\n${marker(text.length)}`.length;
  const room = budget * CHARS_PER_TOKEN - markerRoom;
  if (room <= 0) return marker(text.length);
  const kept = cutAtBoundary(text, room);
  return `${kept}\n\n${marker(text.length - kept.length)}`;
}

function marker(missingChars: number): string {
  return `[… truncated: ${missingChars} more characters]`;
}

/**
 * The longest prefix of at most `room` characters that ends at a paragraph break, else a line
 * break, else a space — as long as that keeps at least half the room; else a hard cut that does
 * not split a surrogate pair.
 */
function cutAtBoundary(text: string, room: number): string {
  const head = text.slice(0, room + 1);
  for (const boundary of ['\n\n', '\n', ' ']) {
    const at = head.lastIndexOf(boundary);
    if (at >= room / 2 && at <= room) return text.slice(0, at).trimEnd();
  }
  let end = room;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end).trimEnd();
}
