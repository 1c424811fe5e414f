// The workflow's last published output as a context source, for the Context line that names it
// ("last week's brief", "the previous edition"). Pure.
//
// A first run has nothing published yet. It still gets a labelled source for the line, saying so
// in words the model can repeat: without it, a step asked "what changed since last week" has
// nothing to compare with and invents changes.
import type { ContextSource } from './pack';

/** The words of the source a first run gets instead of a previous output. */
export const NO_PREVIOUS_OUTPUT =
  'Previous output: none — this is the first run, so there is nothing to compare; say so instead of listing changes.';

export function previousOutputSource(label: string, previous: { title: string; url: string | null; markdown: string } | null): ContextSource {
  if (previous === null) return { name: `${label} (none yet: first run)`, kind: 'previous_output', url: null, text: NO_PREVIOUS_OUTPUT };
  return { name: `${label} (${previous.title})`, kind: 'previous_output', url: previous.url, text: previous.markdown };
}
