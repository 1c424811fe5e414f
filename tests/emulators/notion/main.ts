// Runs the stand-in on its own, for the offline demo:
//   npx tsx tests/emulators/notion/main.ts --port 4010 --state-dir .notion-state --seed seed.json
//     [--webhook-url URL --webhook-secret TOKEN] [--web-base URL]
// Without --seed it starts from defaultSeed(). With --webhook-secret the subscription is already
// verified with that token (as after Notion's verification handshake). --web-base replaces
// https://www.notion.so in page `url`s. Prints the URL, then serves until stopped.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { NotionSeed } from './seed';
import { startNotion } from './stand-in';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'state-dir': { type: 'string' },
    seed: { type: 'string' },
    'webhook-url': { type: 'string' },
    'webhook-secret': { type: 'string' },
    'web-base': { type: 'string' },
  },
});

const seed = values.seed ? (JSON.parse(readFileSync(values.seed, 'utf8')) as NotionSeed) : undefined;
const standIn = await startNotion({
  port: Number(values.port),
  host: values.host,
  stateDir: values['state-dir'],
  seed,
  webhook: values['webhook-url']
    ? { url: values['webhook-url'], ...(values['webhook-secret'] ? { verificationToken: values['webhook-secret'], confirmed: true, backoffMs: 500 } : {}) }
    : undefined,
  webBase: values['web-base'],
});
console.log(standIn.url);
console.error(
  `Notion stand-in ready (schemas ${standIn.schemaInfo.cached ? 'cached' : 'generated'} in ${Math.round(standIn.schemaInfo.elapsedMs)} ms). Admin: ${standIn.url}/__admin/`,
);

const stop = async () => {
  await standIn.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
