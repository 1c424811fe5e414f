// Run the Drive stand-in on its own, for the offline demo or `wrangler dev`:
//
//   npx tsx tests/emulators/drive/main.ts --port 4040 --state-dir .standins/drive \
//     --seed tests/emulators/drive/demo-seed.json --service-account ./sa-key.json [--web-view-base URL]
//
// --service-account takes a Google service account JSON key file (its client_email and the public
// half of its private_key are used), or EMAIL=PATH with PATH a public key PEM, an X.509
// certificate PEM or a JWK file; repeat it for several accounts. Point Baton at it with
// GOOGLE_API_URL=http://127.0.0.1:4040/ and GOOGLE_TOKEN_URL=http://127.0.0.1:4040/token.
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startDrive, type ServiceAccount } from './index';
import { Seed } from './seed';

const KeyFile = z.object({ client_email: z.string(), private_key: z.string() });

function serviceAccount(spec: string): ServiceAccount {
  const eq = spec.indexOf('=');
  if (eq > 0) {
    const text = readFileSync(spec.slice(eq + 1), 'utf8');
    return { email: spec.slice(0, eq), publicKey: text.trim().startsWith('{') ? JSON.parse(text) : text };
  }
  const key = KeyFile.parse(JSON.parse(readFileSync(spec, 'utf8')));
  const publicKey = createPublicKey(key.private_key).export({ type: 'spki', format: 'pem' }).toString();
  return { email: key.client_email, publicKey };
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4040' },
    host: { type: 'string', default: '127.0.0.1' },
    'state-dir': { type: 'string' },
    seed: { type: 'string' },
    'service-account': { type: 'string', multiple: true, default: [] },
    'service-accounts-have-storage': { type: 'boolean', default: false },
    'push-retry-ms': { type: 'string', default: '1000' },
    'web-view-base': { type: 'string' },
  },
});

const accounts = values['service-account'].map(serviceAccount);
if (accounts.length === 0) console.warn('drive stand-in: no --service-account given; only /__admin/tokens can hand out tokens.');

const standIn = await startDrive({
  port: Number(values.port),
  host: values.host,
  stateDir: values['state-dir'],
  seed: values.seed ? Seed.parse(JSON.parse(readFileSync(values.seed, 'utf8'))) : undefined,
  serviceAccounts: accounts,
  serviceAccountsHaveStorage: values['service-accounts-have-storage'],
  push: { retryBaseMs: Number(values['push-retry-ms']) },
  webViewBase: values['web-view-base'],
});

console.log(`drive stand-in on ${standIn.url}
  GOOGLE_API_URL=${standIn.url}/
  GOOGLE_TOKEN_URL=${standIn.tokenUrl}
  admin: ${standIn.url}/__admin/files${values['state-dir'] ? `\n  state: ${values['state-dir']}` : ''}
  accounts: ${accounts.map((a) => a.email).join(', ') || '(none)'}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void standIn.close().then(() => process.exit(0)));
}
