// Identifiers shaped like Drive's, so code that validates or logs them sees realistic values:
// file ids are 33 URL-safe characters starting with "1"; shared drive and My Drive root ids are
// 19 characters "0A…Uk9PVA" (as observed on real drives).
import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomChars(length: number, alphabet = ALPHABET): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

export const newFileId = (): string => `1${randomChars(32)}`;
export const newDriveId = (): string => `0A${randomChars(11, ALPHABET.slice(0, 62))}Uk9PVA`;
export const newResourceId = (): string => randomChars(27);
export const newAccessToken = (): string => `ya29.standin-${randomChars(40)}`;
export const newUuid = (): string => randomUUID();
