import { describe, expect, it } from 'vitest';
import { findLiveMarkup, inertMarkdown, isInertMarkdown } from '../../src/publish/inert-markdown';
import { createClock } from '../emulators/notion/clock';
import { parseMarkdown } from '../emulators/notion/markdown/parse';
import type { BlockDraft } from '../emulators/notion/model/blocks';
import { Store } from '../emulators/notion/model/store';
import { defaultSeed } from '../emulators/notion/seed';
import { stateFromSeed } from '../emulators/notion/seed-apply';

const PAGE = 'https://www.notion.so/acme/Board-notes-0b47a7e51d2c4f3a9b8e7c6d5e4f3a22';
const USER = 'user://6c1e9f3a-2d4b-4e8a-8f70-3b5a1c9d2e01';

/** What the Notion stand-in's parser (an independent reader) makes of `markdown`: anything live. */
function liveInNotion(markdown: string): string[] {
  const clock = createClock();
  const store = new Store(stateFromSeed(defaultSeed(), clock), clock, () => {});
  const live: string[] = [];
  const walk = (drafts: BlockDraft[]) => {
    for (const d of drafts) {
      if (!['paragraph', 'heading_1', 'heading_2', 'heading_3', 'heading_4', 'bulleted_list_item', 'numbered_list_item', 'to_do', 'quote', 'code', 'divider'].includes(d.type)) {
        live.push(`block ${d.type}`);
      }
      for (const r of d.type === 'code' ? [] : (d.content.rich_text ?? [])) {
        if (r.type !== 'text') live.push(r.type);
        else if (r.text.link && !/^(https?:\/\/|mailto:)/i.test(r.text.link.url)) live.push(`link ${r.text.link.url}`);
      }
      walk(d.children);
    }
  };
  try {
    walk(parseMarkdown(markdown, store));
  } catch (error) {
    live.push(`refused: ${String(error)}`);
  }
  return live;
}

const HOSTILE = [
  `<mention-user url="${USER}">Maya</mention-user>`,
  `<mention-user url="${USER}"/>`,
  `<MENTION-USER url="${USER}"/>`,
  `<mention-page url="${PAGE}">Board notes</mention-page>`,
  `<mention-database url="${PAGE}">DB</mention-database>`,
  `<mention-data-source url="${PAGE}"/>`,
  `<mention-date start="2026-01-01"/>`,
  `<page url="${PAGE}">Board notes</page>`,
  `<database url="${PAGE}" inline="false">Board</database>`,
  `<synced_block url="${PAGE}">`,
  '<file src="https://evil.example/x.exe">',
  '<pdf src="https://evil.example/x.pdf">',
  '<video src="data:video/mp4;base64,AAAA">',
  '<callout icon="🎯">hi</callout>',
  '<details><summary>x</summary>',
  '<span color="red">red</span>',
  '<table_of_contents/>',
  '<br>',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click](java&#115;cript:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](&#x6A;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD4=)',
  '[click](vbscript:msgbox)',
  '[click](file:///etc/passwd)',
  '![img](javascript:alert(1))',
  '![img](data:image/png;base64,AAAA)',
  '<javascript:alert(1)>',
  '<data:text/html,hi>',
  '[a [b](javascript:x) c](https://ok.example)',
  '[<mention-user url="x"/>](https://ok.example)',
  '$\\href{javascript:alert(1)}{x}$',
  '\\\\<mention-user url="x"/>',
];

describe('inertMarkdown', () => {
  it('is checked by a reader that does see live markup in the raw text', () => {
    // Proves the oracle can fire: the stand-in's parser turns these into mentions, pages, links.
    for (const raw of [HOSTILE[1]!, HOSTILE[7]!, HOSTILE[18]!, HOSTILE[19]!, HOSTILE[32]!]) expect(liveInNotion(`a ${raw} b\n${raw}`), raw).not.toEqual([]);
  });

  it.each(HOSTILE)('makes %s inert text', (hostile) => {
    const out = inertMarkdown(`Before ${hostile} after\n${hostile}\n\t${hostile}`);
    expect(findLiveMarkup(out)).toEqual([]);
    expect(liveInNotion(out)).toEqual([]);
  });

  it('shows an escaped mention as the text a reader would see', () => {
    expect(inertMarkdown(`Ask <mention-user url="${USER}">Maya</mention-user>`)).toBe(`Ask \\<mention-user url="${USER}">Maya\\</mention-user>`);
    expect(inertMarkdown('<mention-user url="u"/>')).toBe('\\<mention-user url="u"/>');
  });

  it('shows an unsafe link with its URL as plain text', () => {
    expect(inertMarkdown('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(inertMarkdown('![x](data:image/png;base64,AA)')).toBe('!\\[x\\](data:image/png;base64,AA)');
  });

  it('keeps ordinary markdown as it is', () => {
    const doc = [
      '# Weekly brief',
      '## Summary (3 bullets)',
      '- **Acme** cut its *Pro* price by 10%',
      '\t- nested _detail_ with ~~old~~ new',
      '1. first',
      '2) second',
      '- [ ] to do',
      '- [x] done',
      '> a quote',
      '---',
      '| Competitor | Price |',
      '| --- | --- |',
      '| Acme | 45 EUR |',
      'See [the pricing page](https://acme.example/pricing?plan=pro&x=1) or mail [us](mailto:team@acme.example).',
      'Run `npm test` now. Colour {color="blue"}',
      '![chart](https://acme.example/chart.png)',
    ].join('\n');
    expect(inertMarkdown(doc)).toBe(doc);
    expect(liveInNotion(inertMarkdown(doc))).toEqual([]);
  });

  it('turns an https autolink into a plain link', () => {
    expect(inertMarkdown('see <https://acme.example/a>')).toBe('see [https://acme.example/a](https://acme.example/a)');
  });

  it('keeps code literal, in spans and fences', () => {
    const doc = ['Use `<mention-user url="x"/>` here', '```html', '<page url="x">T</page>', '[a](javascript:b)', '```', 'after'].join('\n');
    expect(inertMarkdown(doc)).toBe(doc);
    expect(findLiveMarkup(doc)).toEqual([]);
  });

  it('keeps existing escapes instead of undoing them', () => {
    expect(inertMarkdown('\\<b\\> and \\[x\\]')).toBe('\\<b\\> and \\[x\\]');
    // An escaped backslash before `<` leaves the `<` live: it must be escaped too.
    expect(inertMarkdown('\\\\<b>')).toBe('\\\\\\<b>');
    expect(inertMarkdown('ends with \\')).toBe('ends with \\\\');
  });

  it('does not let a fence smuggle markup past it', () => {
    // A fence some reader closes at a different line than another.
    const smuggle = ['\t```', '```', '\t```', `<mention-user url="${USER}"/>`, '```'].join('\n');
    const out = inertMarkdown(smuggle);
    expect(findLiveMarkup(out)).toEqual([]);
    expect(liveInNotion(out)).toEqual([]);
    // A fence left open is closed, so it cannot swallow what Baton writes after it.
    expect(inertMarkdown('```\ncode')).toBe('```\ncode\n```');
    // A fence-like line inside code is defused; the language is a plain word or nothing.
    expect(inertMarkdown('```\n  ````js\n```')).toBe('```\n  \u200b````js\n```');
    expect(inertMarkdown('```js <mention-user url="x"/>\nx\n```')).toBe('```\nx\n```');
    expect(inertMarkdown('~~~\n<mention-user url="x"/>\n~~~')).toBe('\\~~~\n\\<mention-user url="x"/>\n\\~~~');
  });

  it('does not trust code spans whose end is ambiguous', () => {
    for (const s of ['`` `<b>` ``', '`a``<b>`', '`unclosed <b>', '```inline <b>```']) {
      const out = inertMarkdown(s);
      expect(findLiveMarkup(out), s).toEqual([]);
      expect(liveInNotion(out), s).toEqual([]);
    }
  });

  it('is idempotent, so applying it twice changes nothing', () => {
    for (const h of HOSTILE) expect(inertMarkdown(inertMarkdown(h))).toBe(inertMarkdown(h));
  });

  it('leaves nothing live in random mixes of hostile fragments', () => {
    const parts = [...HOSTILE, '`', '``', '```', '\n```\n', '\n\t```\n', '\\', '[', ']', '(', ')', '<', '\n', '\t', ' ', 'text', '**', '~~~', '$'];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 400; n += 1) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => parts[Math.floor(rand() * parts.length)]).join('');
      const out = inertMarkdown(text);
      expect(findLiveMarkup(out), JSON.stringify(text)).toEqual([]);
      expect(liveInNotion(out), JSON.stringify(text)).toEqual([]);
    }
  });
});

describe('findLiveMarkup', () => {
  it.each(HOSTILE)('reports %s', (hostile) => {
    expect(findLiveMarkup(`x ${hostile} y`).length).toBeGreaterThan(0);
  });

  it('reports nothing in plain markdown and code', () => {
    expect(isInertMarkdown('# T\n- [a](https://x.example)\n`<b>`\n```\n<b>\n```')).toBe(true);
  });

  it('says where and what it found', () => {
    expect(findLiveMarkup('ok\n[x](javascript:y)')).toEqual([{ kind: 'unsafe_link', line: 2, text: '[x](javascript:y)' }]);
  });
});
