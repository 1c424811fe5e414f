// PATCH /v1/pages/{id}/markdown operations on the page's current markdown
// (reference/update-page-markdown): insert_content (at the start, the end, or after an
// ellipsis selection "start text...end text"), replace_content_range, update_content
// (search and replace) and replace_content.
import type { UpdatePageMarkdownParameters } from '@notionhq/client/build/src/api-endpoints';
import { validationError } from '../errors';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type MarkdownEdit = DistributiveOmit<UpdatePageMarkdownParameters, 'page_id' | 'allow_async'>;

export interface EditOutcome {
  markdown: string;
  allowDeleting: boolean;
}

export function applyEdit(current: string, edit: MarkdownEdit): EditOutcome {
  switch (edit.type) {
    case 'replace_content':
      return { markdown: edit.replace_content.new_str, allowDeleting: edit.replace_content.allow_deleting_content ?? false };
    case 'insert_content': {
      const { content, after, position } = edit.insert_content;
      if (after !== undefined) {
        const range = findSelection(current, after);
        const lineEnd = current.indexOf('\n', range.end);
        const at = lineEnd === -1 ? current.length : lineEnd;
        return { markdown: `${current.slice(0, at)}\n${content}${current.slice(at)}`, allowDeleting: false };
      }
      if (position?.type === 'start') return { markdown: joinLines(content, current), allowDeleting: false };
      return { markdown: joinLines(current, content), allowDeleting: false };
    }
    case 'replace_content_range': {
      const { content, content_range, allow_deleting_content } = edit.replace_content_range;
      const range = findSelection(current, content_range);
      return { markdown: current.slice(0, range.start) + content + current.slice(range.end), allowDeleting: allow_deleting_content ?? false };
    }
    case 'update_content': {
      let markdown = current;
      for (const update of edit.update_content.content_updates) {
        const count = occurrences(markdown, update.old_str);
        if (update.old_str === '' || count === 0) throw validationError(`String not found: <pattern>${update.old_str}</pattern>`);
        if (count > 1 && !update.replace_all_matches) {
          throw validationError(`Found ${count} matches for <pattern>${update.old_str}</pattern>. Set replace_all_matches to true to replace all of them, or include more context.`);
        }
        markdown = update.replace_all_matches ? markdown.split(update.old_str).join(update.new_str) : markdown.replace(update.old_str, () => update.new_str);
      }
      return { markdown, allowDeleting: edit.update_content.allow_deleting_content ?? false };
    }
  }
}

function joinLines(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return `${a}\n${b}`;
}

function occurrences(text: string, needle: string): number {
  if (!needle) return 0;
  return text.split(needle).length - 1;
}

/** An ellipsis selection: "start text...end text", or an exact string without "...". */
export function findSelection(markdown: string, selection: string): { start: number; end: number } {
  const split = selection.indexOf('...');
  if (split === -1) {
    const start = markdown.indexOf(selection);
    if (!selection || start === -1) throw validationError(`String not found: <pattern>${selection}</pattern>`);
    return { start, end: start + selection.length };
  }
  const head = selection.slice(0, split);
  const tail = selection.slice(split + 3);
  const start = markdown.indexOf(head);
  const tailAt = start === -1 ? -1 : markdown.indexOf(tail, start + head.length);
  if (start === -1 || tailAt === -1) throw validationError(`String not found: <pattern>${selection}</pattern>`);
  return { start, end: tailAt + tail.length };
}
