// How the scripted model meets the shape instructions of instructions.ts, in a draft and in a
// revision, as a good model would:
//   - List count N: the answer has exactly N top-level bullets. Drafting takes the first N facts;
//     with fewer facts it splits the longest at ", " / "; " / " and " (each half keeps its
//     source) and, when nothing is left to split, quotes facts again from the first; with no
//     facts at all each bullet is "- Nothing in the sources covers <unit> k.". A section left
//     without bullets gets the plain line "Nothing in the sources covers this." (a bullet there
//     would break the count). Revising drops bullets from the end, or adds source facts the
//     draft does not quote yet (else repeats its own bullets) to the section of its last bullet.
//   - Links (N): the answer ends with "Read more: [<source name>](<url>)", one per link, to the
//     `url` of the first N sources that have one, then https://example.com/source (then
//     …/source-2, …) when too few have one; every other link and URL in the text is left out
//     (markdown links keep their text). A revision whose links already number N keeps them.
//   - Hook line: the first line is one sentence of at most 20 words: the first sentence of the
//     first fact (without its source), else the task's title. A revision keeps a first line
//     that is already such a sentence.
//   - No hashtags: "#word" tags are left out of the text.
//   - Lengths: when the answer is over a limit, every bullet is cut to its first k words (its
//     "(source: …)" kept) and the hook with it, for the largest k that fits; failing that, the
//     text is cut to fit (limits.ts), keeping a closing "Read more:" line.
import { countWords, type Limits, truncateToLimits, withinLimits } from './limits';
import type { Instructions } from './instructions';
import { type Doc, renderDoc } from './markdown-sections';
import type { Source } from './prompt-tags';

export const HOOK_MAX_WORDS = 20;
export const PLAIN_EMPTY = 'Nothing in the sources covers this.';
const BULLET = /^(?:[-*+]|\d{1,9}[.)])\s+(?=\S)/;
const SOURCE_SUFFIX = /\s+\(source: [^)]*\)$/;
const PLACEHOLDER_URL = 'https://example.com/source';

/** A fact as the answer may quote it: links and URLs out when links are counted, hashtags out when unwanted. */
export function cleanText(text: string, asked: Instructions): string {
  let out = text;
  if (asked.links !== undefined) out = out.replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1').replace(/\bhttps?:\/\/[^\s<>()[\]]+/gi, '');
  if (asked.noHashtags) out = out.replace(/(^|[\s(])#(?=[\p{N}_]*\p{L})[\p{L}\p{N}_]+/gu, '$1');
  return out === text ? text : out.replace(/[ \t]{2,}/g, ' ').replace(/\(\s*\)/g, '').trim();
}

/** Exactly `n` bullet texts from `facts` ("text (source: name)"), split or repeated when too few. */
export function countedItems(facts: readonly string[], n: number, unit: string): string[] {
  if (facts.length === 0) return Array.from({ length: n }, (_, i) => `Nothing in the sources covers ${unit} ${i + 1}`);
  const items = facts.slice(0, n);
  while (items.length < n) {
    const i = longestSplittable(items);
    if (i === undefined) break;
    const halves = splitItem(items[i] ?? '');
    if (halves === undefined) break;
    items.splice(i, 1, ...halves);
  }
  for (let k = 0; items.length < n; k++) items.push(items[k % items.length] ?? '');
  return items;
}

function longestSplittable(items: readonly string[]): number | undefined {
  let best: number | undefined;
  items.forEach((item, i) => {
    if (splitItem(item) !== undefined && (best === undefined || countWords(item) > countWords(items[best] ?? ''))) best = i;
  });
  return best;
}

/** "A, and B (source: s)" → ["A (source: s)", "B (source: s)"]; undefined when it has no clause break. */
function splitItem(item: string): [string, string] | undefined {
  const suffix = SOURCE_SUFFIX.exec(item)?.[0] ?? '';
  const body = item.slice(0, item.length - suffix.length);
  const cut = /;\s+|,\s+(?:and\s+)?|\s+and\s+/.exec(body);
  if (!cut || cut.index === 0) return undefined;
  const first = body.slice(0, cut.index).trim();
  const second = body.slice(cut.index + cut[0].length).trim();
  if (first === '' || second === '') return undefined;
  return [`${first}${suffix}`, `${second.charAt(0).toUpperCase()}${second.slice(1)}${suffix}`];
}

/** One sentence of at most 20 words, ending in . ! or ?. */
export function hookFrom(text: string): string {
  const sentence = (text.replace(SOURCE_SUFFIX, '').split(/(?<=[.!?])\s+/)[0] ?? '').trim();
  const words = sentence.split(/\s+/).filter(Boolean).slice(0, HOOK_MAX_WORDS).join(' ');
  return /[.!?]$/.test(words) ? words : `${words.replace(/[,;:]+$/, '')}.`;
}

export function isHook(line: string | undefined): boolean {
  const text = (line ?? '').trim();
  return (
    text !== '' &&
    !/^#{1,6}(?:\s|$)/.test(text) &&
    !BULLET.test(text) &&
    !/[.!?]["'”’)\]]*\s+\S/.test(text) &&
    countWords(text) <= HOOK_MAX_WORDS
  );
}

/** "Read more: [name](url)" for `n` links, or undefined for none. */
export function linkLine(sources: readonly Source[], n: number): string | undefined {
  if (n <= 0) return undefined;
  const linked = sources.filter((s) => s.url !== undefined);
  const links = Array.from({ length: n }, (_, i) => {
    const source = linked[i];
    const url = source?.url ?? (i === 0 ? PLACEHOLDER_URL : `${PLACEHOLDER_URL}-${i + 1}`);
    const name = (source ?? sources[i] ?? sources[0])?.name.replace(/[[\]]/g, '') || 'the source';
    return `[${name}](${url})`;
  });
  return `Read more: ${links.join(', ')}`;
}

export function isBullet(line: string): boolean {
  return BULLET.test(line);
}

/** The distinct link targets of a text: markdown links (not images) and bare http(s) URLs. */
export function countLinks(text: string): number {
  const targets = new Set<string>();
  const rest = text.replace(/(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?[^)]*\)/g, (_m, bang: string, target: string) => {
    if (bang === '') targets.add(target);
    return ' ';
  });
  for (const m of rest.matchAll(/\bhttps?:\/\/[^\s<>()[\]]+/gi)) targets.add(m[0].replace(/[.,;:!?'"”’]+$/, ''));
  return targets.size;
}

/**
 * The doc, rendered within the limits: as it is when it fits, else with every bullet (and the
 * hook, when `hook`) cut to the largest number of words that fits, else cut to fit.
 */
export function renderWithin(doc: Doc, limits: Limits, hook: boolean): string {
  const full = renderDoc(doc);
  if (withinLimits(full, limits)) return full;
  const longest = Math.max(0, ...allLines(doc).filter(isBullet).map(countWords));
  for (let k = longest - 1; k >= 1; k--) {
    const text = renderDoc(cutBullets(doc, k, hook));
    if (withinLimits(text, limits)) return text;
  }
  // Last resort: cut the text to fit, but keep a closing link line, which a cut would lose first.
  const lines = renderDoc(cutBullets(doc, 1, hook)).split('\n');
  const tail = lines.at(-1)?.startsWith('Read more: ') ? `\n${lines.pop()}` : '';
  const room: Limits = {
    ...(limits.words === undefined ? {} : { words: Math.max(0, limits.words - countWords(tail)) }),
    ...(limits.chars === undefined ? {} : { chars: Math.max(0, limits.chars - tail.length) }),
  };
  return `${truncateToLimits(lines.join('\n'), room)}${tail}`;
}

function cutBullets(doc: Doc, k: number, hook: boolean): Doc {
  const cut = (line: string) => {
    if (!isBullet(line)) return line;
    const suffix = SOURCE_SUFFIX.exec(line)?.[0] ?? '';
    return `${firstWords(line.slice(0, line.length - suffix.length), k + 1)}${suffix}`; // +1: the "-" marker
  };
  const preamble = doc.preamble.map((line, i) => (hook && i === 0 ? firstWords(line, k) : cut(line)));
  return { preamble, sections: doc.sections.map((s) => ({ ...s, lines: s.lines.map(cut) })) };
}

function firstWords(line: string, k: number): string {
  return line.split(/\s+/).filter(Boolean).slice(0, k).join(' ');
}

function allLines(doc: Doc): string[] {
  return [...doc.preamble, ...doc.sections.flatMap((s) => s.lines)];
}

export interface RevisionContext {
  /** The sources' facts as drafting quotes them ("text (source: name)"), in drafting order. */
  facts: readonly string[];
  sources: readonly Source[];
  /** The hook when the draft has neither bullets nor facts. */
  title: string;
}

/** Brings a revised doc into line with the instructions (see the header), in place. */
export function followInstructions(doc: Doc, asked: Instructions, context: RevisionContext): void {
  if (asked.noHashtags) mapLines(doc, (line) => cleanText(line, { hook: false, noHashtags: true }));
  if (asked.links !== undefined && countLinks(renderDoc(doc)) !== asked.links) {
    mapLines(doc, (line) => (/^Read more:/.test(line) ? '' : cleanText(line, { hook: false, noHashtags: false, links: asked.links })));
    const line = linkLine(context.sources, asked.links);
    if (line !== undefined) (doc.sections.at(-1)?.lines ?? doc.preamble).push(line);
  }
  if (asked.items !== undefined) meetCount(doc, asked.items.count, asked.items.unit, context.facts);
  if (asked.hook && !isHook(doc.preamble[0])) {
    const firstBullet = allLines(doc).find(isBullet)?.replace(BULLET, '');
    doc.preamble.unshift(hookFrom(firstBullet ?? context.facts[0] ?? context.title));
  }
}

/** Every line but headings through `change`; lines left empty (or a bare list marker) go. */
function mapLines(doc: Doc, change: (line: string) => string): void {
  const keep = (line: string) => line.trim() !== '' && !/^(?:[-*+]|\d{1,9}[.)])\s*$/.test(line.trim());
  doc.preamble = doc.preamble.map(change).filter(keep);
  for (const s of doc.sections) s.lines = s.lines.map(change).filter(keep);
}

function meetCount(doc: Doc, n: number, unit: string, facts: readonly string[]): void {
  const blocks = [doc.preamble, ...doc.sections.map((s) => s.lines)];
  for (const lines of blocks) lines.forEach((line, i) => (line === '- Nothing in the sources covers this.' ? (lines[i] = PLAIN_EMPTY) : undefined));
  const bullets = blocks.flatMap((lines) => lines.flatMap((line, i) => (isBullet(line) ? [{ lines, i }] : [])));
  // Too many: the last ones go, with the indented lines that belong to them.
  for (const { lines, i } of bullets.slice(n).reverse()) {
    let end = i + 1;
    while (end < lines.length && /^\s/.test(lines[end] ?? '')) end++;
    lines.splice(i, end - i);
  }
  if (bullets.length >= n) return;
  const text = renderDoc(doc);
  const fresh = facts.filter((f) => !text.includes(f.replace(SOURCE_SUFFIX, '')));
  const own = bullets.map(({ lines, i }) => (lines[i] ?? '').replace(BULLET, ''));
  const added = fresh.slice(0, n - bullets.length);
  for (let k = 0; bullets.length + added.length < n; k++) added.push(own[k % own.length] ?? `Nothing in the sources covers ${unit} ${k + 1}`);
  const last = bullets.at(-1);
  const target = last?.lines ?? doc.sections.at(-1)?.lines ?? doc.preamble;
  let at = last === undefined ? target.length : last.i + 1;
  while (last !== undefined && at < target.length && /^\s/.test(target[at] ?? '')) at++;
  target.splice(at, 0, ...added.map((item) => `- ${item}`));
  const empty = target.indexOf(PLAIN_EMPTY);
  if (empty >= 0) target.splice(empty, 1);
}
