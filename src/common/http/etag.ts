import { createHash } from 'node:crypto';

/** A weak validator for a serialized body: equal JSON, equal tag. */
export function weakETag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

const opaqueTag = (tag: string) => tag.trim().replace(/^W\//, '');

/** `If-None-Match` against our tag, with the weak comparison RFC 9110 prescribes for it. */
export function etagMatches(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const candidates = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch).split(',');
  const wanted = opaqueTag(etag);
  return candidates.some((candidate) => candidate.trim() === '*' || opaqueTag(candidate) === wanted);
}
