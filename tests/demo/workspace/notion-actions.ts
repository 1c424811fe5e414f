// What a person does in Notion, sent to the Notion stand-in's person endpoints
// (tests/emulators/notion/admin/http.ts): the change is stamped with that person, validated like
// an API request, and its webhook names them as the author — as if they had done it in Notion's
// own UI. Nothing here writes Baton's state or the stand-in's files directly.
import type { PropertyRequest } from './properties';

/** The stand-in refused the change; its message is fit to show a person. */
export class StandInError extends Error {}

export type NotionActions = ReturnType<typeof createNotionActions>;

export function createNotionActions(baseUrl: string) {
  async function call(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/__admin/${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (error) {
      throw new StandInError(`The Notion stand-in did not answer (${error instanceof Error ? error.message : String(error)}).`);
    }
    const answer: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const message = answer && typeof answer === 'object' && 'message' in answer ? String(answer.message) : `status ${res.status}`;
      throw new StandInError(`Notion refused the change: ${message}`);
    }
    return answer;
  }
  const person = (id: string) => `people/${encodeURIComponent(id)}`;

  return {
    /** One or more property values changed, as editing a cell does. */
    setProperties: (personId: string, pageId: string, properties: Record<string, PropertyRequest>) =>
      call('PATCH', `${person(personId)}/pages/${encodeURIComponent(pageId)}`, { properties }),

    /** The body as the person left it after editing (blocks they did not touch keep their ids). */
    replaceBody: (personId: string, pageId: string, markdown: string) =>
      call('PATCH', `${person(personId)}/pages/${encodeURIComponent(pageId)}/markdown`, { type: 'replace_content', replace_content: { new_str: markdown } }),

    comment: (personId: string, pageId: string, markdown: string) => call('POST', `${person(personId)}/comments`, { parent: { page_id: pageId }, markdown }),

    /** A new row with only its title, as "+ New" in a database view makes one. */
    createRow: (personId: string, dataSourceId: string, titleProperty: string, title: string) =>
      call('POST', `${person(personId)}/pages`, {
        parent: { type: 'data_source_id', data_source_id: dataSourceId },
        properties: { [titleProperty]: { title: [{ type: 'text', text: { content: title } }] } },
      }),
  };
}
