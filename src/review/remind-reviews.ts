// The tick's task for reviews nobody has decided: a reminder, then an escalation, then the
// timeout policy — so a review never waits silently (review-policy.ts has the rules).
//
// Everything is read from D1: the round's `opened-N` time (round N's Needs review reached the
// row), the run's pinned definition (Remind after, Backup reviewer, If nobody reviews, time zone)
// and the round's reviewers. Each step happens once per round, by a claim artifact
// (`reminded-N`, `escalated-N`, `timed-out-N`), so overlapping ticks and replays never repeat a
// comment. Times are the tick's `now` (the cron's scheduled time), compared with `opened-N`.
//
// The timeout is decided here: the waiting instance is told with a `timed_out` event for the
// round, and closes the round itself in a durable, retried step (close-unreviewed.ts) — so a
// Notion failure half-way is retried by Workflows. While D1 still shows the round in Needs review,
// every tick sends the event again (one event type per round: a duplicate is never taken for a
// later round). The instance's own waitForEvent timeout is only the backstop.
import type { Services } from '../services';
import { requireNotion } from '../services';
import type { StoredRun } from '../adapters/store';
import type { NotionAdapter } from '../adapters/notion';
import { mentionList, text } from '../engine/run-row';
import { announcedName, openedName } from './round-records';
import { DEFAULT_REVIEW_DELAY, describeDelay, readReviewDelay, reviewClock, reviewStage, type ReviewDelay, type ReviewStage } from './review-policy';
import { escalatedName, remindedName, roundReviewers, saveRoundReviewers, timedOutName } from './round-reviewers';
import { deliverDecision } from './decide';

export type ReminderAction = { runId: string; round: number; action: 'reminded' | 'escalated' | 'no_backup' | 'timed_out' };

export async function remindReviews(services: Services, now: Date): Promise<ReminderAction[]> {
  const actions: ReminderAction[] = [];
  for (const run of await services.store.runsWithStatus('Needs review')) {
    try {
      actions.push(...(await remindOne(services, run, now)));
    } catch (error) {
      // One run's trouble never stops the others; the next tick tries again.
      console.error(`review reminders: run ${run.run_id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return actions;
}

async function remindOne(services: Services, run: StoredRun, now: Date): Promise<ReminderAction[]> {
  const round = run.review_round;
  // Only an announced review is waiting for a person (open-review.ts writes opened-N, then announces).
  if (!run.run_page_id || (await services.store.getArtifact(run.run_id, announcedName(round))) === null) return [];
  const opened = await services.store.getArtifact(run.run_id, openedName(round));
  if (opened === null || Number.isNaN(Date.parse(opened))) return [];
  const definition = run.definition_json;
  const delay = readReviewDelay(definition.reviewPolicy.remindAfter ?? '') ?? DEFAULT_REVIEW_DELAY;
  const clock = reviewClock(new Date(opened), delay, services.config.reviewTimeoutDays, definition.timeZone);
  const stage: ReviewStage = reviewStage(clock, now);
  if (stage === 'waiting') return [];
  const done: ReminderAction[] = [];
  const act = (action: ReminderAction['action']) => done.push({ runId: run.run_id, round, action });

  if (stage === 'timed_out') {
    // When the tick first said so; the waiting run closes the round itself, in a durable step.
    await services.store.claimArtifact(run.run_id, timedOutName(round), now.toISOString(), now);
    if (await deliverDecision(services, run.run_id, round, { decision: 'timed_out', feedback: '' })) act('timed_out');
    return done;
  }

  const reviewers = await roundReviewers(services.store, run, round);
  if (!reviewers) return [];
  const page = run.run_page_id;
  const since = describeDelay(delay);

  // An escalation due stands for the reminder too (a tick that was down does not send both).
  if (await claim(services, run.run_id, remindedName(round), now)) {
    if (stage === 'remind') {
      await commentOrRelease(services, run.run_id, remindedName(round), now, page, [
        ...mentionList(reviewers.reviewers),
        ...text(
          ` — a reminder: this draft has waited ${since} for your review. Set Status to Approved, or to Changes requested with a sentence in Feedback. ` +
            'If you cannot review it, hand it over by changing Reviewer on this row.',
        ),
      ]);
      act('reminded');
    }
  }
  if (stage !== 'escalate' || !(await claim(services, run.run_id, escalatedName(round), now))) return done;
  const ends = definition.reviewPolicy.ifNobodyReviews === 'Expire' ? 'expires' : 'fails';
  const timeoutDate = clock.timeoutAt.toLocaleString('en-GB', { timeZone: definition.timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
  if (!reviewers.backup) {
    await commentOrRelease(services, run.run_id, escalatedName(round), now, page, [
      ...mentionList(reviewers.reviewers),
      ...text(
        ` — this draft has waited ${describeDelay(doubled(delay))} for review and the workflow names no Backup reviewer to ask, so it still waits for you; ` +
          `it ${ends} unreviewed on ${timeoutDate}. Add a Backup reviewer to the workflow row so the next one can be escalated.`,
      ),
    ]);
    act('no_backup');
    return done;
  }
  // D1 first: from here the backup's decision is taken too.
  await saveRoundReviewers(services.store, run, round, { ...reviewers, escalated: true }, now);
  await commentOrRelease(services, run.run_id, escalatedName(round), now, page, [
    ...mentionList([reviewers.backup]),
    ...text(' — '),
    ...mentionList(reviewers.reviewers),
    ...text(
      ` ${reviewers.reviewers.length > 1 ? 'have' : 'has'} not reviewed this draft in ${describeDelay(doubled(delay))}, so Baton asks you as the backup reviewer: your decision counts from now. ` +
        `Set Status to Approved, or to Changes requested with a sentence in Feedback. Unreviewed, the run ${ends} on ${timeoutDate}.`,
    ),
  ]);
  act('escalated');
  return done;
}

/**
 * Takes the once-per-round claim. A claim whose comment failed is marked released and taken
 * again by a later tick, so a reminder is neither lost to one failed request nor sent twice by
 * overlapping ticks.
 */
async function claim(services: Services, runId: string, name: string, now: Date): Promise<boolean> {
  if (await services.store.claimArtifact(runId, name, now.toISOString(), now)) return true;
  if ((await services.store.getArtifact(runId, name)) !== RELEASED) return false;
  await services.store.putArtifact(runId, name, now.toISOString(), now);
  return true;
}

const RELEASED = 'released';

async function commentOrRelease(services: Services, runId: string, name: string, now: Date, page: string, body: Parameters<NotionAdapter['comment']>[1]): Promise<void> {
  try {
    await requireNotion(services).comment(page, body);
  } catch (error) {
    await services.store.putArtifact(runId, name, RELEASED, now);
    throw error;
  }
}

/** Two delays, as one: the time from opening to escalation. */
function doubled(delay: ReviewDelay): ReviewDelay {
  return delay.kind === 'working_days' ? { ...delay, days: delay.days * 2 } : { ...delay, ms: delay.ms * 2 };
}
