export interface FrontMatterBlock {
  /** The language named after the opening `---` (`''` when none was named). */
  language: string;
  /** Offset of the language name, for diagnostics about it. */
  languageOffset: number;
  /** The raw text between the delimiters and its offset in the file. */
  text: string;
  offset: number;
  /** Offset where the Markdown body starts. */
  bodyOffset: number;
  closed: boolean;
}

/**
 * Splits a SKILL.md into its front matter block and body, never executing anything.
 *
 * This is gray-matter's split (`matter(text)` with the language name blanked, as the project read
 * front matter before): the block opens with `---` not followed by another `-`, the rest of the
 * first line names the language, and the block ends at the first `\n---` after the opening
 * delimiter; the body starts after that delimiter and one line ending. Written out here because
 * gray-matter also copies every document into a Buffer and builds its option objects on each call,
 * which cost more than the split itself; test/front-matter.test.ts holds this function to
 * gray-matter's answers.
 */
export function splitFrontMatter(original: string): FrontMatterBlock | undefined {
  // gray-matter knows LF and CRLF only; a lone CR becomes LF, which keeps every offset.
  const text = original.includes('\r') ? original.replace(/\r(?!\n)/g, '\n') : original;
  if (!text.startsWith('---') || text.charAt(3) === '-') return undefined;
  // gray-matter's language: up to the first line ending (without a line ending, all but the last character).
  const lineEnd = text.slice(3).search(/\r?\n/);
  const raw = text.slice(3, 3 + (lineEnd === -1 ? text.length - 4 : lineEnd));
  const name = raw.trim();
  // The blanked name stays in the block (as spaces), so the block starts right after `---`.
  const offset = 3;
  const closeIndex = text.indexOf('\n---', offset);
  const closed = closeIndex !== -1;
  const block = closed ? text.slice(offset, closeIndex) : text.slice(offset);
  let bodyOffset = text.length;
  if (closed) {
    bodyOffset = closeIndex + 4;
    if (text.charCodeAt(bodyOffset) === 13) bodyOffset++;
    if (text.charCodeAt(bodyOffset) === 10) bodyOffset++;
  }
  // The name is blanked in the block gray-matter returns.
  const blanked = raw.length > 0 ? ' '.repeat(raw.length) + block.slice(raw.length) : block;
  return {
    language: name.toLowerCase(),
    languageOffset: 3 + (raw.length - raw.trimStart().length),
    // The CR of the CRLF that ends the last field belongs to the line break, not to the value.
    text: blanked.endsWith('\r') ? blanked.slice(0, -1) : blanked,
    offset,
    bodyOffset,
    closed,
  };
}
