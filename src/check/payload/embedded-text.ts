import type { Code, InlineCode } from 'mdast';
import type { Range } from '../../core/diagnostic.js';
import { lastAtMost, rangeAt, type SourceText } from '../../core/source-text.js';

/**
 * A piece of text taken out of a SKILL.md (a fenced block's content, an inline code span, a
 * shell word's value) together with the way back: `toFile(i)` is the file offset of the text's
 * character `i`. Lines of a fenced block are joined with LF whatever the file uses; the
 * indentation and container markers mdast removed from each line stay accounted for.
 */
export interface EmbeddedText {
  text: string;
  toFile(index: number): number;
}

/** The file range of `[start, end)` in the embedded text; the end maps from the last character. */
export function embeddedRange(source: SourceText, embedded: EmbeddedText, start: number, end: number = start): Range {
  const from = embedded.toFile(start);
  const to = end > start ? embedded.toFile(end - 1) + 1 : from;
  return rangeAt(source, from, to);
}

/** A sub-text whose characters map through `parent`: `offsets[i]` is the parent index of character `i`. */
export function mappedText(parent: EmbeddedText, text: string, offsets: readonly number[], endOffset: number): EmbeddedText {
  return {
    text,
    toFile: (index) => parent.toFile(index < offsets.length ? (offsets[index] as number) : endOffset),
  };
}

/** The slice `[start, end)` of a parent text, with positions kept. */
export function sliceText(parent: EmbeddedText, start: number, end: number): EmbeddedText {
  return { text: parent.text.slice(start, end), toFile: (index) => parent.toFile(start + index) };
}

/** The content of a fenced (or indented) code block, line by line mapped to the file. */
export function codeBlockText(source: SourceText, node: Code): EmbeddedText {
  const lines = node.value.split(/\r\n|\r|\n/);
  const fenceLine = (node.position?.start.line ?? 1) - 1;
  const isFenced = /^[ \t>]*(```|~~~)/.test(lineContent(source, fenceLine));
  const firstContentLine = isFenced ? fenceLine + 1 : fenceLine;
  const starts = lines.map((line, index) => {
    const sourceLine = firstContentLine + index;
    const content = lineContent(source, sourceLine);
    const lineStart = source.lineStarts[sourceLine] ?? source.text.length;
    // mdast removed the fence's indentation and any container markers from the front of the line.
    const at = content.endsWith(line) ? content.length - line.length : 0;
    return lineStart + at;
  });
  return joinedLines(lines, starts, '\n');
}

/**
 * The content of an inline code span. Its line endings become spaces, as CommonMark renders
 * them, so that a command written across two lines of prose stays one command.
 */
export function inlineCodeText(source: SourceText, node: InlineCode): EmbeddedText {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const raw = source.text.slice(start, end);
  const ticks = /^`+/.exec(raw)?.[0].length ?? 1;
  let contentStart = start + ticks;
  const inner = raw.slice(ticks, raw.length - ticks);
  if (inner.length > 2 && /^[ \r\n]/.test(inner) && /[ \r\n]$/.test(inner) && inner.trim() !== '') contentStart += 1;
  const lines = node.value.split(/\r\n|\r|\n/);
  const startLine = (node.position?.start.line ?? 1) - 1;
  const starts = lines.map((line, index) => {
    if (index === 0) return contentStart;
    const lineStart = source.lineStarts[startLine + index] ?? source.text.length;
    const at = lineContent(source, startLine + index).indexOf(line);
    return lineStart + Math.max(0, at);
  });
  return joinedLines(lines, starts, ' ');
}

function joinedLines(lines: readonly string[], fileStarts: readonly number[], joiner: string): EmbeddedText {
  const localStarts: number[] = [];
  let text = '';
  lines.forEach((line, index) => {
    if (index > 0) text += joiner;
    localStarts.push(text.length);
    text += line;
  });
  return {
    text,
    toFile(index) {
      const low = lastAtMost(localStarts, index);
      const column = index - (localStarts[low] as number);
      const lineLength = (lines[low] as string).length;
      // The joiner after a line stands for that line's end in the file.
      return (fileStarts[low] as number) + Math.min(column, lineLength);
    },
  };
}

function lineContent(source: SourceText, line: number): string {
  const start = source.lineStarts[line];
  if (start === undefined) return '';
  const next = source.lineStarts[line + 1] ?? source.text.length;
  return source.text.slice(start, next).replace(/\r?\n$|\r$/, '');
}
