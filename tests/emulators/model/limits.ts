// Length constraints the scripted model honours, read from a template's non-heading lines and from
// the task: "under N words" / "fewer than N words" / "less than N words" (at most N-1 words) and
// "at most / no more than / up to / within / max N words" (at most N); the same phrases with
// "characters" or "chars". Thousands separators are allowed ("under 1,300 characters").
// A word is a whitespace-separated token with at least one letter or digit, so markdown markers
// ("###", "-", ">") do not count.

export interface Limits {
  words?: number;
  chars?: number;
}

const LIMIT = /\b(under|fewer than|less than|at most|no more than|up to|within|max(?:imum)?(?: of)?)\s+(\d[\d,]*)\s+(words?|characters?|chars?)\b/gi;

export function readLimits(...texts: (string | undefined)[]): Limits {
  const limits: Limits = {};
  for (const text of texts) {
    for (const match of (text ?? '').matchAll(LIMIT)) {
      const strict = /^(under|fewer|less)/i.test(match[1] ?? '');
      const n = Number((match[2] ?? '').replaceAll(',', '')) - (strict ? 1 : 0);
      const key = /^w/i.test(match[3] ?? '') ? 'words' : 'chars';
      limits[key] = Math.min(limits[key] ?? Infinity, n);
    }
  }
  return limits;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

export function withinLimits(text: string, limits: Limits): boolean {
  return (limits.words === undefined || countWords(text) <= limits.words) && (limits.chars === undefined || text.length <= limits.chars);
}

/** Cuts text to fit, keeping line breaks: the last resort when even the headings do not fit. */
export function truncateToLimits(text: string, limits: Limits): string {
  let out = text;
  if (limits.words !== undefined && countWords(out) > limits.words) {
    let left = limits.words;
    const kept: string[] = [];
    for (const line of out.split('\n')) {
      if (left <= 0) break;
      const tokens = line.split(/(\s+)/);
      let cut = '';
      for (const token of tokens) {
        if (/[\p{L}\p{N}]/u.test(token)) {
          if (left === 0) break;
          left--;
        }
        cut += token;
      }
      kept.push(cut.trimEnd());
    }
    out = kept.join('\n');
  }
  if (limits.chars !== undefined && out.length > limits.chars) out = out.slice(0, limits.chars).trimEnd();
  return out;
}
