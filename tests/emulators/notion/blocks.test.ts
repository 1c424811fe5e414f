// Block children through the SDK: listing with pagination, appending at the end, at the start
// or after a block (`after` on 2025-09-03, `position` on 2026-03-11), rich text with mentions
// and links (reference/get-block-children, reference/patch-block-children).
import type { BlockObjectResponse } from '@notionhq/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, IDS, startHarness } from './test-support';

let h: Harness;
let pageId: string;
beforeAll(async () => {
  h = await startHarness();
  pageId = (await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'Body' } }] } } })).id;
});
afterEach(() => h.standIn.assertNoSchemaViolations());
afterAll(() => h.standIn.close());

const paragraph = (content: string) => ({ paragraph: { rich_text: [{ text: { content } }] } });
const texts = (blocks: BlockObjectResponse[]) =>
  blocks.map((b) => ('paragraph' in b && b.type === 'paragraph' ? b.paragraph.rich_text.map((r) => r.plain_text).join('') : b.type));

describe('appending blocks', () => {
  it('appends blocks of each supported type with nested children and returns them', async () => {
    const response = await h.notion.blocks.children.append({
      block_id: pageId,
      children: [
        { heading_1: { rich_text: [{ text: { content: 'Title' } }] } },
        { heading_2: { rich_text: [{ text: { content: 'Sub' } }], is_toggleable: true } },
        { heading_3: { rich_text: [{ text: { content: 'Small' } }], color: 'blue' } },
        {
          bulleted_list_item: {
            rich_text: [{ text: { content: 'parent' } }],
            children: [{ numbered_list_item: { rich_text: [{ text: { content: 'child' } }], children: [{ to_do: { rich_text: [{ text: { content: 'grandchild' } }], checked: true } }] } }],
          },
        },
        { quote: { rich_text: [{ text: { content: 'quoted' } }] } },
        { code: { rich_text: [{ text: { content: 'const a = 1;' } }], language: 'typescript' } },
        { divider: {} },
        { callout: { rich_text: [{ text: { content: 'careful' } }], icon: { emoji: '⚠️' } } },
        { toggle: { rich_text: [{ text: { content: 'more' } }] } },
        { equation: { expression: 'e=mc^2' } },
        {
          paragraph: {
            rich_text: [
              { text: { content: 'see ', link: null } },
              { mention: { page: { id: IDS.notes } } },
              { text: { content: ' and ' } },
              { mention: { user: { id: IDS.ada } } },
              { text: { content: ' at ' } },
              { text: { content: 'the site', link: { url: 'https://example.com' } }, annotations: { bold: true } },
            ],
          },
        },
      ],
    });
    const results = response.results as BlockObjectResponse[];
    expect(results.map((b) => b.type)).toEqual(['heading_1', 'heading_2', 'heading_3', 'bulleted_list_item', 'quote', 'code', 'divider', 'callout', 'toggle', 'equation', 'paragraph']);
    expect(results[0]).toMatchObject({ object: 'block', parent: { type: 'page_id', page_id: pageId }, has_children: false, in_trash: false, archived: false, created_by: { object: 'user', id: IDS.bot } });
    expect(results[3]).toMatchObject({ has_children: true });
    const last = results[10]!;
    if (last.type !== 'paragraph') throw new Error('expected a paragraph');
    expect(last.paragraph.rich_text.map((r) => r.plain_text)).toEqual(['see ', 'Meeting notes', ' and ', '@Ada Lovelace', ' at ', 'the site']);
    expect(last.paragraph.rich_text[1]).toMatchObject({ type: 'mention', mention: { type: 'page', page: { id: IDS.notes } }, href: `https://www.notion.so/${IDS.notes.replaceAll('-', '')}` });
    expect(last.paragraph.rich_text[5]).toMatchObject({ href: 'https://example.com', annotations: { bold: true, italic: false, color: 'default' } });
    const nested = await h.notion.blocks.children.list({ block_id: results[3]!.id });
    expect(nested.results[0]).toMatchObject({ type: 'numbered_list_item', parent: { type: 'block_id', block_id: results[3]!.id }, has_children: true });
  });

  it('inserts after a given block with `after` on 2025-09-03', async () => {
    const page = (await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'Order' } }] } } })).id;
    const first = await h.notion.blocks.children.append({ block_id: page, children: [paragraph('one'), paragraph('three')] });
    await h.notion.blocks.children.append({ block_id: page, children: [paragraph('two')], after: first.results[0]!.id });
    const list = await h.notion.blocks.children.list({ block_id: page });
    expect(texts(list.results as BlockObjectResponse[])).toEqual(['one', 'two', 'three']);
  });

  it('takes `position` on 2026-03-11 (start, end, after_block) and refuses `after`', async () => {
    const notion = h.client({ version: '2026-03-11' });
    const page = (await notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'Positions' } }] } } })).id;
    const middle = await notion.blocks.children.append({ block_id: page, children: [paragraph('middle')] });
    await notion.blocks.children.append({ block_id: page, children: [paragraph('first')], position: { type: 'start' } });
    await notion.blocks.children.append({ block_id: page, children: [paragraph('last')], position: { type: 'end' } });
    await notion.blocks.children.append({ block_id: page, children: [paragraph('after middle')], position: { type: 'after_block', after_block: { id: middle.results[0]!.id } } });
    const list = await notion.blocks.children.list({ block_id: page });
    expect(texts(list.results as BlockObjectResponse[])).toEqual(['first', 'middle', 'after middle', 'last']);
    expect('archived' in list.results[0]!).toBe(false);
    const error = await failure(notion.blocks.children.append({ block_id: page, children: [paragraph('x')], after: middle.results[0]!.id }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
    expect(error.message).toContain('body.after should be not present');
  });

  it('refuses `position` on 2025-09-03', async () => {
    const error = await failure(h.notion.blocks.children.append({ block_id: pageId, children: [paragraph('x')], position: { type: 'start' } }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
  });

  it('refuses a block type the stand-in does not model, rather than storing it wrongly', async () => {
    const error = await failure(h.notion.blocks.children.append({ block_id: pageId, children: [{ image: { external: { url: 'https://example.com/a.png' } } }] }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
  });

  it('answers 404 for a block that does not exist', async () => {
    const error = await failure(h.notion.blocks.children.append({ block_id: '0000000000004000800000000000beef', children: [paragraph('x')] }));
    expect(error).toMatchObject({ status: 404, code: 'object_not_found' });
  });
});

describe('listing blocks', () => {
  it('pages through children 100 at most at a time', async () => {
    const page = (await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'Long' } }] } } })).id;
    await h.notion.blocks.children.append({ block_id: page, children: Array.from({ length: 100 }, (_, i) => paragraph(`p${i}`)) });
    await h.notion.blocks.children.append({ block_id: page, children: Array.from({ length: 20 }, (_, i) => paragraph(`q${i}`)) });
    const first = await h.notion.blocks.children.list({ block_id: page });
    expect(first.results).toHaveLength(100);
    expect(first.has_more).toBe(true);
    const second = await h.notion.blocks.children.list({ block_id: page, start_cursor: first.next_cursor!, page_size: 50 });
    expect(second.results).toHaveLength(20);
    expect(second).toMatchObject({ has_more: false, next_cursor: null, object: 'list', type: 'block' });
  });

  it('answers 404 for the children of a page in the trash, as Notion does', async () => {
    const page = (await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'Binned' } }] } } })).id;
    await h.notion.pages.update({ page_id: page, in_trash: true });
    const error = await failure(h.notion.blocks.children.list({ block_id: page }));
    expect(error).toMatchObject({ status: 404, code: 'object_not_found' });
  });
});
