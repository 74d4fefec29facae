import { createHash } from 'node:crypto';

/** A strong entity tag from a digest and what the answer is made of (`schema`, a query, ...). */
export function entityTag(digest: string, variant = ''): string {
  if (variant === '') return `"${digest}"`;
  return `"${createHash('sha256').update(`${digest}\n${variant}`).digest('hex')}"`;
}

/** `If-None-Match` (RFC 9110 13.1.2): `*` or a list of tags, compared weakly. */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  const wanted = header.trim();
  if (wanted === '*') return true;
  const opaque = (candidate: string) => candidate.trim().replace(/^W\//, '');
  return wanted.split(',').some((candidate) => opaque(candidate) === tag);
}
