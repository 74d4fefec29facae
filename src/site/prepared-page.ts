import type { EncodedText } from '../publish/file-writer.js';
import { pageChecks, type PageValidation, type SkillPageParts } from './pages.js';

/**
 * A skill page made in the per-file phase but for its payload checks: the part before them in
 * UTF-8 (`head`, half the memory of the page's two-byte string, and encoded off the main thread),
 * with its length as a string, the part after them, and the field keys the checks need (null: a
 * whole validator).
 */
export interface PreparedPage {
  head: Uint8Array;
  headLength: number;
  foot: string;
  fieldKeys: Array<[string, string]> | null;
}

/** The prepared page of a skill (see PreparedPage). */
export function preparedPageOf(parts: SkillPageParts, fieldKeys: PreparedPage['fieldKeys']): PreparedPage {
  // Its own buffer, not a slice of Buffer's shared pool: it is copied whole when it crosses threads.
  return { head: new TextEncoder().encode(parts.head), headLength: parts.head.length, foot: parts.foot, fieldKeys };
}

/** A prepared page with its payload checks: exactly assembleSkillPage's text, as UTF-8. */
export function preparedPageText(page: PreparedPage, validation: PageValidation): EncodedText {
  const rest = `${pageChecks(validation)}${page.foot}`;
  const bytes = Buffer.allocUnsafe(page.head.length + Buffer.byteLength(rest, 'utf8'));
  bytes.set(page.head, 0);
  bytes.write(rest, page.head.length, 'utf8');
  return { bytes, length: page.headLength + rest.length };
}
