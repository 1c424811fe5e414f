// One run of a workflow as a durable Cloudflare Workflows instance.
//
// Steps have fixed names and bodies that read D1 before acting (activities.ts, open-review.ts,
// publish-step.ts), so the whole run can be replayed from the top — which is what the watchdog
// does with `instance.restart()` when an instance is errored, lost or stuck — and every step
// already done is skipped from what D1 holds. Each step attempt leaves a heartbeat in D1.
// The review gate is `step.waitForEvent` with an explicit timeout (the platform default is only
// 24 hours); a decision recorded in D1 before the wait (a replay) is taken without waiting.
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep, type WorkflowStepConfig } from 'cloudflare:workers';
import { loadConfig } from '../env';
import { servicesFor } from '../services';
import { compilePlan } from '../plan/compile';
import { classifyFailure, rethrowForStep } from './failures';
import { Plan, type ReviewGate } from '../domain/plan';
import { draftStep, gatherStep, markRunning, PLAN_ARTIFACT, recordFailure, reviseStep, type RunScope } from './activities';
import { openReview, resumeAfterReview } from './open-review';
import { finishStep, publishStep } from './publish-step';
import { learnDelay, learnStep, type ReviewSpan } from './learn';
import { ReviewDecision, reviewEventType } from './review-decision';
import { closeUnreviewed } from '../review/close-unreviewed';

export { ReviewDecision, reviewEventType } from './review-decision';

export interface RunParams {
  runId: string;
}

type Durable = <T extends Rpc.Serializable<T>>(name: string, body: (scope: RunScope) => Promise<T>) => Promise<T>;

/** A promise settled from outside; marked handled, since whoever needs it awaits it. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** A review nobody decided in time ended the run (Failed or Expired, already recorded). */
class ReviewClosedError extends Error {
  constructor(
    readonly status: 'Failed' | 'Expired',
    reason: string,
  ) {
    super(reason);
  }
}

/** True when step `id` needs review `gateId`, directly or through the steps it needs. */
function dependsOnGate(plan: Plan, id: string, gateId: string, seen = new Set<string>()): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  const needs = plan.steps.find((s) => s.id === id)?.dependsOn ?? plan.reviewGates.find((g) => g.id === id)?.dependsOn ?? [];
  return needs.some((n) => n === gateId || dependsOnGate(plan, n, gateId, seen));
}

export class RunWorkflow extends WorkflowEntrypoint<Cloudflare.Env, RunParams> {
  override async run(event: WorkflowEvent<RunParams>, step: WorkflowStep): Promise<{ status: 'Published' | 'Failed' | 'Expired'; reason?: string }> {
    const config = loadConfig(this.env);
    const services = servicesFor(config);
    const runId = event.payload.runId;
    const stepConfig: WorkflowStepConfig = {
      retries: { limit: 5, delay: config.stepRetryDelaySeconds * 1000, backoff: 'exponential' },
      timeout: '10 minutes',
    };
    // Everything a step needs is re-read inside the step: time, the pinned definition, adapters.
    const scope = async (): Promise<RunScope> => {
      const run = await services.store.getRun(runId);
      if (!run) throw new Error(`Run ${runId} is not in D1`);
      // The plan is pinned when the run starts (PLAN_ARTIFACT): a later compiler reads the same row the same way only by chance.
      const plan = (await services.store.getJson(runId, PLAN_ARTIFACT, Plan)) ?? compilePlan(run.definition_json).plan;
      return { services, run, definition: run.definition_json, plan, now: new Date() };
    };
    const durable: Durable = (name, body) =>
      step.do(name, stepConfig, async () => {
        try {
          const current = await scope();
          await services.store.heartbeat(runId, current.now);
          return await body(current);
        } catch (error) {
          rethrowForStep(error);
        }
      });

    try {
      const { plan } = await scope();
      await durable('start', markRunning);
      const gathered = await durable('gather context', gatherStep);
      const { lastRound, approvedRounds, spans } = await this.runGraph(plan, durable, step, config.reviewTimeoutDays);
      // A reviewer is waiting for the publish: its Notion requests go first at the rate gate.
      const first = (s: RunScope): RunScope => ({ ...s, services: servicesFor(config, 'decision') });
      const links = await durable('publish', (s) => publishStep(first(s), lastRound, gathered, approvedRounds));
      await durable('finish', (s) => finishStep(first(s), lastRound, links));
      // Published first: what the reviewers corrected becomes lessons for the next runs. A
      // failure here is the lessons' (learn.ts logs it), never the run's. With healthy webhooks
      // the run first sleeps (durably, LEARN_AFTER_SECONDS) so that a comment written just
      // before the approval has its event delivered (learn.ts learnDelay); the run is already
      // Published in D1 and on its row, so the watchdog leaves the sleeping instance alone.
      try {
        const wait = await durable('before learning', (s) => learnDelay(s, spans));
        if (wait > 0) await step.sleep('wait for comment events', wait);
        await durable('learn from the reviews', (s) => learnStep(s, spans));
      } catch (error) {
        console.warn(`run ${runId}: learning from the reviews failed (${error instanceof Error ? error.message : String(error)})`);
      }
      return { status: 'Published' };
    } catch (error) {
      // Recorded by the step that closed the round: an Expired run is not a failure to record.
      if (error instanceof ReviewClosedError) return { status: error.status, reason: error.message };
      const reason = classifyFailure(error).message;
      await durable('record failure', (s) => recordFailure(s.services, s.run, reason, s.now));
      return { status: 'Failed', reason };
    }
  }

  /**
   * Runs the plan as a graph: every drafting step starts as soon as the steps and reviews it
   * needs are done, so independent steps run at the same time (concurrent `step.do` calls,
   * which Workflows allows: developers.cloudflare.com/workflows/build/rules-of-workflows/).
   * Step names are fixed by the plan ("draft step 2"), and are the cache keys of a replay.
   * Reviews open one at a time, in the plan's order: review rounds are numbered across the run
   * ("open review round 3"), so a replay meets the same names in the same order. A review
   * holds back only what needs it.
   */
  private async runGraph(
    plan: Plan,
    durable: Durable,
    step: WorkflowStep,
    timeoutDays: number,
  ): Promise<{ lastRound: number; approvedRounds: Record<string, number>; spans: ReviewSpan[] }> {
    const approvedRounds: Record<string, number> = {};
    const spans: ReviewSpan[] = [];
    // Steps in flight: on a failure they finish before it is recorded, so none writes after it.
    const inFlight = new Set<Promise<unknown>>();
    const tracked: Durable = (name, body) => {
      const call = durable(name, body);
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call)).catch(() => undefined);
      return call;
    };

    const reviews = new Map(plan.reviewGates.map((gate) => [gate.id, deferred()]));
    const steps = new Map<string, Promise<void>>();
    const node = (id: string): Promise<void> => {
      const review = reviews.get(id);
      if (review) return review.promise;
      const known = steps.get(id);
      if (known) return known;
      const draft = plan.steps.find((s) => s.id === id);
      if (!draft) return Promise.reject(new Error(`The plan names ${id}, which it does not have`));
      const started = Promise.all(draft.dependsOn.map(node)).then(async () => {
        // Only the reviews this step waits for hand it their approved text, so a replay of the
        // step reads the same inputs whatever else was approved meanwhile.
        const rounds = Object.fromEntries(Object.entries(approvedRounds).filter(([gateId]) => dependsOnGate(plan, draft.id, gateId)));
        await tracked(`draft step ${draft.number}`, (s) => draftStep(s, draft.id, rounds));
      });
      steps.set(id, started);
      return started;
    };

    // Reviews open one at a time, each once what it needs is done and the review before it closed.
    const finalGate = plan.reviewGates.at(-1);
    let desk: Promise<number> = Promise.resolve(0);
    for (const gate of plan.reviewGates) {
      const before = desk;
      desk = (async () => {
        const [firstRound] = await Promise.all([before.then((r) => r + 1), ...gate.dependsOn.map(node)]);
        const last = await this.review(gate, firstRound, { ...approvedRounds }, tracked, step, timeoutDays);
        approvedRounds[gate.id] = last;
        spans.push({ first: firstRound, last });
        const more = gate !== finalGate || plan.steps.some((s) => dependsOnGate(plan, s.id, gate.id));
        if (more) await tracked(`continue after review round ${last}`, (s) => resumeAfterReview(s, last));
        return last;
      })();
      const review = reviews.get(gate.id)!;
      desk.then(() => review.resolve(), review.reject);
    }

    try {
      await Promise.all([...plan.steps.map((s) => node(s.id)), desk]);
    } catch (error) {
      await Promise.allSettled([...inFlight]);
      throw error;
    }
    return { lastRound: await desk, approvedRounds, spans };
  }

  /** One review gate, round after round until its reviewer approves; returns its last round. */
  private async review(gate: ReviewGate, firstRound: number, approvedRounds: Record<string, number>, durable: Durable, step: WorkflowStep, timeoutDays: number): Promise<number> {
    const opening = { gate, firstRound, approvedRounds };
    for (let round = firstRound; ; round++) {
      const { decided } = await durable(`open review round ${round}`, (s) => openReview(s, round, opening));
      let decision = decided ?? (await this.waitForDecision(step, round, timeoutDays));
      if (decision.decision === 'timed_out') {
        // The If nobody reviews policy; a decision that got to D1 first is taken instead.
        const closed = await durable(`close unreviewed round ${round}`, (s) => closeUnreviewed(s.services, s.run, round, s.now));
        if (closed.kind === 'closed') throw new ReviewClosedError(closed.status, closed.reason);
        decision = closed.decision;
      }
      if (decision.decision === 'approved') return round;
      if (round - firstRound + 1 >= gate.maxRounds) {
        throw new Error(`Changes were requested ${gate.maxRounds} times in "${gate.title}", the most this workflow allows; edit the draft by hand and approve it, or start a new run`);
      }
      const feedback = decision.feedback;
      await durable(`revise round ${round}`, (s) => reviseStep(s, round, feedback, gate));
    }
  }

  private async waitForDecision(step: WorkflowStep, round: number, timeoutDays: number): Promise<ReviewDecision> {
    let event: { payload: unknown };
    try {
      event = await step.waitForEvent(`review decision round ${round}`, { type: reviewEventType(round), timeout: `${timeoutDays} days` });
    } catch {
      // The backstop: the tick normally times the review out first (review/remind-reviews.ts).
      console.warn(`review round ${round}: no decision within ${timeoutDays} days`);
      return { decision: 'timed_out', feedback: '' };
    }
    return ReviewDecision.parse(event.payload);
  }
}
