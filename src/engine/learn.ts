// After a reviewed run is published: what the reviewers corrected becomes lessons on the
// workflow page, for the next runs (review/lessons-page.ts says how the page holds them).
//
//   1. For every review of the run: Baton's draft of its first round against the text approved
//      in its last (round-summary.ts changedLines, a line diff), every round's Feedback, and the people's
//      comments on the Run page (listed only when one may be there: review/comment-signals.ts).
//   2. Nothing changed and nothing was said: nothing to learn, no model call.
//   3. The model distils them into at most 3 short, positive, general instructions (a list, as
//      Structured Outputs); ones the page already holds, in other case or punctuation, are left out.
//   4. They are appended under the page's Lessons heading, dated and linked to the run: used at
//      once (Learning = Automatic) or as to-dos a person ticks (Ask first). Learning = Off: nothing.
//   5. A page past LESSONS_BUDGET lessons has them merged by the model into LESSONS_MERGED, the
//      section rewritten once with the merged list (each still dated, linked to this run).
// Lessons are a help, not the run: a failure here is logged and the run stays Published. The
// step is idempotent: `lessons-learned` records what was written, and lines already on the page
// are never appended again.
import type { RunScope } from './activities';
import { requireNotion } from '../services';
import { approvedName, decisionName, RecordedDecision } from '../review/round-records';
import { appendLessons, lessonLine, readLessons, sameLesson } from '../review/lessons-page';
import { changedLines, listChangedLines } from '../review/round-summary';
import { openPart } from './step-outputs';
import { draftName, runPage } from './activities';
import { lessonPrompt } from './prompt';
import { localDate, runTitle } from '../publish/naming';
import { subjectName } from '../domain/trigger-subject';
import { peopleMayHaveCommented } from '../review/comment-signals';
import * as z from 'zod';

/** Past this many lessons on the page, they are merged. */
export const LESSONS_BUDGET = 12;
export const LESSONS_MERGED = 8;
/** A lesson longer than this is not a short instruction; it is left out. */
const MAX_LESSON_CHARS = 200;
const LEARNED = 'lessons-learned';

/** One review of the run: its first and last round (rounds count across the run). */
export interface ReviewSpan {
  first: number;
  last: number;
}

/**
 * How long the run waits, once published, before the learn step (milliseconds; 0: at once). With
 * healthy webhooks the step lists the Run page's comments only when a person's comment was
 * signalled, and the learn step runs moments after the approval: a comment written just before
 * approving may still be on its way ("usually under a minute, at most ~5"), so the run waits
 * LEARN_AFTER_SECONDS for it. Nothing to learn, a comment already signalled, or deliveries that
 * cannot be relied on (the comments are listed anyway): no wait.
 */
export async function learnDelay(scope: RunScope, reviews: readonly ReviewSpan[]): Promise<number> {
  const { services, run, definition } = scope;
  if (definition.learning === 'Off' || reviews.length === 0 || !run.run_page_id) return 0;
  if ((await services.store.getArtifact(run.run_id, LEARNED)) !== null) return 0;
  return (await peopleMayHaveCommented(services, run)) ? 0 : services.config.learnAfterMs;
}

export async function learnStep(scope: RunScope, reviews: readonly ReviewSpan[]): Promise<{ learned: string[] }> {
  const { services, run, definition, now } = scope;
  if (definition.learning === 'Off' || reviews.length === 0 || !run.run_page_id) return { learned: [] };
  const done = await services.store.getJson(run.run_id, LEARNED, z.array(z.string()));
  if (done) return { learned: done };
  try {
    const notion = requireNotion(services);
    const { feedback, changes } = await whatReviewersSaid(scope, reviews);
    if (feedback.length === 0 && changes === '') return await record(scope, []);

    const section = readLessons((await notion.readMarkdown(definition.pageId)).markdown);
    const existing = [...section.accepted, ...section.proposed].map((l) => l.text);
    const answer = await ask(scope, 'lessons-answer', () => services.llm.complete({ ...lessonPrompt({ workflowName: definition.name, existing, feedback, changes }), list: { min: 0, max: 3 } }));
    const fresh: string[] = [];
    for (const text of bullets(answer)) {
      if (text.length > MAX_LESSON_CHARS || [...existing, ...fresh].some((e) => sameLesson(e, text))) continue;
      fresh.push(text);
    }
    if (fresh.length === 0) return await record(scope, []);

    const note = {
      date: localDate(now, definition.timeZone),
      runTitle: runTitle(definition.name, new Date(run.scheduled_for ?? run.created_at), definition.timeZone, subjectName(run.trigger_subject)),
      runUrl: `https://www.notion.so/${runPage(run).replace(/-/g, '')}`,
      propose: definition.learning === 'Ask first',
    };
    if (existing.length + fresh.length > LESSONS_BUDGET && section.bounds) {
      const merged = await ask(scope, 'lessons-merge-answer', () =>
        services.llm.complete({
          ...lessonPrompt({ workflowName: definition.name, existing: [...existing, ...fresh], feedback: [], changes: '' }, { merge: LESSONS_MERGED }),
          list: { min: 1, max: LESSONS_MERGED },
        }),
      );
      const lines = bullets(merged).slice(0, LESSONS_MERGED).map((text) => lessonLine(text, note));
      if (lines.length > 0) {
        const { heading, last } = section.bounds;
        const after = await notion.replaceMarkdownRange(definition.pageId, { range: heading === last ? heading : `${heading}...${last}`, content: [heading, ...lines].join('\n') });
        await keepPageLessons(scope, after.markdown);
        return await record(scope, fresh);
      }
    }
    const after = await notion.insertMarkdown(definition.pageId, appendLessons(section, fresh.map((text) => lessonLine(text, note))));
    await keepPageLessons(scope, after.markdown);
    return await record(scope, fresh);
  } catch (error) {
    console.warn(`run ${run.run_id}: no lessons were written (${error instanceof Error ? error.message : String(error)})`);
    return { learned: [] };
  }
}

/** D1's copy of the page's lessons after Baton's own write, which the sync skips as the bot's (activities.ts gatherStep reads it). */
async function keepPageLessons({ services, definition }: RunScope, markdown: string): Promise<void> {
  await services.store.setPageLessons(definition.pageId, readLessons(markdown).accepted.map((l) => l.text));
}

/** Every round's Feedback and the people's comments, and what changed between draft and approval. */
async function whatReviewersSaid({ services, run }: RunScope, reviews: readonly ReviewSpan[]): Promise<{ feedback: string[]; changes: string }> {
  const notion = requireNotion(services);
  const feedback: string[] = [];
  const described: string[] = [];
  for (const { first, last } of reviews) {
    for (let round = first; round <= last; round++) {
      const decision = await services.store.getJson(run.run_id, decisionName(round), RecordedDecision);
      if (decision?.feedback.trim()) feedback.push(decision.feedback.trim());
    }
    const draft = await services.store.getArtifact(run.run_id, draftName(first));
    const approved = await services.store.getArtifact(run.run_id, approvedName(last));
    if (draft !== null && approved !== null) {
      const changes = changedLines(draft, openPart(approved));
      if (changes.added.length + changes.removed.length + changes.moved.length > 0) described.push(listChangedLines(changes));
    }
  }
  // Saving: one GET /v1/comments per reviewed run while Notion webhooks are healthy, in the usual
  // case where nobody but Baton commented on the Run page; a person's comment is signalled by its
  // comment.* event (review/comment-signals.ts), and the page's comments are listed then.
  if (await peopleMayHaveCommented(services, run)) {
    const bot = await notion.botUserId();
    for (const comment of await notion.listComments(runPage(run))) {
      if (comment.authorId !== bot && comment.text.trim() && !feedback.includes(comment.text.trim())) feedback.push(comment.text.trim());
    }
  }
  return { feedback, changes: described.join('\n') };
}

/** The model's answer, asked once per run (kept in D1 with its tokens counted on the run). */
async function ask({ services, run, now }: RunScope, name: string, call: () => Promise<{ text: string; usage: { prompt: number; completion: number } }>): Promise<string> {
  const kept = await services.store.getArtifact(run.run_id, name);
  if (kept !== null) return kept;
  const answer = await call();
  await services.store.putCompletion(run.run_id, name, answer.text, answer.usage.prompt + answer.usage.completion, now);
  return answer.text;
}

async function record({ services, run, now }: RunScope, learned: string[]): Promise<{ learned: string[] }> {
  await services.store.putArtifact(run.run_id, LEARNED, JSON.stringify(learned), now);
  return { learned };
}

/** The items of a list answer ("- a\n- b"), without markers; blank ones left out. */
function bullets(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*+•]|\d+[.)])\s+/, '').replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}
