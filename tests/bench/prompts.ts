// Prompt tokens per run of the weekly competitive brief, runs 1..5, each approved as drafted, on
// the offline stack (stand-ins + wrangler dev). Runnable alone: `npx tsx tests/bench/prompts.ts`.
//
// Tokens are the model stand-in's `usage.prompt_tokens` for every chat completion a run asks for
// (tests/emulators/model/completion.ts usageFor: ceil(characters / 4) per message + 3 per message
// + 3 for the reply — the same rule of thumb as src/context/pack.ts estimateTokens). The same
// count is used for every run, so the ratios hold whatever the real tokenizer says.
//
// Why five runs: run 1 has no previous brief; run 2 is the first to compare with one; runs 3..5
// show whether the prompt grows with history (it must not: the previous output is one brief,
// never all of them).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, isFullPage } from '@notionhq/client';
import { FIXTURE_IDS } from '../fixtures/example-rows';
import { freeStackPorts } from '../support/ports';
import { WORLD } from '../support/world';
import { startLocalStack } from '../demo/local-stack';

export interface PromptRun {
  run: number;
  /** Sum of prompt_tokens over the run's chat completions. */
  promptTokens: number;
  /** prompt_tokens of each completion, in the order asked. */
  perRequest: number[];
}

export interface PromptBench {
  runs: PromptRun[];
  /** Run 5's prompt tokens over run 2's: 1.0 means no growth with history. */
  run5OverRun2: number;
}

const RUNS = 5;

export async function benchPrompts(): Promise<PromptBench> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-prompts-'));
  const stack = await startLocalStack({ dir, quiet: true, ports: await freeStackPorts() });
  const notion = new Client({ auth: WORLD.notionToken, baseUrl: stack.notion.url, notionVersion: '2026-03-11' });

  const withStatus = async (status: string) => {
    const found = await notion.dataSources.query({ data_source_id: WORLD.runsDataSource, filter: { property: 'Status', select: { equals: status } } });
    return found.results.filter(isFullPage).map((p) => p.id);
  };
  const until = async (what: () => Promise<boolean>, label: string) => {
    const t = performance.now();
    while (!(await what())) {
      if (performance.now() - t > 120_000) throw new Error(`${label} did not happen within 2 minutes`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const completions = () => stack.model.requests.filter((r) => r.path === '/v1/chat/completions' && r.status === 200);

  try {
    await stack.startWorker();
    await stack.tick(new Date('2026-11-29T12:00:00Z')); // reads the row
    const runs: PromptRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const asked = completions().length;
      const published = (await withStatus('Published')).length;
      // Mondays 9:00 in Paris, one week apart.
      await stack.tick(new Date(Date.UTC(2026, 10, 30 + 7 * i, 8, 0, 0)));
      let waiting: string[] = [];
      await until(async () => (waiting = await withStatus('Needs review')).length > 0, `run ${i + 1} reaching review`);
      for (const id of waiting) {
        await fetch(`${stack.notion.url}/__admin/people/${FIXTURE_IDS.users.maya}/pages/${id}`, {
          method: 'PATCH',
          body: JSON.stringify({ properties: { Status: { select: { name: 'Approved' } } } }),
        });
      }
      await until(async () => (await withStatus('Published')).length > published, `run ${i + 1} publishing`);
      const perRequest = completions()
        .slice(asked)
        .map((r) => (r.response as { usage?: { prompt_tokens?: number } }).usage?.prompt_tokens ?? 0);
      runs.push({ run: i + 1, promptTokens: perRequest.reduce((a, b) => a + b, 0), perRequest });
      // BENCH_PROMPTS_DUMP=dir writes each run's requests, to read what the model was sent.
      const dump = process.env.BENCH_PROMPTS_DUMP;
      if (dump) writeFileSync(join(dump, `run-${i + 1}.json`), JSON.stringify(completions().slice(asked).map((r) => JSON.parse(r.body) as unknown), null, 2));
    }
    return { runs, run5OverRun2: runs[4]!.promptTokens / runs[1]!.promptTokens };
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printPrompts(result: PromptBench): void {
  console.log('\nprompt tokens per run (weekly competitive brief, approved as drafted; stand-in usage.prompt_tokens)');
  for (const r of result.runs) console.log(`run ${r.run}  ${String(r.promptTokens).padStart(6)}   per request ${r.perRequest.join(' + ')}`);
  console.log(`run 5 / run 2 = ${result.run5OverRun2.toFixed(2)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchPrompts();
  printPrompts(result);
  console.log(JSON.stringify(result));
}
