import { isUtf8 } from 'node:buffer';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export type LoadProblem =
  | { kind: 'too-large'; size: number; limit: number }
  | { kind: 'encoding'; byteOffset: number; byte: number; textBefore: string }
  | { kind: 'symlink-outside-root'; target: string }
  | { kind: 'unreadable'; reason: string };

export type Decoded = { ok: true; text: string } | { ok: false; problem: LoadProblem };

/** Turns the raw bytes of a SKILL.md into text, refusing oversized and non-UTF-8 input. */
export function decodeSkillBytes(bytes: Uint8Array, maxFileSize: number = DEFAULT_MAX_FILE_SIZE): Decoded {
  if (bytes.byteLength > maxFileSize) {
    return { ok: false, problem: { kind: 'too-large', size: bytes.byteLength, limit: maxFileSize } };
  }
  if (!isUtf8(bytes)) {
    const byteOffset = firstInvalidUtf8Byte(bytes);
    const textBefore = stripBom(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, byteOffset)));
    return { ok: false, problem: { kind: 'encoding', byteOffset, byte: bytes[byteOffset] ?? 0, textBefore } };
  }
  return { ok: true, text: stripBom(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)) };
}

/** Removes one leading byte order mark (the decoder keeps it: a second U+FEFF is content). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const [length, low, high] =
    b0 >= 0xc2 && b0 <= 0xdf ? [2, 0x80, 0xbf]
    : b0 === 0xe0 ? [3, 0xa0, 0xbf]
    : b0 === 0xed ? [3, 0x80, 0x9f]
    : b0 >= 0xe1 && b0 <= 0xef ? [3, 0x80, 0xbf]
    : b0 === 0xf0 ? [4, 0x90, 0xbf]
    : b0 === 0xf4 ? [4, 0x80, 0x8f]
    : b0 >= 0xf1 && b0 <= 0xf3 ? [4, 0x80, 0xbf]
    : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  const b1 = bytes[i + 1] as number;
  if (b1 < low || b1 > high) return 0;
  for (let k = 2; k < length; k++) {
    const b = bytes[i + k] as number;
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return length;
}
