// For a vitest globalSetup that runs the stand-in in Node while tests run elsewhere (workerd):
//
//   // tests/integration/notion-global-setup.ts
//   import { notionGlobalSetup } from '../emulators/notion';
//   export const setup = notionGlobalSetup({ port: 8788 });
//
// The URL is handed to tests with `inject('notionUrl')`; at teardown the run fails if any request,
// response or webhook did not match the SDK's types.
import { startNotion, type NotionStandInOptions } from './stand-in';

interface ProvideContext {
  provide?(key: string, value: unknown): void;
}

export function notionGlobalSetup(options: NotionStandInOptions = {}) {
  return async (project?: ProvideContext) => {
    const standIn = await startNotion(options);
    project?.provide?.('notionUrl', standIn.url);
    return async () => {
      await standIn.close();
      standIn.assertNoSchemaViolations();
    };
  };
}
