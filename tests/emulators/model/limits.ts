// Length constraints the scripted model honours, read from a template's non-heading lines and from
// the task: "under N words" / "fewer than N words" / "less than N words" (at most N-1 words) and
// "at most / no more than / up to / within / max N words" (at most N); "N words max / maximum /
// at most / or less / or fewer" (at most N); a bare "N words", "about N words" or "a N-word …"
// (at most N: a good model asked for about N does not go over); the same phrases with
// "characters" or "chars", except the bare form. Thousands separators are allowed ("under 1,300
// characters"). "The first 50 words" is no limit.
// A word is a whitespace-separated token with at least one letter or digit, so markdown markers
// ("###", "-", ">") do not count.

export interface Limits {
  words?: number;
  chars?: number;
}

const LIMIT = /\b(under|fewer than|less than|at most|no more than|up to|within|max(?:imum)?(?: of)?)\s+(\d[\d,]*)\s+(words?|characters?|chars?)\b/gi;

const LIMIT_AFTER = /\b(\d[\d,]*)\s+(words?|characters?|chars?)\s+(?:max(?:imum)?|at most|or less|or fewer)\b/gi;
const ABOUT_WORDS = /(?<!\b(?:first|last|top|next)\s+)\b(?:(?:about|around|roughly|approximately)\s+)?(?:(\d[\d,]*)-word\b|(\d[\d,]*)\s+words?\b)/gi;

export function readLimits(...texts: (string | undefined)[]): Limits {
  const limits: Limits = {};
  const keep = (key: keyof Limits, n: number) => {
    if (Number.isFinite(n) && n > 0) limits[key] = Math.min(limits[key] ?? Infinity, n);
  };
  for (const text of texts) {
    // Each reading blanks what it matched, so "under 150 words" is not read again as "150 words".
    let rest = text ?? '';
    for (const match of rest.matchAll(LIMIT)) {
      const strict = /^(under|fewer|less)/i.test(match[1] ?? '');
      keep(/^w/i.test(match[3] ?? '') ? 'words' : 'chars', count(match[2]) - (strict ? 1 : 0));
    }
    rest = blank(rest, LIMIT);
    for (const match of rest.matchAll(LIMIT_AFTER)) keep(/^w/i.test(match[2] ?? '') ? 'words' : 'chars', count(match[1]));
    rest = blank(rest, LIMIT_AFTER);
    for (const match of rest.matchAll(ABOUT_WORDS)) keep('words', count(match[1] ?? match[2]));
  }
  return limits;
}

function count(digits: string | undefined): number {
  return Number((digits ?? '').replaceAll(',', ''));
}

function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => ' '.repeat(match.length));
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
