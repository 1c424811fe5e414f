// The limits a step's own words set on its output: "under 1,300 characters", "5 beats", "one link
// back", "no hashtag walls", "one hook line". Read by src/plan/output-rules.ts, checked against a
// draft by src/engine/check-output.ts. Plain JSON, so rules travel inside a compiled Plan.
//
// Every rule keeps `words`, the phrase as the person wrote it, so a message can quote it back:
// "under 1,300 characters: it has 1,412 characters". What each kind means:
//   max_chars    at most `max` characters. "Under 1,300" is read as at most 1,300: the team
//                wrote a round number, as with word limits in templates.
//   max_words    at most `max` words. A bare count ("150 words", "a 150-word section", "about
//                150 words") means about that many: max = round(N × 1.1) and no minimum, because
//                a model asked for more words than it has facts for can only pad.
//   items        exactly `count` top-level list items ("5 beats", "three bullet points").
//   links        exactly `count` distinct links ("one link back"); 0 for "no links".
//   no_hashtags  at most `max` hashtags: "no hashtags" → 0; "no hashtag walls" → 3, because a
//                wall is many tags and a few are fine.
//   hook_line    the first non-empty line is one sentence of at most 20 words, not a heading
//                and not a list item.
import * as z from 'zod';

/** A bare "N words" allows this much more than N. */
export const ABOUT_WORDS_SLACK = 1.1;
/** "No hashtag walls": this many tags are still not a wall. */
export const HASHTAG_WALL_MAX = 3;
/** A hook is a line a reader takes in at a glance. */
export const HOOK_MAX_WORDS = 20;

export const ItemUnit = z.enum(['beats', 'bullets', 'points', 'items', 'ideas', 'takeaways', 'tips', 'questions']);
export type ItemUnit = z.infer<typeof ItemUnit>;

const words = z.string().min(1);
const positive = z.number().int().positive();
const atLeastZero = z.number().int().nonnegative();

export const OutputRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('max_chars'), words, max: positive }),
  z.object({ kind: z.literal('max_words'), words, max: positive }),
  z.object({ kind: z.literal('items'), words, count: positive, unit: ItemUnit }),
  z.object({ kind: z.literal('links'), words, count: atLeastZero }),
  z.object({ kind: z.literal('no_hashtags'), words, max: atLeastZero }),
  z.object({ kind: z.literal('hook_line'), words }),
]);
export type OutputRule = z.infer<typeof OutputRule>;
export type OutputRuleKind = OutputRule['kind'];
