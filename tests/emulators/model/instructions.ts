// The instructions about an answer's shape that the scripted model follows, read (like its length
// limits, limits.ts) from a template's non-heading lines and from the task:
//   - a list count: a number (digits, or two to twelve in words) before beats, bullets, bullet
//     points, points, items, ideas, takeaways, tips or questions ("5 beats", "three points",
//     "(3 bullets)", "top 3 items", "3 key takeaways"). Not "3 steps", "step 3 bullets" or a
//     count of one. The smallest count wins when several are stated.
//   - links: "one link back", "a link", "2 links", "no links" (0). The smallest count wins.
//   - a hook line: "one hook line", "a hook", "start with a hook".
//   - hashtags: "no hashtags", "no hashtag walls", "no wall of hashtags": the model writes none.
import type { Limits } from './limits';

export interface Instructions {
  /** Exactly this many top-level bullets; `unit` is the singular noun ("beat"), for placeholders. */
  items?: { count: number; unit: string };
  /** Exactly this many distinct links. */
  links?: number;
  hook: boolean;
  noHashtags: boolean;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const COUNT = String.raw`(\d{1,2}|${NUMBER_WORDS.slice(1).join('|')})`;
const ITEMS = new RegExp(
  String.raw`(?<!\bsteps?\s+)\b${COUNT}\s+(?:(?:key|main|short|quick|concrete|clear|big|crisp)\s+)?(bullet\s+points?|bullets?|beats?|points?|items?|ideas?|takeaways?|tips?|questions?)\b(?!\s+(?:of|higher|lower|ahead|behind)\b)`,
  'gi',
);
const LINKS = new RegExp(String.raw`\b(?:no\s+(links|urls)\b|(?:${COUNT}|an?|single)\s+(?:single\s+)?(?:link|url)s?\b)`, 'gi');
const HOOK = /\b(?:(?:start|open|begin|lead)\s+with\s+(?:an?|one)\s+(?:\w+\s+)?hook|(?:one|an?|single)\s+(?:\w+\s+)?hook(?:\s+line)?)\b/i;
const NO_HASHTAGS = /\b(?:no|without)\s+(?:walls?\s+of\s+)?hashtags?\b/i;

export function readInstructions(...texts: (string | undefined)[]): Instructions {
  const found: Instructions = { hook: false, noHashtags: false };
  for (const text of texts) {
    if (text === undefined) continue;
    for (const match of text.matchAll(ITEMS)) {
      const count = numberOf(match[1] ?? '');
      const unit = (match[2] ?? '').toLowerCase().replace(/\s+/g, ' ').replace(/s$/, '');
      if (count >= 2 && count < (found.items?.count ?? Infinity)) found.items = { count, unit };
    }
    for (const match of text.matchAll(LINKS)) {
      const count = match[1] !== undefined ? 0 : match[2] !== undefined ? numberOf(match[2]) : 1;
      if (count < (found.links ?? Infinity)) found.links = count;
    }
    if (HOOK.test(text)) found.hook = true;
    if (NO_HASHTAGS.test(text)) found.noHashtags = true;
  }
  return found;
}

/** True when the text states anything the model follows: a shape instruction or a length. */
export function statesRules(instructions: Instructions, limits: Limits): boolean {
  return (
    instructions.items !== undefined ||
    instructions.links !== undefined ||
    instructions.hook ||
    instructions.noHashtags ||
    limits.words !== undefined ||
    limits.chars !== undefined
  );
}

function numberOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS.indexOf(word.toLowerCase());
}
