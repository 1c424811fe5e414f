// What a step's own words say its output must be (src/domain/output-rule.ts says what each rule
// means), read from the step's text and from a template's constraint lines. Pure string work.
//
// Rules of reading:
//   - Heading lines ("### Summary (3 bullets)") are skipped: a limit in a heading is that
//     section's, not the whole output's. A line's own list marker ("2. Write …") is no number.
//   - Step references ("after steps 1 and 2", "After 1 and 2, …") are blanked out first, so their
//     numbers are never counts.
//   - Lengths: "under / below / fewer than / less than / at most / no more than / up to / within
//     / max N characters|chars|words", "N characters max / at most / or less", "a N-word limit",
//     "N–M words" (at most M). A bare "N words" / "a N-word section" / "about N words" is about
//     N (see the domain header); "the first 50 words" is no limit.
//   - Lists: a count (digits, or one to twelve in words) right before a list-ish unit, one
//     adjective allowed ("3 key takeaways", "top 3 items"). Only beats, bullets, bullet points,
//     points, items, ideas, takeaways, tips, questions: "3 sources", "2 pages" and "5 competitors"
//     are what the step works on, not the shape of its answer, and "steps" are the plan's own.
//     A count of one is not read ("one idea", "a point"): one thing is rarely a list. "5 points"
//     of a score ("rose 5 points", "5 points ahead") is no list.
//   - Links: "one link back", "a link to the article", "include 2 links"; "no links" is 0.
//   - Hashtags: "no hashtags" (0), "no hashtag walls" / "no wall of hashtags" (a few), "at most
//     N hashtags".
//   - Hook: "one hook line", "a hook", "start with a hook".
// One rule per kind: the strictest when several are stated (the smallest limit or count). Rules
// come back in the order they are written.
import { ABOUT_WORDS_SLACK, HASHTAG_WALL_MAX, type ItemUnit, type OutputRule } from '../domain/output-rule';
import { findStepMentions } from './step-references';
import { numberOf } from './words';

const BIG = String.raw`(\d{1,3}(?:,\d{3})+(?!\d)|\d+)`; // "1,300", "280"
const SMALL = String.raw`(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
const AT_MOST = String.raw`(?:under|below|fewer\s+than|less\s+than|at\s+most|no\s+more\s+than|not\s+more\s+than|up\s+to|within|max(?:imum)?(?:\s+of)?)`;
const AT_MOST_AFTER = String.raw`(?:max(?:imum)?|at\s+most|or\s+(?:less|fewer)|limit|tops)`;
const CHARS = String.raw`(?:characters?|chars?)`;

interface Reading {
  pattern: RegExp;
  rule: (m: RegExpMatchArray) => OutputRule | null;
}

const LENGTH_READINGS: readonly Reading[] = (['chars', 'words'] as const).flatMap((unit) => {
  const noun = unit === 'chars' ? CHARS : 'words?';
  const hyphen = unit === 'chars' ? '(?:character|char)' : 'word';
  const kind = unit === 'chars' ? 'max_chars' : 'max_words';
  const limit = (words: string, max: number): OutputRule | null => (max > 0 ? { kind, words: tidy(words), max } : null);
  return [
    { pattern: new RegExp(String.raw`\b${BIG}\s*(?:-|–|—|to)\s*${BIG}\s+${noun}\b`, 'gi'), rule: (m) => limit(m[0], count(m[2])) },
    { pattern: new RegExp(String.raw`\b${AT_MOST}\s+${BIG}\s+${noun}\b`, 'gi'), rule: (m) => limit(m[0], count(m[1])) },
    { pattern: new RegExp(String.raw`\b${BIG}\s+${noun}\s+${AT_MOST_AFTER}\b`, 'gi'), rule: (m) => limit(m[0], count(m[1])) },
    { pattern: new RegExp(String.raw`\b(?:an?\s+)?${BIG}-${hyphen}\s+(?:limit|max(?:imum)?)\b`, 'gi'), rule: (m) => limit(m[0], count(m[1])) },
  ];
});

// Read after the strict lengths, on what they left: a bare count means about that many.
const ABOUT_WORDS: Reading = {
  pattern: new RegExp(String.raw`(?<!\b(?:first|last|top|next|opening|final)\s+)\b(?:(?:about|around|roughly|approximately|some)\s+|~\s*)?(?:(?:an?\s+)?${BIG}-word(?:\s+\p{L}+)?|${BIG}\s+words?)\b`, 'giu'),
  rule: (m) => {
    const n = count(m[1] ?? m[2]);
    return n > 0 ? { kind: 'max_words', words: tidy(m[0]), max: Math.round(n * ABOUT_WORDS_SLACK) } : null;
  },
};

const UNITS: Record<string, ItemUnit> = {
  beat: 'beats', bullet: 'bullets', 'bullet point': 'bullets', point: 'points', item: 'items',
  idea: 'ideas', takeaway: 'takeaways', tip: 'tips', question: 'questions',
};
const ITEMS: Reading = {
  pattern: new RegExp(
    String.raw`(?:\btop\s+)?\b${SMALL}\s+(?:(?:key|main|short|quick|concrete|clear|big|crisp)\s+)?(bullet\s+points?|bullets?|beats?|points?|items?|ideas?|takeaways?|tips?|questions?)\b(?!\s+(?:of|higher|lower|ahead|behind|up|down)\b)`,
    'gi',
  ),
  rule: (m) => {
    const n = count(m[1]);
    const unit = UNITS[(m[2] ?? '').toLowerCase().replace(/\s+/g, ' ').replace(/s$/, '')];
    if (n < 2 || unit === undefined) return null;
    // A score, not a list: "rose 5 points", "by 3 points".
    if (unit === 'points' && /\b(?:by|rose|fell|dropped|gained|lost|up|down|climbed|slipped)\s+$/i.test((m.input ?? '').slice(0, m.index))) return null;
    return { kind: 'items', words: tidy(m[0]), count: n, unit };
  },
};

const LINKS: readonly Reading[] = [
  { pattern: /\bno\s+(?:links|urls)\b/gi, rule: (m) => ({ kind: 'links', words: tidy(m[0]), count: 0 }) },
  {
    pattern: new RegExp(String.raw`\b(?:${SMALL}|an?|single)\s+(?:single\s+)?(?:link|url)s?\b(?:\s+back\b)?`, 'gi'),
    rule: (m) => {
      const n = m[1] === undefined ? 1 : count(m[1]);
      return n > 0 ? { kind: 'links', words: tidy(m[0]), count: n } : null;
    },
  },
];

const HASHTAGS: readonly Reading[] = [
  { pattern: /\bno\s+(?:walls?\s+of\s+hashtags?|hashtags?[\s-]+walls?)\b/gi, rule: (m) => ({ kind: 'no_hashtags', words: tidy(m[0]), max: HASHTAG_WALL_MAX }) },
  { pattern: /\b(?:no|without)\s+hashtags?\b/gi, rule: (m) => ({ kind: 'no_hashtags', words: tidy(m[0]), max: 0 }) },
  {
    pattern: new RegExp(String.raw`\b(?:at\s+most|no\s+more\s+than|up\s+to|max(?:imum)?(?:\s+of)?)\s+${SMALL}\s+hashtags?\b`, 'gi'),
    rule: (m) => ({ kind: 'no_hashtags', words: tidy(m[0]), max: count(m[1]) }),
  },
];

const HOOK_ADJECTIVE = String.raw`(?:(?:strong|short|punchy|clear|catchy)\s+)?`;
const HOOK: Reading = {
  pattern: new RegExp(
    String.raw`\b(?:(?:start|open|begin|lead)\s+with\s+(?:an?|one)\s+${HOOK_ADJECTIVE}hook(?:\s+line)?|(?:one|an?|single)\s+${HOOK_ADJECTIVE}hook(?:\s+line)?)\b`,
    'gi',
  ),
  rule: (m) => ({ kind: 'hook_line', words: tidy(m[0]) }),
};

// Order matters: each reading blanks what it matched, so a later one cannot read it again.
const READINGS: readonly Reading[] = [...LENGTH_READINGS, ABOUT_WORDS, ...HASHTAGS, HOOK, ...LINKS, ITEMS];

/** The rules a step's text (or a template's constraint lines) states; heading lines are skipped. */
export function readOutputRules(text: string): OutputRule[] {
  const found: { rule: OutputRule; at: number }[] = [];
  let offset = 0;
  for (const raw of text.split(/\r?\n/)) {
    const lineStart = offset;
    offset += raw.length + 1;
    if (/^\s*#{1,6}\s/.test(raw)) continue;
    let line = blankStepReferences(raw.replace(/^(\s*(?:[-*+•]|\d{1,3}[.)])\s+)/, (marker) => ' '.repeat(marker.length)));
    for (const reading of READINGS) {
      for (const m of line.matchAll(reading.pattern)) {
        const rule = reading.rule(m);
        if (rule !== null) found.push({ rule, at: lineStart + m.index });
      }
      line = line.replace(reading.pattern, (match) => ' '.repeat(match.length));
    }
  }
  return strictest(found.sort((a, b) => a.at - b.at).map((f) => f.rule));
}

/**
 * One rule per kind, the strictest (the smallest limit or count; the first when equal), in the
 * order the kinds first appear. For a step's rules and its template's read separately.
 */
export function strictest(rules: readonly OutputRule[]): OutputRule[] {
  const chosen = new Map<OutputRule['kind'], OutputRule>();
  for (const rule of rules) {
    const held = chosen.get(rule.kind);
    if (held === undefined || size(rule) < size(held)) chosen.set(rule.kind, rule);
  }
  return [...chosen.values()];
}

function size(rule: OutputRule): number {
  switch (rule.kind) {
    case 'max_chars':
    case 'max_words':
    case 'no_hashtags':
      return rule.max;
    case 'items':
    case 'links':
      return rule.count;
    case 'hook_line':
      return 0;
  }
}

/** The line with every step reference ("steps 1 and 2") turned to spaces, sentence by sentence. */
function blankStepReferences(line: string): string {
  let out = line;
  for (const sentence of line.matchAll(/\S[\s\S]*?(?:[.!?]+(?=\s|$)|$)/g)) {
    for (const mention of findStepMentions(sentence[0])) {
      const start = sentence.index + mention.start;
      const end = sentence.index + mention.end;
      out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
    }
  }
  return out;
}

/** "1,300" → 1300, "three" → 3; NaN when absent. */
function count(word: string | undefined): number {
  if (word === undefined) return Number.NaN;
  return /^\d/.test(word) ? Number(word.replaceAll(',', '')) : numberOf(word);
}

function tidy(words: string): string {
  return words.replace(/\s+/g, ' ').trim();
}
