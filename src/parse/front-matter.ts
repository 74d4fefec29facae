import matter from 'gray-matter';

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

const refuse = (): never => {
  throw new Error('front matter other than YAML is never evaluated');
};

/**
 * Only YAML is captured; gray-matter's eval-based engines are replaced so that nothing is ever run.
 * The capture engine returns nothing: the YAML is parsed afterwards with positions (see yaml.ts).
 */
const SAFE_ENGINES = {
  yaml: { parse: () => ({}) },
  javascript: { parse: refuse },
  js: { parse: refuse },
  coffee: { parse: refuse },
  coffeescript: { parse: refuse },
  cson: { parse: refuse },
  json: { parse: refuse },
  toml: { parse: refuse },
};

/** Splits a SKILL.md into its front matter block and body, never executing anything. */
export function splitFrontMatter(original: string): FrontMatterBlock | undefined {
  // gray-matter knows LF and CRLF only; a lone CR becomes LF, which keeps every offset.
  const text = original.includes('\r') ? original.replace(/\r(?!\n)/g, '\n') : original;
  if (!text.startsWith('---') || text.charAt(3) === '-') return undefined;
  const { raw, name } = matter.language(text);
  // gray-matter copies what it is given (to a Buffer, among others), so it gets the file only up to
  // the line break after the first `\n---`, where it closes the block (or the whole file when
  // there is none): it ends the block and strips that line break from the body in the same places.
  const close = text.indexOf('\n---', 3 + raw.length);
  const given = close === -1 ? text : text.slice(0, close + 6);
  // gray-matter would pick an engine from the language name; blanking the name keeps it on
  // the inert YAML capture engine whatever the document asks for.
  const neutral = `---${' '.repeat(raw.length)}${given.slice(3 + raw.length)}`;
  const file = matter(neutral, { engines: SAFE_ENGINES, language: 'yaml' });
  // The blanked name stays in the block (as spaces), so the block starts right after `---`.
  const offset = 3;
  const block = file.matter;
  const closeOffset = offset + block.length;
  const closed = text.startsWith('\n---', closeOffset);
  const bodyOffset = closed ? given.length - file.content.length : text.length;
  return {
    language: name.toLowerCase(),
    languageOffset: 3 + (raw.length - raw.trimStart().length),
    // The CR of the CRLF that ends the last field belongs to the line break, not to the value.
    text: block.endsWith('\r') ? block.slice(0, -1) : block,
    offset,
    bodyOffset,
    closed,
  };
}
