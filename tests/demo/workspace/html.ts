// HTML for the workspace page: one tagged template that escapes every interpolation, and the
// page layout. Everything shown comes from the stand-ins, where anyone can type anything (a row
// name, a comment, a draft), so nothing reaches the page unescaped: html`` escapes each value
// unless it is itself the result of html`` (SafeHtml). There is no other way to make SafeHtml.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export class SafeHtml {
  /** Only html`` builds one, from escaped parts. */
  private constructor(readonly text: string) {}
  static fromTemplate(strings: TemplateStringsArray, values: unknown[]): SafeHtml {
    let out = strings[0]!;
    values.forEach((value, i) => {
      out += render(value) + strings[i + 1]!;
    });
    return new SafeHtml(out);
  }
  toString(): string {
    return this.text;
  }
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  return SafeHtml.fromTemplate(strings, values);
}

/**
 * Only http(s) and same-site addresses become links: a `javascript:` or `data:` URL typed into
 * a url property must not run when a person clicks it.
 */
export function safeHref(url: string): string | undefined {
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Markup written in this source, placed as is (the refresh script): a tagged template whose only
 * interpolations may be numbers, so nothing from outside can ever pass through it.
 */
export function trusted(strings: TemplateStringsArray, ...values: number[]): SafeHtml {
  if (!values.every((v) => typeof v === 'number')) throw new TypeError('trusted`` takes numbers only');
  return SafeHtml.fromTemplate(strings, values);
}
