// Runs the model stand-in on its own, for the offline demo or manual poking:
//   npx tsx tests/emulators/model/main.ts [port] [--api-key KEY] [--latency-ms N] [--models a,b]
// Port 8791 when absent. Point the app's MODEL_BASE_URL at the printed URL.
import { parseArgs } from 'node:util';
import { startModel } from './index';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'api-key': { type: 'string' },
    'latency-ms': { type: 'string' },
    models: { type: 'string' },
  },
});

const port = Number(positionals[0] ?? 8791);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be 0-65535, got ${positionals[0]}`);
const latencyMs = Number(values['latency-ms'] ?? 0);
if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`--latency-ms must be a number >= 0, got ${values['latency-ms']}`);

const standIn = await startModel({
  port,
  apiKey: values['api-key'],
  latencyMs,
  models: values.models?.split(',').map((m) => m.trim()).filter(Boolean),
});
console.log(`model stand-in: ${standIn.url} (admin: ${standIn.origin}/__admin/)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void standIn.close().then(() => process.exit(0));
  });
}
