// A page body as Notion-flavored (enhanced) markdown, the way GET /v1/pages/{id}/markdown
// returns it (guides/data-apis/enhanced-markdown): one line per block, children one tab
// deeper, intentional empty paragraphs as <empty-block/>, child pages as <page> tags.
import { compactId, markdownObjectUrl } from '../ids';
import { visibleChildren } from '../model/blocks';
import type { Store } from '../model/store';
import type { StoredBlock } from '../model/types';
import { escapeText, escapeXml, renderInline, toMarkdownColor } from './inline';

export interface RenderedMarkdown {
  markdown: string;
  unknownBlockIds: string[];
}

export function renderPageMarkdown(pageId: string, store: Store): RenderedMarkdown {
  const lines: string[] = [];
  const unknown: string[] = [];
  renderChildren(pageId, 0, store, lines, unknown);
  return { markdown: lines.join('\n'), unknownBlockIds: unknown };
}

function renderChildren(parentId: string, depth: number, store: Store, lines: string[], unknown: string[]): void {
  let number = 0;
  for (const id of visibleChildren(parentId, store)) {
    const block = store.block(id);
    number = block?.type === 'numbered_list_item' ? number + 1 : 0;
    renderOne(id, depth, number, store, lines, unknown);
  }
}

function renderOne(id: string, depth: number, number: number, store: Store, lines: string[], unknown: string[]): void {
  const indent = '\t'.repeat(depth);
  const page = store.page(id);
  if (page) {
    lines.push(`${indent}<page url="${markdownObjectUrl(id)}">${escapeXml(store.pageTitle(page))}</page>`);
    return;
  }
  const database = store.database(id);
  if (database) {
    lines.push(`${indent}<database url="${markdownObjectUrl(id)}" inline="${database.is_inline}">${escapeXml(store.databaseTitle(database))}</database>`);
    return;
  }
  const block = store.block(id);
  if (!block) {
    unknown.push(id);
    lines.push(`${indent}<unknown url="${markdownObjectUrl(store.owningPage(id)?.id ?? id)}#${compactId(id)}" alt="block"/>`);
    return;
  }
  const text = renderInline(block.content.rich_text ?? []);
  const color = block.content.color && block.content.color !== 'default' ? ` {color="${toMarkdownColor(block.content.color)}"}` : '';
  const childrenDepth = depth + 1;
  switch (block.type) {
    case 'paragraph':
      lines.push(`${indent}${text ? guardLineStart(text) : '<empty-block/>'}${color}`);
      break;
    case 'heading_1':
    case 'heading_2':
    case 'heading_3':
    case 'heading_4': {
      const toggle = block.content.is_toggleable ? ' {toggle="true"}' : '';
      lines.push(`${indent}${'#'.repeat(Number(block.type.slice(-1)))} ${text}${toggle}${color}`);
      break;
    }
    case 'bulleted_list_item':
      lines.push(`${indent}- ${text}${color}`);
      break;
    case 'numbered_list_item':
      lines.push(`${indent}${number}. ${text}${color}`);
      break;
    case 'to_do':
      lines.push(`${indent}- [${block.content.checked ? 'x' : ' '}] ${text}${color}`);
      break;
    case 'quote':
      lines.push(`${indent}> ${text}${color}`);
      break;
    case 'divider':
      lines.push(`${indent}---`);
      break;
    case 'equation':
      lines.push(`${indent}$$`, `${indent}${block.content.expression ?? ''}`, `${indent}$$`);
      break;
    case 'code': {
      // Code is literal: no escapes inside the fence.
      const code = (block.content.rich_text ?? []).map((r) => (r.type === 'text' ? r.text.content : '')).join('');
      lines.push(`${indent}\`\`\`${block.content.language ?? ''}`, ...code.split('\n').map((l) => `${indent}${l}`), `${indent}\`\`\``);
      break;
    }
    case 'toggle':
      lines.push(`${indent}<details${colorAttr(block)}>`, `${indent}<summary>${text}</summary>`);
      renderChildren(block.id, childrenDepth, store, lines, unknown);
      lines.push(`${indent}</details>`);
      return;
    case 'callout': {
      const icon = block.content.icon?.type === 'emoji' ? ` icon="${block.content.icon.emoji}"` : '';
      lines.push(`${indent}<callout${icon}${colorAttr(block)}>`);
      if (text) lines.push(`${indent}\t${guardLineStart(text)}`);
      renderChildren(block.id, childrenDepth, store, lines, unknown);
      lines.push(`${indent}</callout>`);
      return;
    }
    default:
      unknown.push(block.id);
      lines.push(`${indent}<unknown url="${markdownObjectUrl(store.owningPage(id)?.id ?? id)}#${compactId(id)}" alt="${block.type}"/>`);
      return;
  }
  renderChildren(block.id, childrenDepth, store, lines, unknown);
}

function colorAttr(block: StoredBlock): string {
  const color = block.content.color;
  return color && color !== 'default' ? ` color="${toMarkdownColor(color)}"` : '';
}

/** A paragraph that starts like another block ("# ", "- ", "1. ", "> ", "---") keeps its meaning. */
function guardLineStart(text: string): string {
  return /^(#{1,6} |[-+] |\d+\. |---$|<(details|callout|page|database|empty-block|unknown))/.test(text) ? `\\${text}` : text;
}

export { escapeText };
