import { describe, expect, it } from 'vitest';
import { parseBody, parseContextLine, readContextLine } from '../../src/registry';
import { rowProblemMessage } from '../../src/registry/row-problem-message';

const FOLDER = '1CmpUpd8tesQx3vR7nKp2LwYz4bHfJ6aT';
const FILE = '1SupTkt6Nx3qRv8sKt2LwYz9nBc5dHfJmTq7rW';
const HEX = '3b7d2e914c6a4f1e8d25a09c7e5b3f01';
const PAGE = '3b7d2e91-4c6a-4f1e-8d25-a09c7e5b3f01';

describe('reading one Context line', () => {
  it.each([
    [`https://drive.google.com/drive/folders/${FOLDER}`, 'drive_folder'],
    [`https://drive.google.com/drive/folders/${FOLDER}?usp=sharing`, 'drive_folder'],
    [`https://drive.google.com/drive/u/0/folders/${FOLDER}`, 'drive_folder'],
    [`drive.google.com/drive/u/1/folders/${FOLDER}`, 'drive_folder'],
    [`https://drive.google.com/file/d/${FILE}/view?usp=sharing`, 'drive_file'],
    [`https://drive.google.com/open?id=${FILE}`, 'drive_file'],
    [`https://docs.google.com/document/d/${FILE}/edit`, 'drive_file'],
    [`https://docs.google.com/spreadsheets/d/${FILE}/edit#gid=0`, 'drive_file'],
    [`https://docs.google.com/presentation/d/${FILE}`, 'drive_file'],
  ])('reads the Drive address %s as a %s with its id', (url, kind) => {
    const ref = parseContextLine(`- Source: ${url}`);
    expect(ref).toMatchObject({ kind, url, label: 'Source' });
    expect('id' in ref && ref.id).toBe(url.includes(FOLDER) ? FOLDER : FILE);
  });

  it.each([
    `https://www.notion.so/acme/Our-positioning-${HEX}`,
    `https://www.notion.so/${HEX}`,
    `https://notion.so/acme/Our-positioning-${HEX}?pvs=4`,
    `https://www.notion.so/acme/Our-positioning-${HEX}#1f2e3d4c5b6a79880f1e2d3c4b5a6978`,
    `https://www.notion.so/${PAGE}`,
    `https://app.notion.com/p/acme/Our-positioning-${HEX}`,
    `https://acme.notion.site/Our-positioning-${HEX}`,
    `https://www.notion.so/acme/0f9e8d7c6b5a49382716a5b4c3d2e1f0?v=1a2b3c4d5e6f47580a1b2c3d4e5f6a7b&p=${HEX}&pm=s`,
  ])('reads the Notion address %s as the page with the dashed id', (url) => {
    expect(parseContextLine(`Notion: Our positioning (${url})`)).toEqual({ kind: 'notion_page', id: PAGE, url, label: 'Our positioning' });
  });

  it('reads a page mention and a markdown link, labelled with their own titles', () => {
    expect(parseContextLine(`- Notion: <mention-page url="https://www.notion.so/${HEX}">Brand voice guide</mention-page>`)).toEqual({
      kind: 'notion_page',
      id: PAGE,
      url: `https://www.notion.so/${HEX}`,
      label: 'Brand voice guide',
    });
    expect(parseContextLine(`- [Competitor pricing](https://docs.google.com/spreadsheets/d/${FILE}/edit)`)).toMatchObject({
      kind: 'drive_file',
      id: FILE,
      label: 'Competitor pricing',
    });
  });

  it('labels a link Notion auto-linked (its text is the address) by the words around it', () => {
    const url = `https://drive.google.com/drive/folders/${FOLDER}`;
    expect(parseContextLine(`- Drive folder: **Competitor updates** ([${url}](${url}))`)).toEqual({
      kind: 'drive_folder',
      id: FOLDER,
      url,
      label: 'Competitor updates',
    });
  });

  it("labels a bare address by its Notion title, or by the address when it has none", () => {
    expect(parseContextLine(`https://www.notion.so/acme/Our-positioning-${HEX}`)).toMatchObject({ label: 'Our positioning' });
    const url = `https://drive.google.com/drive/folders/${FOLDER}`;
    expect(parseContextLine(url)).toMatchObject({ label: url });
  });

  it.each([
    ["Last week's brief", 'previous_output'],
    ['last sprint’s synthesis', 'previous_output'],
    ['The previous brief', 'previous_output'],
    ['the previous output', 'previous_output'],
    ["Last run's output", 'previous_output'],
    ['The new file', 'trigger_file'],
    ['The new article', 'trigger_file'],
    ['The file that started the run', 'trigger_file'],
    ['The signed proposal that just arrived', 'trigger_file'],
    ['The deal (its properties and notes)', 'trigger_file'],
    ['The brief', 'trigger_file'],
    ['The triggering row', 'trigger_file'],
    ['The upstream report', 'trigger_file'],
    ['The row that started the run', 'trigger_file'],
    ['Last week’s brief', 'previous_output'],
    ['The latest brief', 'previous_output'],
    ['Our brief template', 'described'],
    ['The brief we sent the client in March', 'described'],
    ['Our pricing page as of today', 'described'],
    ['Notes from last week’s call', 'described'],
  ])('reads "%s" as %s', (line, kind) => {
    expect(parseContextLine(`- ${line}`)).toEqual({ kind, label: line });
  });

  it('reports a link Baton cannot read, keeping the line (address and all) for the model', () => {
    const reading = readContextLine('- Industry report (https://example.com/report-2026.pdf)');
    expect(reading.references).toEqual([{ kind: 'described', label: 'Industry report (https://example.com/report-2026.pdf)' }]);
    expect(reading.unsupportedUrls).toEqual(['https://example.com/report-2026.pdf']);
    expect(reading.missingLink).toBeNull();
  });

  it('notices a Notion or Drive source named without its link', () => {
    expect(readContextLine('- Notion: CRM notes for this client').missingLink).toBe('notion');
    expect(readContextLine('- Drive file: Support tickets export (Sheet)').missingLink).toBe('drive');
    expect(readContextLine('- Our pricing page as of today').missingLink).toBeNull();
  });

  it('reads every link on a line that holds several', () => {
    const reading = readContextLine(
      `- [Brand voice](https://www.notion.so/acme/Brand-voice-${HEX}) and https://drive.google.com/drive/folders/${FOLDER}`,
    );
    expect(reading.references.map((r) => r.kind)).toEqual(['notion_page', 'drive_folder']);
    expect(reading.references[0]?.label).toBe('Brand voice');
  });

  it('reads a linkless group item as the name of the links under it', () => {
    const body = parseBody(
      ['## Goal', 'G', '## Context', '- Competitor research:', `\t- https://drive.google.com/drive/folders/${FOLDER}`, `\t- [Pricing](https://docs.google.com/spreadsheets/d/${FILE}/edit)`].join('\n'),
    );
    expect(body.context).toEqual([
      { kind: 'drive_folder', id: FOLDER, url: `https://drive.google.com/drive/folders/${FOLDER}`, label: 'Competitor research' },
      { kind: 'drive_file', id: FILE, url: `https://docs.google.com/spreadsheets/d/${FILE}/edit`, label: 'Pricing' },
    ]);
  });

  it('reads the folder form of an open?id= link when a folder is expected', () => {
    expect(parseContextLine(`https://drive.google.com/open?id=${FOLDER}`, { driveOpenLinkAs: 'folder' })).toMatchObject({
      kind: 'drive_folder',
      id: FOLDER,
    });
  });
});

describe('the previous output, by the names people give it', () => {
  it.each([
    "Last month's update",
    'The previous synthesis',
    'Last sprint’s',
    "Last sprint's synthesis",
    'The last one',
    "Last quarter's report",
    'The previous edition',
    'Our latest update',
    "Last week's",
  ])('reads "%s" as this workflow\'s last published output', (line) => {
    expect(readContextLine(`- ${line}`).references).toEqual([{ kind: 'previous_output', label: line }]);
  });

  it('keeps the run\'s own subject and other lines apart from it', () => {
    expect(parseContextLine('- The new file').kind).toBe('trigger_file');
    expect(parseContextLine('- The brief').kind).toBe('trigger_file');
    expect(parseContextLine('- Last weekend offsite notes').kind).toBe('described');
  });
});

describe('a Context line Baton cannot resolve', () => {
  it('is a Health warning naming the line and saying how to write it', () => {
    const { problems } = parseBody(['## Goal', 'Tell the team.', '## Context', '- Competitor gossip we heard'].join('\n'));
    expect(problems).toContainEqual({ kind: 'context_unresolved', severity: 'warning', line: 'Competitor gossip we heard' });
    const message = rowProblemMessage({ kind: 'context_unresolved', severity: 'warning', line: 'Competitor gossip we heard' });
    expect(message).toContain("'Competitor gossip we heard'");
    expect(message).toMatch(/paste a Google Drive or Notion link/);
    expect(message).toMatch(/Last week's brief/);
  });

  it('leaves lines Baton reads, and lines that already have their own warning, alone', () => {
    const lines = ["- Last month's update", '- Notion: CRM notes', `- Drive folder: Updates (https://drive.google.com/drive/folders/${FOLDER})`, '- Report (https://example.com/r.pdf)'];
    const { problems } = parseBody(['## Goal', 'Tell the team.', '## Context', ...lines].join('\n'));
    expect(problems.filter((p) => p.kind === 'context_unresolved')).toEqual([]);
  });
});
