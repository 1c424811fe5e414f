// One run of a workflow as a durable Cloudflare Workflows instance.
//
// Steps have fixed names and idempotent bodies (activities.ts); the review gate is
// `step.waitForEvent` with an explicit timeout, because the platform default is only 24 hours.
// Decisions arrive through `instance.sendEvent` from the webhook route or the reconcile tick,
// with one event type per review round so a late duplicate for round 1 can never be taken as
// the decision for round 2.
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep, type WorkflowStepConfig } from 'cloudflare:workers';
import { z } from 'zod';
import { loadConfig } from '../env';
import { servicesFor } from '../services';
import { compilePlan } from '../plan/compile';
import type { TokenUsage } from '../domain/run';
import { classifyFailure, rethrowForStep } from './failures';
import {
  draftStep,
  failStep,
  finalText,
  finishStep,
  gatherStep,
  markRunning,
  openReview,
  publishStep,
  reviseStep,
  type RunScope,
} from './activities';

export interface RunParams {
  runId: string;
}

export const ReviewDecision = z.object({
  decision: z.enum(['approved', 'changes_requested']),
  feedback: z.string(),
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const reviewEventType = (round: number) => `review-round-${round}`;

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
          return await body(await scope());
        } catch (error) {
          rethrowForStep(error);
        }
      });

    const tokens: TokenUsage = { prompt: 0, completion: 0 };
    const add = (usage: TokenUsage) => {
      tokens.prompt += usage.prompt;
      tokens.completion += usage.completion;
    };
    try {
      const { plan, definition } = await scope();
      await durable('start', async (s) => markRunning(s));
      const gathered = await durable('gather context', async (s) => gatherStep(s));
      for (let i = 0; i < plan.steps.length; i++) add(await durable(`draft step ${i + 1}`, async (s) => draftStep(s, i)));

      let round = 1;
      const gate = plan.reviewGates[0];
      if (definition.reviewer && gate) {
        for (;;) {
          await durable(`open review round ${round}`, async (s) => openReview(s, round));
          const decision = await this.waitForDecision(step, round, config.reviewTimeoutDays);
          if (decision.decision === 'approved') break;
          if (round >= gate.maxRounds) {
            throw new Error(`Changes were requested ${round} times, the most this workflow allows; edit the draft by hand and approve it, or start a new run`);
          }
          const feedback = decision.feedback;
          add(await durable(`revise round ${round}`, async (s) => reviseStep(s, round, feedback)));
          round++;
        }
      }
      const lastRound = round;
      const links = await durable('publish', async (s) => publishStep(s, await finalText(s, lastRound), gathered.used));
      await durable('finish', async (s) => finishStep(s, links, tokens));
      return { status: 'Published' };
    } catch (error) {
      const reason = classifyFailure(error).message;
      await durable('record failure', async (s) => failStep(s, reason));
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
