// Page bodies as Notion-flavored markdown through the SDK: reading (tabs for nesting, mentions,
// escapes, child pages), creating with `markdown`, and the four PATCH operations
// (guides/data-apis/enhanced-markdown, reference/retrieve-page-markdown, update-page-markdown).
import type { BlockObjectResponse, PageObjectResponse } from '@notionhq/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure, type Harness, IDS, startHarness } from './test-support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => h.standIn.assertNoSchemaViolations());
afterAll(() => h.standIn.close());

const hex = (id: string) => id.replaceAll('-', '');

async function newPage(markdown: string, title = 'Doc'): Promise<string> {
  const page = await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: title } }] } }, markdown });
  return page.id;
}

async function read(pageId: string): Promise<string> {
  return (await h.notion.pages.retrieveMarkdown({ page_id: pageId })).markdown;
}

describe('reading markdown', () => {
  it('renders blocks appended through the block API as Notion-flavored markdown', async () => {
    const page = (await h.notion.pages.create({ parent: { page_id: IDS.root }, properties: { title: { title: [{ text: { content: 'Rendered' } }] } } })).id;
    await h.notion.blocks.children.append({
      block_id: page,
      children: [
        { heading_2: { rich_text: [{ text: { content: 'Plan' } }], color: 'blue' } },
        {
          bulleted_list_item: {
            rich_text: [{ text: { content: 'step ' } }, { text: { content: 'one' }, annotations: { italic: true } }],
            children: [{ to_do: { rich_text: [{ text: { content: 'sub' } }], checked: true } }],
          },
        },
        { paragraph: { rich_text: [{ text: { content: 'costs $5 * 2 [sic] <b>' } }] } },
        { paragraph: { rich_text: [] } },
        { paragraph: { rich_text: [{ mention: { page: { id: IDS.notes } } }, { text: { content: ' for ' } }, { mention: { user: { id: IDS.grace } } }] } },
        { code: { rich_text: [{ text: { content: 'if (a < b) { *x }' } }], language: 'javascript' } },
        { quote: { rich_text: [{ text: { content: 'to be' } }] } },
        { divider: {} },
      ],
    });
    const response = await h.notion.pages.retrieveMarkdown({ page_id: page });
    expect(response).toMatchObject({ object: 'page_markdown', id: page, truncated: false, unknown_block_ids: [] });
    expect(response.markdown).toBe(
      [
        '## Plan {color="blue"}',
        '- step *one*',
        '\t- [x] sub',
        'costs \\$5 \\* 2 \\[sic\\] \\<b\\>',
        '<empty-block/>',
        `<mention-page url="https://app.notion.com/p/${hex(IDS.notes)}"/> for <mention-user url="user://${IDS.grace}"/>`,
        '```javascript',
        'if (a < b) { *x }',
        '```',
        '> to be',
        '---',
      ].join('\n'),
    );
  });

  it('shows child pages and databases as tags that name them', async () => {
    const markdown = await read(IDS.root);
    expect(markdown).toContain(`<page url="https://app.notion.com/p/${hex(IDS.notes)}">Meeting notes</page>`);
    expect(markdown).toContain(`<database url="https://app.notion.com/p/${hex(IDS.database)}" inline="false">Tasks</database>`);
  });

  it('answers 404 for a page that is not shared', async () => {
    const error = await failure(h.notion.pages.retrieveMarkdown({ page_id: IDS.private }));
    expect(error).toMatchObject({ status: 404, code: 'object_not_found' });
  });
});

describe('writing markdown', () => {
  it('creates a page from markdown, taking the first heading as title when none is given', async () => {
    const page = (await h.notion.pages.create({
      parent: { page_id: IDS.root },
      markdown: `# Weekly digest\nHello <mention-user url="user://${IDS.ada}"/>\n- one\n\t- nested\n1. first\n2. second`,
    })) as PageObjectResponse;
    expect(page.properties.title).toMatchObject({ title: [{ plain_text: 'Weekly digest' }] });
    const blocks = (await h.notion.blocks.children.list({ block_id: page.id })).results as BlockObjectResponse[];
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'bulleted_list_item', 'numbered_list_item', 'numbered_list_item']);
    const hello = blocks[0]!;
    if (hello.type !== 'paragraph') throw new Error('paragraph expected');
    expect(hello.paragraph.rich_text[1]).toMatchObject({ type: 'mention', mention: { type: 'user', user: { id: IDS.ada } } });
    expect(await read(page.id)).toBe(`Hello <mention-user url="user://${IDS.ada}"/>\n- one\n\t- nested\n1. first\n2. second`);
  });

  it('round-trips what it renders', async () => {
    const source = [
      '# Heading',
      '### Small {toggle="true"}',
      '\t- inside the toggle heading',
      'Text with **bold**, *italic*, ~~gone~~, `code`, [a link](https://example.com) and <span underline="true">under</span>.',
      '<span color="red_bg">Warning</span> escaped \\* star',
      '- [ ] todo',
      '<details>',
      '<summary>More</summary>',
      '\tHidden',
      '</details>',
      '<callout icon="💡" color="gray_bg">',
      '\tNote this',
      '\t- and this',
      '</callout>',
      '$$',
      'x^2',
      '$$',
    ].join('\n');
    const page = await newPage(source);
    expect(await read(page)).toBe(source);
  });

  it('accepts mentions written with a label and headings 5 and 6, and writes them back the way Notion does', async () => {
    const page = await newPage(`<mention-page url="https://www.notion.so/Meeting-notes-${hex(IDS.notes)}">old title</mention-page> by <mention-user url="user://${IDS.ada}">Ada</mention-user>\n##### Five\n###### Six`);
    expect(await read(page)).toBe(`<mention-page url="https://app.notion.com/p/${hex(IDS.notes)}"/> by <mention-user url="user://${IDS.ada}"/>\n#### Five\n#### Six`);
  });

  it('refuses a mention of a page that does not exist', async () => {
    const error = await failure(newPage(`See <mention-page url="https://app.notion.com/p/0000000000004000800000000000beef"/>`));
    expect(error).toMatchObject({ status: 400, code: 'validation_error' });
  });
});

describe('editing markdown', () => {
  it('searches and replaces with update_content, refusing missing and ambiguous matches', async () => {
    const page = await newPage('Status: draft\nOwner: Ada\nNote: draft again');
    const ambiguous = await failure(h.notion.pages.updateMarkdown({ page_id: page, type: 'update_content', update_content: { content_updates: [{ old_str: 'draft', new_str: 'final' }] } }));
    expect(ambiguous).toMatchObject({ status: 400, code: 'validation_error' });
    const missing = await failure(h.notion.pages.updateMarkdown({ page_id: page, type: 'update_content', update_content: { content_updates: [{ old_str: 'Grace', new_str: 'x' }] } }));
    expect(missing).toMatchObject({ status: 400, code: 'validation_error', message: 'String not found: <pattern>Grace</pattern>' });
    const updated = await h.notion.pages.updateMarkdown({
      page_id: page,
      type: 'update_content',
      update_content: { content_updates: [{ old_str: 'Status: draft', new_str: 'Status: final' }, { old_str: 'Ada', new_str: 'Grace' }] },
    });
    expect(updated.markdown).toBe('Status: final\nOwner: Grace\nNote: draft again');
  });

  it('inserts content at the start, at the end and after an ellipsis selection', async () => {
    const page = await newPage('## Intro\nFirst paragraph here.\n## Outro\nBye.');
    await h.notion.pages.updateMarkdown({ page_id: page, type: 'insert_content', insert_content: { content: 'Inserted', after: '## Intro...here.' } });
    await h.notion.pages.updateMarkdown({ page_id: page, type: 'insert_content', insert_content: { content: 'Top', position: { type: 'start' } } });
    const end = await h.notion.pages.updateMarkdown({ page_id: page, type: 'insert_content', insert_content: { content: 'Bottom' } });
    expect(end.markdown).toBe('Top\n## Intro\nFirst paragraph here.\nInserted\n## Outro\nBye.\nBottom');
  });

  it('replaces an ellipsis range with replace_content_range', async () => {
    const page = await newPage('Keep\nOld one\nOld two\nKeep too');
    const done = await h.notion.pages.updateMarkdown({ page_id: page, type: 'replace_content_range', replace_content_range: { content: 'New', content_range: 'Old one...two' } });
    expect(done.markdown).toBe('Keep\nNew\nKeep too');
    const error = await failure(h.notion.pages.updateMarkdown({ page_id: page, type: 'replace_content_range', replace_content_range: { content: 'x', content_range: 'full_page' } }));
    expect(error).toMatchObject({ status: 400, code: 'validation_error', message: 'String not found: <pattern>full_page</pattern>' });
  });

  it('replaces the whole body with replace_content, keeping the ids of unchanged blocks', async () => {
    const page = await newPage('Stays\nGoes');
    const before = (await h.notion.blocks.children.list({ block_id: page })).results;
    await h.notion.pages.updateMarkdown({ page_id: page, type: 'replace_content', replace_content: { new_str: 'Stays\nArrives' } });
    const after = (await h.notion.blocks.children.list({ block_id: page })).results;
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(after[1]!.id).not.toBe(before[1]!.id);
  });

  it('will not delete a child page unless allow_deleting_content is set', async () => {
    const parent = await newPage('Parent body');
    const child = await h.notion.pages.create({ parent: { page_id: parent }, properties: { title: { title: [{ text: { content: 'Child' } }] } } });
    const refused = await failure(h.notion.pages.updateMarkdown({ page_id: parent, type: 'replace_content', replace_content: { new_str: 'Only this' } }));
    expect(refused).toMatchObject({ status: 400, code: 'validation_error' });
    expect(refused.message).toContain('This operation would delete 1 child page(s) or database(s):');
    expect(refused.message).toContain(`- page: "Child" (id: ${child.id})`);
    // Naming the child page keeps it.
    const kept = await h.notion.pages.updateMarkdown({
      page_id: parent,
      type: 'replace_content',
      replace_content: { new_str: `New body\n<page url="https://www.notion.so/${hex(child.id)}">Child</page>` },
    });
    expect(kept.markdown).toBe(`New body\n<page url="https://app.notion.com/p/${hex(child.id)}">Child</page>`);
    await h.notion.pages.updateMarkdown({ page_id: parent, type: 'replace_content', replace_content: { new_str: 'Gone', allow_deleting_content: true } });
    expect(await h.notion.pages.retrieve({ page_id: child.id })).toMatchObject({ in_trash: true });
  });

  it('answers 404 for a page that does not exist', async () => {
    const error = await failure(h.notion.pages.updateMarkdown({ page_id: '0000000000004000800000000000beef', type: 'replace_content', replace_content: { new_str: 'x' } }));
    expect(error).toMatchObject({ status: 404, code: 'object_not_found' });
  });
});
