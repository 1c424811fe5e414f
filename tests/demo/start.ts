// npm start: the offline demo. Notion, Google Drive and the model are local stand-ins, each its
// own process (state in .baton-demo/), the worker runs in `wrangler dev`, the workspace page
// shows the stand-in Notion and Drive as the team sees them, and this process ticks the cron
// every minute as Cloudflare would. If any part stops, it says which and exits non-zero; Ctrl-C
// stops everything and state survives a restart.
import { startDemoStack } from './demo-stack';
import { startWorkspace } from './workspace';

const t0 = performance.now();
console.log('Starting the offline stand-ins for Notion, Google Drive and the model…');
const stack = await startDemoStack().catch((error: unknown) => {
  console.error(`npm start could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const { notion, drive, model } = stack.standIns;
let workspace: { url: string; close(): Promise<void> } | undefined;
let timer: NodeJS.Timeout | undefined;

// A half-stack is worse than none: if any part stops on its own, say which and stop the rest.
stack.onExit((description) => {
  console.error(`\n${description}\nStopping the rest. Start again with: npm start`);
  if (timer) clearInterval(timer);
  void shutDown(1);
});

console.log(`Starting the worker (wrangler dev; its log is in ${stack.dir}/logs/worker.log)…`);
await stack.worker.start().catch((error: unknown) => failed('the worker', error));
const page = await startWorkspace({ port: stack.ports.workspace, notionUrl: notion.url, driveUrl: drive.url, workerUrl: stack.worker.url }).catch((error: unknown) =>
  failed('the workspace page', error),
);
workspace = page;
await stack.worker.tick(); // the first sync: the four workflows get their Health and Plan now

timer = setInterval(() => {
  stack.worker.tick().catch((error: unknown) => console.error(`tick failed: ${error instanceof Error ? error.message : String(error)}`));
}, 60_000);

console.log(`
Baton is running offline (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s). Open:

  ${page.url}

That is your team's workspace: the Workflows and Runs databases, Deals and the Drive folders.
Act as any team member there: tick Run now, review a draft, close a deal, drop a file.
The runs dashboard is linked from it (${stack.worker.url}/).

Running (each stops the demo if it stops):
  Notion stand-in        ${notion.url}   pid ${notion.pid}
  Google Drive stand-in  ${drive.url}   pid ${drive.pid}
  Model stand-in         ${model.url}   pid ${model.pid}
  Worker (wrangler dev)  ${stack.worker.url}   cron ticked by this process every minute
Logs are in ${stack.dir}/logs/. Scripted commands: npm run demo -- help
`);

async function failed(part: string, error: unknown): Promise<never> {
  console.error(`npm start could not start ${part}: ${error instanceof Error ? error.message : String(error)}`);
  return shutDown(1);
}

async function shutDown(code: number): Promise<never> {
  await workspace?.close();
  await stack.close();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (timer) clearInterval(timer);
    void shutDown(0);
  });
}
