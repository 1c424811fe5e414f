// npm run stand-ins: only the three stand-ins (Notion, Google Drive, model), seeded with the
// example world and persisted in .baton-demo/, for pointing your own `wrangler dev` or SDK
// scripts at. Same ports as `npm start`; stop with Ctrl-C.
import { startLocalStack } from './local-stack';

const stack = await startLocalStack();
console.log(`Stand-ins running (state in ${stack.dir}):
  Notion        ${stack.notion.url}      token ntn_baton_local_token, admin API at /__admin/
  Google Drive  ${stack.drive.url}      token endpoint ${stack.drive.tokenUrl}
  Model         ${stack.model.url}   OpenAI-compatible
Each folder's README under tests/emulators/ lists the endpoints and admin calls.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stack.close().then(() => process.exit(0)));
}
