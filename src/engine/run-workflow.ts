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
import { draftStep, gatherStep, markRunning, recordFailure, reviseStep, type RunScope } from './activities';
import { openReview } from './open-review';
import { finishStep, publishStep } from './publish-step';
import { ReviewDecision, reviewEventType } from './review-decision';

export { ReviewDecision, reviewEventType } from './review-decision';

export interface RunParams {
  runId: string;
}

export class RunWorkflow extends WorkflowEntrypoint<Cloudflare.Env, RunParams> {
  override async run(event: WorkflowEvent<RunParams>, step: WorkflowStep): Promise<{ status: 'Published' | 'Failed'; reason?: string }> {
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
      return { services, run, definition: run.definition_json, plan: compilePlan(run.definition_json).plan, now: new Date() };
    };
    const durable = <T extends Rpc.Serializable<T>>(name: string, body: (scope: RunScope) => Promise<T>) =>
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
      const { plan, definition } = await scope();
      await durable('start', markRunning);
      const gathered = await durable('gather context', gatherStep);
      for (let i = 0; i < plan.steps.length; i++) await durable(`draft step ${i + 1}`, (s) => draftStep(s, i));

      let round = 1;
      const gate = plan.reviewGates[0];
      if (definition.reviewer && gate) {
        for (;;) {
          const { decided } = await durable(`open review round ${round}`, (s) => openReview(s, round));
          const decision = decided ?? (await this.waitForDecision(step, round, config.reviewTimeoutDays));
          if (decision.decision === 'approved') break;
          if (round >= gate.maxRounds) {
            throw new Error(`Changes were requested ${round} times, the most this workflow allows; edit the draft by hand and approve it, or start a new run`);
          }
          const feedback = decision.feedback;
          await durable(`revise round ${round}`, (s) => reviseStep(s, round, feedback));
          round++;
        }
      }
      const lastRound = round;
      const links = await durable('publish', (s) => publishStep(s, lastRound, gathered));
      await durable('finish', (s) => finishStep(s, lastRound, links));
      return { status: 'Published' };
    } catch (error) {
      const reason = classifyFailure(error).message;
      await durable('record failure', (s) => recordFailure(s.services, s.run, reason, s.now));
      return { status: 'Failed', reason };
    }
  }

  private async waitForDecision(step: WorkflowStep, round: number, timeoutDays: number): Promise<ReviewDecision> {
    let event: { payload: unknown };
    try {
      event = await step.waitForEvent(`review decision round ${round}`, { type: reviewEventType(round), timeout: `${timeoutDays} days` });
    } catch {
      throw new Error(`No review decision arrived within ${timeoutDays} days; start a new run when the reviewer is back`);
    }
    return ReviewDecision.parse(event.payload);
  }
}
