// Custom file properties and their limits, from
// https://developers.google.com/workspace/drive/api/guides/properties ("Custom property
// limits"): at most 100 properties per file in total, 30 public (`properties`), 30 private per app
// (`appProperties`), and 124 bytes for key plus value in UTF-8. Drive answers 400 when a request
// breaks them; the stand-in's wording is its own.
import { driveErrors } from './google-errors';

export const MAX_PROPERTY_BYTES = 124;
export const MAX_PROPERTIES_PER_KIND = 30;
export const MAX_PROPERTIES_TOTAL = 100;

/** Merge `patch` into `current`; null deletes, as in files.update. */
export function mergeProperties(
  field: 'appProperties' | 'properties',
  current: Record<string, string>,
  patch: unknown,
): Record<string, string> {
  if (patch === undefined) return current;
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw driveErrors.badRequest(`Invalid value for ${field}: expected an object of strings.`, field);
  }
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete next[key];
      continue;
    }
    if (typeof value !== 'string') throw driveErrors.badRequest(`Invalid value for ${field}.${key}: expected a string.`, field);
    const bytes = Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
    if (bytes > MAX_PROPERTY_BYTES) {
      throw driveErrors.badRequest(
        `The property ${key} is ${bytes} bytes; the key and value of a property may use at most ${MAX_PROPERTY_BYTES} bytes.`,
        field,
      );
    }
    next[key] = value;
  }
  if (Object.keys(next).length > MAX_PROPERTIES_PER_KIND) {
    throw driveErrors.badRequest(`A file may have at most ${MAX_PROPERTIES_PER_KIND} ${field}.`, field);
  }
  return next;
}

export function checkTotal(app: Record<string, string>, pub: Record<string, string>): void {
  if (Object.keys(app).length + Object.keys(pub).length > MAX_PROPERTIES_TOTAL) {
    throw driveErrors.badRequest(`A file may have at most ${MAX_PROPERTIES_TOTAL} custom properties.`);
  }
}
