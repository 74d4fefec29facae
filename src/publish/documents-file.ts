import { hash } from 'node:crypto';

/**
 * documents.json: every skills/<id>.json of a build in one file, in catalog.json order, so a reader
 * of the whole catalog opens one file instead of one per skill. It is a JSON array whose items are
 * the documents' exact bytes (each file without its final line feed), one after the other:
 *
 *     [\n<document 1>,\n<document 2>\n]\n
 *
 * A document is canonical JSON (canonical-json.ts): it opens with `{` and its only line that
 * starts with `}` is its last, so the documents are found by their bytes, and each one's digest
 * is checked on those bytes, without parsing any of them.
 */
export function documentsFileText(documentTexts: readonly string[]): string {
  return documentsFileParts(documentTexts).join('');
}

/**
 * documentsFileText as the pieces it is joined from, so a writer encodes and writes them one after
 * the other instead of copying every document into one string (58 MB at 10,000 skills).
 */
export function documentsFileParts(documentTexts: readonly string[]): string[] {
  if (documentTexts.length === 0) return ['[]\n'];
  const parts = ['[\n'];
  documentTexts.forEach((text, at) => {
    if (at > 0) parts.push(',\n');
    parts.push(text.endsWith('\n') ? text.slice(0, -1) : text);
  });
  parts.push('\n]\n');
  return parts;
}

/** Where one document lies in the bytes of a documents.json: `[start, end)`, without its final line feed. */
export interface DocumentSpan {
  start: number;
  end: number;
}

const OPEN = Buffer.from('[\n');
/**
 * Between two documents: `}` ends a line at column 0 only at a document's end, and `{` starts one
 * only at a document's start. Seven bytes, so Buffer#indexOf skips (Boyer-Moore) rather than
 * testing every byte: 15 ms instead of 235 ms over 58 MB.
 */
const SEPARATOR = Buffer.from('\n},\n{\n');
const CLOSING = Buffer.from('\n}\n]\n');
const DIGEST_KEY = Buffer.from('"sha256": "');
const BRACE = '{'.charCodeAt(0);
const COMMA = ','.charCodeAt(0);
const NEWLINE = '\n'.charCodeAt(0);
const SPACE = ' '.charCodeAt(0);
const QUOTE = '"'.charCodeAt(0);

/**
 * The spans of the `count` documents of a documents.json, or a sentence that says why the bytes
 * are not that (cut short, more or fewer documents, not the layout above).
 */
export function documentSpans(buffer: Buffer, count: number): DocumentSpan[] | string {
  if (count === 0) return buffer.toString('latin1') === '[]\n' ? [] : 'it should hold no documents';
  if (!buffer.subarray(0, 2).equals(OPEN)) return 'it does not start with `[` and a line feed';
  const closed = buffer.length >= OPEN.length + 1 + CLOSING.length && buffer.subarray(buffer.length - CLOSING.length).equals(CLOSING);
  const spans: DocumentSpan[] = [];
  let position = OPEN.length;
  for (let index = 0; index < count - 1; index++) {
    if (buffer[position] !== BRACE) return `document ${index + 1} does not start with \`{\``;
    const separator = buffer.indexOf(SEPARATOR, position);
    if (separator < 0) {
      return closed ? `it holds ${index + 1} documents, not ${count}` : `it is cut short in document ${index + 1} of ${count}`;
    }
    spans.push({ start: position, end: separator + 2 });
    position = separator + 4;
  }
  if (buffer[position] !== BRACE) return `document ${count} does not start with \`{\``;
  if (buffer.indexOf(SEPARATOR, position) >= 0) return `it holds more than ${count} documents`;
  if (!closed) {
    return buffer.lastIndexOf(CLOSING.subarray(0, 2)) >= position ? 'it does not end with `]` and a line feed after the last document' : `it is cut short in document ${count} of ${count}`;
  }
  spans.push({ start: position, end: buffer.length - CLOSING.length + 2 });
  return spans;
}

/** What a document records as its digest, and the digest of its content. */
export interface DocumentDigests {
  recorded: string;
  actual: string;
}

/**
 * A function that gives the `sha256` a canonical document records (its top-level `"sha256"` line)
 * and the SHA-256 of its canonical JSON without that field, both from its bytes; undefined when
 * the bytes do not have that line (the caller then parses the document and checks it the slow
 * way). It keeps one scratch buffer for the bytes it hashes.
 */
export function documentDigester(): (buffer: Buffer, span: DocumentSpan) => DocumentDigests | undefined {
  let scratch = Buffer.allocUnsafe(64 * 1024);
  return (buffer, span) => {
    // The field is near the end (only skill_md_path, tags and version sort after it), so it is
    // looked for from there. Only top-level keys are indented by exactly two spaces, and a JSON
    // string holds no raw line feed nor an unescaped quote.
    // Within the document only, so a file whose documents lack the line costs linear time.
    const key = span.start + buffer.subarray(span.start, span.end).lastIndexOf(DIGEST_KEY);
    if (key < span.start + 3 || buffer[key - 1] !== SPACE || buffer[key - 2] !== SPACE || buffer[key - 3] !== NEWLINE) return undefined;
    const line = key - 3;
    const valueStart = key + DIGEST_KEY.length;
    // `"<64 hex>",`: not the last key, so the line before it keeps its comma without the field.
    const lineEnd = valueStart + 66;
    if (lineEnd >= span.end || buffer[lineEnd] !== NEWLINE || buffer[lineEnd - 1] !== COMMA || buffer[lineEnd - 2] !== QUOTE) return undefined;
    // One copy and a one-shot hash cost a fifth of a Hash object fed the two parts.
    const length = line + 1 - span.start + (span.end - lineEnd - 1) + 1;
    if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, scratch.length * 2));
    buffer.copy(scratch, 0, span.start, line + 1);
    buffer.copy(scratch, line + 1 - span.start, lineEnd + 1, span.end);
    scratch[length - 1] = NEWLINE;
    const actual = hash('sha256', scratch.subarray(0, length), 'hex');
    return { recorded: buffer.toString('latin1', valueStart, valueStart + 64), actual };
  };
}
