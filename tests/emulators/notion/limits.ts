// Size limits, checked before anything is stored, with Notion's own wording
// (developers.notion.com/reference/request-limits): text content and URLs ≤ 2000 characters,
// equations ≤ 1000, emails and phone numbers ≤ 200, any array ≤ 100 items, at most two levels
// of nesting below the children of one request, ≤ 1000 block elements per request.
import { bodyValidationError, quoteValue } from './errors';

const MAX_ARRAY = 100;
const MAX_BLOCKS = 1000;

export function checkRequestLimits(body: unknown): void {
  const counter = { blocks: 0 };
  walk(body, 'body', counter);
  if (counter.blocks > MAX_BLOCKS) {
    throw bodyValidationError(`body should contain at most \`${MAX_BLOCKS}\` block elements, instead was \`${counter.blocks}\``);
  }
}

function walk(value: unknown, path: string, counter: { blocks: number }): void {
  if (Array.isArray(value)) {
    checkLength(value, path);
    value.forEach((item, index) => walk(item, `${path}[${index}]`, counter));
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if ((key === 'children' || key === 'content') && path === 'body' && Array.isArray(child)) {
      checkBlocks(child, at, 1, counter);
      continue;
    }
    checkString(key, child, at, path);
    walk(child, at, counter);
  }
}

function checkBlocks(blocks: unknown[], path: string, depth: number, counter: { blocks: number }): void {
  checkLength(blocks, path);
  blocks.forEach((block, index) => {
    counter.blocks += 1;
    const at = `${path}[${index}]`;
    if (!block || typeof block !== 'object') return;
    const record = block as Record<string, unknown>;
    const type = typeof record.type === 'string' ? record.type : Object.keys(record).find((k) => k !== 'object' && k !== 'type');
    for (const [key, child] of Object.entries(record)) {
      if (key !== type || !child || typeof child !== 'object' || Array.isArray(child)) {
        walk(child, `${at}.${key}`, counter);
        continue;
      }
      for (const [innerKey, inner] of Object.entries(child as Record<string, unknown>)) {
        const innerPath = `${at}.${key}.${innerKey}`;
        if (innerKey === 'children' && Array.isArray(inner)) {
          // Blocks three levels down may not carry children of their own in the same request.
          if (depth >= 3) throw bodyValidationError(`${innerPath} should be not present, instead was \`${quoteValue(inner)}\``);
          checkBlocks(inner, innerPath, depth + 1, counter);
          continue;
        }
        checkString(innerKey, inner, innerPath, `${at}.${key}`);
        walk(inner, innerPath, counter);
      }
    }
  });
}

function checkLength(array: unknown[], path: string): void {
  if (array.length > MAX_ARRAY) {
    throw bodyValidationError(`${path}.length should be ≤ \`${MAX_ARRAY}\`, instead was \`${array.length}\``);
  }
}

function checkString(key: string, value: unknown, path: string, parentPath: string): void {
  if (typeof value !== 'string') return;
  const max =
    key === 'content' && parentPath.endsWith('.text')
      ? 2000
      : key === 'url'
        ? 2000
        : key === 'expression' && parentPath.endsWith('.equation')
          ? 1000
          : key === 'email' || key === 'phone_number'
            ? 200
            : undefined;
  if (max !== undefined && value.length > max) {
    throw bodyValidationError(`${path}.length should be ≤ \`${max}\`, instead was \`${value.length}\``);
  }
}
