// npm start: the offline demo. Notion, Google Drive and the model are local stand-ins (state
// in .baton-demo/), the worker runs in `wrangler dev`, and this process ticks its cron every
// minute as Cloudflare would. Stop with Ctrl-C; state survives a restart.
import { startLocalStack } from './local-stack';

const stack = await startLocalStack();
console.log('\nStarting the worker (wrangler dev)…');
await stack.startWorker();
await stack.tick();

const timer = setInterval(() => {
  stack.tick().catch((error: unknown) => console.error(`tick failed: ${error instanceof Error ? error.message : String(error)}`));
}, 60_000);

console.log(`
Baton is running offline. This process runs the cron every minute, as Cloudflare does
(wrangler's warning above about Scheduled Workers is about its own scheduler).
  Worker        ${stack.workerUrl}/health
  Notion        ${stack.notion.url}   (stand-in; the "Weekly competitive brief" row is in Workflows)
  Google Drive  ${stack.drive.url}   (stand-in; "Competitor updates" holds two Docs and a Sheet)
  Model         ${stack.model.url}   (stand-in; deterministic drafts from the prompt's sources)

In another terminal:
  npm run demo -- run-now                          start the weekly brief now (Run now; schedules unaffected)
  npm run demo -- status                           where each run is, and links to what it published
  npm run demo -- approve                          approve the draft as Maya, the reviewer
  npm run demo -- approve --edit "Note from Maya"  edit the draft in place, then approve
  npm run demo -- changes "Too long; lead with pricing"   ask for a revision as Maya
`);

// A half-stack is worse than none: if the worker stops on its own, say so and stop the rest.
stack.onWorkerExit((description) => {
  console.error(`\n${description}; stopping the stand-ins. Start again with: npm start`);
  clearInterval(timer);
  void stack.close().then(() => process.exit(1));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    void stack.close().then(() => process.exit(0));
  });
}
