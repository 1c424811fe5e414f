// Reads the prompt convention the scripted model understands: XML-style tags anywhere in any message
// (system, developer, user, assistant or tool), all messages read in order as one text.
//   <template>…</template>   output headings and constraints      (the last one wins)
//   <source name="…" url="…">…</source> context to quote, its link (all, in order)
//   <draft>…</draft>         a previous answer to revise          (the last one wins)
//   <feedback>…</feedback>   what to change in it                 (the last one wins)
//   <task>…</task>           the step's instruction               (the last one wins)
// Tag names are matched case-insensitively; attributes other than a source's name and url are
// ignored. A tag's text must not contain its own closing tag.
import type { ChatMessage } from './validate-messages';

export interface Source {
  name: string;
  text: string;
  /** The source's own address, when the tag gives one (`url="…"`). */
  url?: string;
}

export interface Prompt {
  template?: string;
  task?: string;
  draft?: string;
  feedback?: string;
  sources: Source[];
  /** The text of the last message with role `user` ('' when there is none). */
  lastUser: string;
  /** Every message's text joined by blank lines, tags included. */
  all: string;
}

export function readPrompt(messages: ChatMessage[]): Prompt {
  const all = messages.map((m) => m.text).join('\n\n');
  const sources = [...all.matchAll(/<source(\s[^>]*)?>([\s\S]*?)<\/source>/gi)].map((match, i) => {
    // XML escapes undone in the address ("?a=1&amp;b=2"), so a link to it points where the source is.
    const url = attribute(match[1] ?? '', 'url')?.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const source: Source = { name: attribute(match[1] ?? '', 'name') ?? `source ${i + 1}`, text: (match[2] ?? '').trim() };
    return url ? { ...source, url } : source;
  });
  const lastUser = messages.findLast((m) => m.role === 'user')?.text ?? '';
  return {
    template: lastTag(all, 'template'),
    task: lastTag(all, 'task'),
    draft: lastTag(all, 'draft'),
    feedback: lastTag(all, 'feedback'),
    sources,
    lastUser,
    all,
  };
}

/** True when the prompt uses none of the tags, so the model falls back to echoing. */
export function hasNoTags(prompt: Prompt): boolean {
  return (
    prompt.sources.length === 0 &&
    prompt.template === undefined &&
    prompt.task === undefined &&
    prompt.draft === undefined &&
    prompt.feedback === undefined
  );
}

function lastTag(text: string, name: string): string | undefined {
  const matches = [...text.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'gi'))];
  const last = matches.at(-1);
  return last ? (last[1] ?? '').trim() : undefined;
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(attributes);
  return match ? (match[1] ?? match[2] ?? '').trim() : undefined;
}
