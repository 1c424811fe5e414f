// The workspace page's HTML: what people typed into Notion or Drive can never become markup.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, safeHref, trusted } from '../demo/workspace/html';
import { inline, markdownView } from '../demo/workspace/markdown-view';

describe('html``', () => {
  it('escapes every interpolated value, attributes included', () => {
    const name = `<script>alert("x")</script> & 'quotes'`;
    const out = html`<td title="${name}">${name}</td>`.toString();
    expect(out).toBe('<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</td>');
  });

  it('keeps nested html`` as markup, escapes strings in lists, and drops null, undefined and false', () => {
    const items = ['<b>', html`<i>ok</i>`];
    expect(html`<p>${items}${null}${undefined}${false}${0}</p>`.toString()).toBe('<p>&lt;b&gt;<i>ok</i>0</p>');
  });

  it('places only numbers into trusted`` and refuses anything else', () => {
    expect(trusted`setInterval(f, ${4000});`.toString()).toBe('setInterval(f, 4000);');
    expect(() => (trusted as (s: TemplateStringsArray, ...v: unknown[]) => unknown)`${'</script>'}`).toThrow(TypeError);
  });

  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('safeHref', () => {
  it('lets through http(s) and paths on this page, never javascript:, data: or protocol-relative addresses', () => {
    expect(safeHref('https://docs.google.com/document/d/x/edit')).toBe('https://docs.google.com/document/d/x/edit');
    expect(safeHref('/notion/abc')).toBe('/notion/abc');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<b>')).toBeUndefined();
    expect(safeHref('//evil.example/x')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });
});

describe('markdownView', () => {
  it('shows headings, lists and paragraphs, escaping the text in them', () => {
    const out = markdownView('## Pricing <moves>\n- Rival A at **39 EUR**\n- [ ] call Dana\n1. first\nA <img src=x onerror=alert(1)> line').toString();
    expect(out).toContain('<h3>Pricing &lt;moves&gt;</h3>');
    expect(out).toContain('<ul><li>Rival A at <strong>39 EUR</strong></li><li>☐ call Dana</li></ul><ol><li>first</li></ol>');
    expect(out).toContain('<p>A &lt;img src=x onerror=alert(1)&gt; line</p>');
  });

  it('opens Notion and Drive links, child pages and mentions on this page', () => {
    const id = '3b7d2e914c6a4f1e8d25a09c7e5b3f01';
    expect(inline(`<page url="https://www.notion.so/${id}">Brief — 30 Nov</page>`).toString()).toBe(`<a href="/notion/${id}">Brief — 30 Nov</a>`);
    expect(inline(`see [pricing](https://docs.google.com/spreadsheets/d/1CmpPrc4Mx7qRv2sKt9LwYz/edit#gid=0)`).toString()).toBe('see <a href="/drive/1CmpPrc4Mx7qRv2sKt9LwYz">pricing</a>');
    expect(inline(`<mention-page url="https://app.notion.com/p/${id}"/>`).toString()).toBe(`<a href="/notion/${id}">https://app.notion.com/p/${id}</a>`);
    expect(inline('[x](javascript:alert(1))').toString()).not.toContain('href');
  });

  it('reads Notion’s backslash escapes as the characters they stand for', () => {
    expect(inline('3 \\* 4 \\[draft\\]').toString()).toBe('3 * 4 [draft]');
  });
});
