import { hash } from 'node:crypto';
import { readSync } from 'node:fs';
import { documentDigester, type DocumentSpan } from '../publish/documents-file.js';

/**
 * The fast way through a documents.json (src/publish/documents-file.ts has its layout): read in
 * 1 MiB steps into one reused buffer, each document found by its top-level `"sha256"` line and its
 * closing `}` and its bytes hashed on the spot, so the 58 MB of a 10,000-skill catalog are never
 * held in memory (touching that much fresh memory cost more CPU than hashing it). Only a file
 * whose every document is in the build's layout and matches the digest its summary lists passes;
 * anything else gives undefined, and the caller reads the whole file and checks it the exact way,
 * which names the problem. A span that took two documents for one cannot pass: its digest would
 * have to equal the one its summary lists.
 */
export function scanDocumentsFile(fd: number, digests: readonly string[], step = STEP): DocumentSpan[] | undefined {
  if (digests.length === 0) return undefined;
  const reader = new WindowReader(fd, step);
  const scratch = { buffer: Buffer.allocUnsafe(64 * 1024) };
  const spans: DocumentSpan[] = [];
  if (!reader.ensure(0, OPEN.length) || !reader.matches(0, OPEN)) return undefined;
  let position = OPEN.length;
  for (let index = 0; index < digests.length; index++) {
    if (!reader.ensure(position, 1) || reader.window[position] !== BRACE) return undefined;
    const line = reader.find(DIGEST_LINE, position);
    if (line < 0) return undefined;
    // After the digest line only skill_md_path, tags and version: the next `}` at column 0 closes the document.
    const close = reader.find(CLOSE, line + DIGEST_LINE.length);
    if (close < 0) return undefined;
    const last = index === digests.length - 1;
    const after = last ? CLOSING : SEPARATOR;
    if (!reader.ensure(close, after.length) || !reader.matches(close, after)) return undefined;
    if (!digestAgrees(reader.window, position, line, close + 2, digests[index] as string, scratch)) return undefined;
    spans.push({ start: reader.base + position, end: reader.base + close + 2 });
    position = close + after.length;
    if (!last) position -= 1; // the separator ends with the next document's `{`
    reader.release(position);
    position -= reader.shift;
  }
  // Nothing after the closing `]` and line feed.
  return reader.ensure(position, 1) ? undefined : spans;
}

/**
 * Reads the bytes of a span of the open file again, at a document's first use, and checks them
 * against the digest they had at load: undefined when they are not those bytes any more (the file
 * was rewritten in place since).
 */
export function readDocumentAt(fd: number, span: DocumentSpan, digest: string): Buffer | undefined {
  const length = span.end - span.start;
  const bytes = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, bytes, done, length - done, span.start + done);
    if (read === 0) return undefined;
    done += read;
  }
  const digests = documentDigester()(bytes, { start: 0, end: length });
  return digests !== undefined && digests.actual === digest && digests.recorded === digest ? bytes : undefined;
}

/**
 * Whether the document in `bytes[start, end)`, whose top-level `"sha256"` line starts at the line
 * feed at `line`, records `digest` on that line and hashes to it without that line (the digest of
 * a document is over its canonical JSON without the field: documents-file.ts's documentDigester,
 * which looks for the line itself).
 */
function digestAgrees(bytes: Buffer, start: number, line: number, end: number, digest: string, scratch: { buffer: Buffer }): boolean {
  const valueStart = line + DIGEST_LINE.length;
  // `"<64 hex>",`: not the last key, so the line before it keeps its comma without the field.
  const lineEnd = valueStart + 66;
  if (lineEnd >= end || bytes[lineEnd] !== NEWLINE || bytes[lineEnd - 1] !== COMMA || bytes[lineEnd - 2] !== QUOTE) return false;
  if (bytes.toString('latin1', valueStart, valueStart + 64) !== digest) return false;
  const length = line + 1 - start + (end - lineEnd - 1) + 1;
  if (scratch.buffer.length < length) scratch.buffer = Buffer.allocUnsafe(Math.max(length, scratch.buffer.length * 2));
  bytes.copy(scratch.buffer, 0, start, line + 1);
  bytes.copy(scratch.buffer, line + 1 - start, lineEnd + 1, end);
  scratch.buffer[length - 1] = NEWLINE;
  return hash('sha256', scratch.buffer.subarray(0, length), 'hex') === digest;
}

const OPEN = Buffer.from('[\n');
const NEWLINE = 0x0a;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BRACE = '{'.charCodeAt(0);
/** A top-level key is indented by exactly two spaces, and a JSON string holds no raw line feed. */
const DIGEST_LINE = Buffer.from('\n  "sha256": "');
const CLOSE = Buffer.from('\n}');
const SEPARATOR = Buffer.from('\n},\n{');
const CLOSING = Buffer.from('\n}\n]\n');
const STEP = 1 << 20;

/** A window on a file read forward: `window[i]` is the byte at `base + i`; bytes before `release`d positions are dropped. */
class WindowReader {
  window: Buffer;
  base = 0;
  /** How far the last `release` moved the window's bytes. */
  shift = 0;
  private filled = 0;
  /** The filled part of the window (a search must not look past it). */
  private view: Buffer;
  private ended = false;

  /** `step`: how much one read asks for (a test makes it small to put boundaries everywhere). */
  constructor(
    private readonly fd: number,
    private readonly step: number,
  ) {
    this.window = Buffer.allocUnsafe(2 * step);
    this.view = this.window.subarray(0, 0);
  }

  /** Whether `count` bytes from `position` are in the window (reading more when needed). */
  ensure(position: number, count: number): boolean {
    while (this.filled < position + count) if (!this.more()) return false;
    return true;
  }

  matches(position: number, bytes: Buffer): boolean {
    for (let index = 0; index < bytes.length; index++) if (this.window[position + index] !== bytes[index]) return false;
    return true;
  }

  /** Where `needle` next occurs from `position`, reading on to the end of the file; -1 when it does not. */
  find(needle: Buffer, position: number): number {
    let from = position;
    for (;;) {
      const found = this.view.indexOf(needle, from);
      if (found >= 0) return found;
      from = Math.max(position, this.filled - needle.length + 1);
      if (!this.more()) return -1;
    }
  }

  /**
   * Drops the bytes before `position` when the window is nearly full and few bytes after it are
   * left to look at (a document's start), so the shift copies little.
   */
  release(position: number): void {
    this.shift = 0;
    if (this.window.length - this.filled >= this.step || this.filled - position > this.window.length / 4) return;
    this.window.copy(this.window, 0, position, this.filled);
    this.filled -= position;
    this.view = this.window.subarray(0, this.filled);
    this.base += position;
    this.shift = position;
  }

  private more(): boolean {
    if (this.ended) return false;
    if (this.filled === this.window.length) {
      const larger = Buffer.allocUnsafe(this.window.length * 2);
      this.window.copy(larger, 0, 0, this.filled);
      this.window = larger;
    }
    const read = readSync(this.fd, this.window, this.filled, Math.min(this.step, this.window.length - this.filled), this.base + this.filled);
    if (read === 0) this.ended = true;
    this.filled += read;
    this.view = this.window.subarray(0, this.filled);
    return read > 0;
  }
}
