// The simulated reviewers: Maya (the rows' Reviewer) and Alex (not a reviewer), acting on Run
// rows concurrently with Baton through the Notion stand-in's person admin API, which is never
// faulted. Each run gets one behaviour, drawn from the seeded RNG when its row first appears:
// approve; edit the draft (insert a unique marker line) then approve; ask for changes with
// Feedback then approve the revision; or Alex approves first (Baton must revert it), then Maya.
//
// What they see is read from polls of the Runs data source; an observation only counts when its
// poll started after the reviewer's last action on that run, so a read that raced the action is
// never taken for Baton undoing it.
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { WORLD } from '../support/world';
import type { Behaviour, ReviewRecord } from './count';

export interface RowStatus {
  pageId: string;
  runId: string;
  status: string;
}

interface Tracked extends ReviewRecord {
  phase: 'wait-review' | 'changes-sent' | 'alex-sent' | 'approved' | 'done';
  busy: boolean;
  /** Poll number current when the last action finished. */
  actedAt: number;
}

export interface ReviewersOptions {
  notionUrl: string;
  /** The page's markdown as the reviewer sees it (in-process read; no API request). */
  readMarkdown(pageId: string): string;
  random: () => number;
  /** Longest pause before a reviewer acts, to interleave with Baton's steps. */
  maxThinkMs?: number;
  log?: (line: string) => void;
}

const MAYA = FIXTURE_IDS.users.maya;

export class Reviewers {
  private readonly runs = new Map<string, Tracked>();
  private pending = new Set<Promise<void>>();
  private seq = 0;
  /** Reviewer actions that the admin API refused (they are retried on the next poll). */
  refusedActions = 0;

  constructor(private readonly options: ReviewersOptions) {}

  /** Call at the start of each poll; pass the number to `observe`. */
  beginPoll(): number {
    return ++this.seq;
  }

  records(): ReviewRecord[] {
    return [...this.runs.values()].map(({ phase: _p, busy: _b, actedAt: _a, ...record }) => record);
  }

  /** True when no reviewer still has something to do. */
  idle(): boolean {
    return this.pending.size === 0 && [...this.runs.values()].every((r) => r.phase === 'done' || r.phase === 'approved' || r.phase === 'alex-sent');
  }

  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  observe(poll: number, rows: RowStatus[]): void {
    for (const row of rows) {
      if (!row.runId) continue;
      let run = this.runs.get(row.runId);
      if (!run) {
        run = {
          runId: row.runId,
          pageId: row.pageId,
          behaviour: this.pickBehaviour(),
          approvals: 0,
          approvalResets: 0,
          nonReviewerApproved: false,
          nonReviewerReverted: false,
          publishedOnNonReviewer: false,
          phase: 'wait-review',
          busy: false,
          actedAt: 0,
        };
        this.runs.set(row.runId, run);
      }
      if (run.busy || poll <= run.actedAt || run.pageId !== row.pageId) continue;
      this.step(run, row.status);
    }
  }

  private pickBehaviour(): Behaviour {
    const r = this.options.random();
    if (r < 0.3) return 'approve';
    if (r < 0.6) return 'edit-then-approve';
    if (r < 0.85) return 'changes-then-approve';
    return 'non-reviewer-first';
  }

  private step(run: Tracked, status: string): void {
    if (status === 'Failed' || status === 'Cancelled') return void (run.phase = 'done');
    switch (run.phase) {
      case 'wait-review':
        if (status !== 'Needs review') return;
        if (run.behaviour === 'approve') return this.act(run, 'approved', () => this.approve(run));
        if (run.behaviour === 'edit-then-approve') return this.act(run, 'approved', () => this.editThenApprove(run));
        if (run.behaviour === 'changes-then-approve') return this.act(run, 'changes-sent', () => this.requestChanges(run));
        return this.act(run, 'alex-sent', async () => {
          await this.setStatus(WORLD.alex, run.pageId, 'Approved');
          run.nonReviewerApproved = true;
          run.nonReviewerApprovedAt = Date.now();
        });
      case 'changes-sent':
        if (status === 'Needs review') this.act(run, 'approved', () => this.approve(run));
        else if (status === 'Changes requested') this.act(run, 'changes-sent', () => this.confirmIfAsked(run));
        return;
      case 'alex-sent':
        if (status === 'Publishing' || status === 'Published') {
          run.publishedOnNonReviewer = true;
          run.phase = 'done';
        } else if (status === 'Needs review') {
          run.nonReviewerReverted = true;
          run.nonReviewerRevertedAt ??= Date.now();
          this.act(run, 'approved', () => this.approve(run));
        } else if (status === 'Approved') {
          // Baton may ask Maya whether the approval it sees is hers: it is not, so she approves herself.
          this.act(run, 'alex-sent', async () => {
            if (await this.askedToConfirm(run)) {
              run.nonReviewerReverted = true; // not published on Alex's word: Baton held it for Maya
              run.nonReviewerRevertedAt ??= Date.now();
              await this.approve(run);
              return 'approved';
            }
            return undefined;
          });
        }
        return;
      case 'approved':
        if (status === 'Published') return void (run.phase = 'done');
        if (status === 'Needs review' || status === 'Changes requested') {
          // Baton undid the approval. A reviewer would approve again; the loss is counted.
          run.approvalResets += 1;
          this.options.log?.(`approval reset: ${run.runId} (${run.behaviour}) back to ${status}`);
          this.act(run, 'approved', () => this.approve(run));
        } else if (status === 'Approved') {
          this.act(run, 'approved', () => this.confirmIfAsked(run));
        }
        return;
      case 'done':
        return;
    }
  }

  /** Runs an action after a think time; the run moves to `next`, or to the phase the action returns. */
  private act(run: Tracked, next: Tracked['phase'], action: () => Promise<void | Tracked['phase']>): void {
    run.busy = true;
    const think = Math.floor(this.options.random() * (this.options.maxThinkMs ?? 1500));
    const done = (async () => {
      await new Promise((r) => setTimeout(r, think));
      try {
        run.phase = (await action()) ?? next;
      } catch (error) {
        this.refusedActions += 1;
        this.options.log?.(`reviewer action on ${run.runId} refused: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        run.actedAt = this.seq;
        run.busy = false;
      }
    })();
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  /** Baton's latest question "who set Status?", if nobody has answered it since. */
  private async askedToConfirm(run: Tracked): Promise<boolean> {
    const res = await fetch(`${this.options.notionUrl}/v1/comments?block_id=${run.pageId}`, {
      headers: { authorization: `Bearer ${WORLD.notionToken}`, 'notion-version': '2026-03-11', 'x-stand-in-fault-exempt': '1' },
    });
    if (!res.ok) throw new Error(`listing comments answered ${res.status}`);
    const { results } = (await res.json()) as { results: { created_by: { id: string }; rich_text: { plain_text: string }[] }[] };
    const texts = results.map((c) => ({ by: c.created_by.id, text: c.rich_text.map((t) => t.plain_text).join('') }));
    const asked = texts.findLastIndex((c) => c.text.includes('cannot tell who set it'));
    return asked >= 0 && !texts.slice(asked + 1).some((c) => c.by === MAYA);
  }

  /** A reviewer who made the decision Baton asks about confirms it, as the comment tells her to. */
  private async confirmIfAsked(run: Tracked): Promise<void> {
    if (!(await this.askedToConfirm(run))) return;
    run.confirmationsAsked = (run.confirmationsAsked ?? 0) + 1;
    await this.admin('POST', `/__admin/people/${MAYA}/comments`, { parent: { page_id: run.pageId }, rich_text: [{ type: 'text', text: { content: 'confirm' } }] });
  }

  private async approve(run: Tracked): Promise<void> {
    await this.setStatus(MAYA, run.pageId, 'Approved');
    run.approvals += 1;
  }

  private async editThenApprove(run: Tracked): Promise<void> {
    const marker = run.marker ?? `Reviewer marker ${run.runId.slice(-10)} ${Math.floor(this.options.random() * 1e9).toString(36)}`;
    const markdown = this.options.readMarkdown(run.pageId);
    await this.admin('PUT', `/__admin/people/${MAYA}/pages/${run.pageId}/markdown`, { markdown: `${markdown.trimEnd()}\n${marker}` });
    run.marker = marker;
    await this.approve(run);
  }

  private async requestChanges(run: Tracked): Promise<void> {
    await this.admin('PATCH', `/__admin/people/${MAYA}/pages/${run.pageId}`, {
      properties: {
        Status: { select: { name: 'Changes requested' } },
        Feedback: { rich_text: [{ type: 'text', text: { content: 'Please add one line on what to watch next week.' } }] },
      },
    });
  }

  private setStatus(person: string, pageId: string, name: string): Promise<void> {
    return this.admin('PATCH', `/__admin/people/${person}/pages/${pageId}`, { properties: { Status: { select: { name } } } });
  }

  private async admin(method: string, path: string, body: unknown): Promise<void> {
    const res = await fetch(`${this.options.notionUrl}${path}`, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
}
