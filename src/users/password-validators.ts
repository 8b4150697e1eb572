import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * Django's four default password validators, with Django's exact messages, in Django's
 * order. The common-password list is Django's own (see src/users/data/README.md).
 */
export interface PasswordOwner {
  username?: string;
  email?: string;
}

const MAX_SIMILARITY = 0.7;
const MIN_LENGTH = 8;

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  commonPasswords ??= new Set(
    gunzipSync(readFileSync(new URL('./data/common-passwords.txt.gz', import.meta.url)))
      .toString('utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return commonPasswords;
}

/** difflib.SequenceMatcher(a, b).quick_ratio(): an upper bound on similarity from shared characters. */
export function quickRatio(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const char of b) counts.set(char, (counts.get(char) ?? 0) + 1);
  let matches = 0;
  for (const char of a) {
    const available = counts.get(char) ?? 0;
    if (available > 0) {
      matches += 1;
      counts.set(char, available - 1);
    }
  }
  const length = [...a].length + [...b].length;
  return length === 0 ? 1 : (2 * matches) / length;
}

function exceedsMaximumLengthRatio(password: string, value: string): boolean {
  const passwordLength = [...password].length;
  const valueLength = [...value].length;
  return passwordLength >= 10 * valueLength && valueLength < (MAX_SIMILARITY / 2) * passwordLength;
}

function similarityError(password: string, owner: PasswordOwner): string | null {
  const lowered = password.toLowerCase();
  const attributes: Array<[string | undefined, string]> = [
    [owner.username, 'username'],
    [owner.email, 'email address'],
  ];
  for (const [value, verboseName] of attributes) {
    if (!value) continue;
    const valueLower = value.toLowerCase();
    const parts = [...valueLower.split(/[^\p{L}\p{N}_]+/u), valueLower];
    for (const part of parts) {
      if (exceedsMaximumLengthRatio(lowered, part)) continue;
      if (quickRatio(lowered, part) >= MAX_SIMILARITY) return `The password is too similar to the ${verboseName}.`;
    }
  }
  return null;
}

/** Every message Django's validators give for this password (empty when it is acceptable). */
export function validatePassword(password: string, owner: PasswordOwner = {}): string[] {
  const errors: string[] = [];
  const similarity = similarityError(password, owner);
  if (similarity) errors.push(similarity);
  if ([...password].length < MIN_LENGTH) {
    errors.push(`This password is too short. It must contain at least ${MIN_LENGTH} characters.`);
  }
  if (loadCommonPasswords().has(password.toLowerCase().trim())) errors.push('This password is too common.');
  if (/^\p{Nd}+$/u.test(password)) errors.push('This password is entirely numeric.');
  return errors;
}
