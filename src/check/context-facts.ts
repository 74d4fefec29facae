import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import type { LintInput } from './lint.js';
import { decodeSkillBytes, DEFAULT_MAX_FILE_SIZE } from '../load/decode.js';
import type { FileBytes } from '../load/read-sync.js';
import { splitFrontMatter } from '../parse/front-matter.js';
import { parseYaml } from '../parse/yaml.js';
import type { FileAnalysis } from './analysis.js';
import { catalogIndex } from './references/catalog-index.js';
import { recordFailure } from './rules/internal-error.js';

/*
 * One skill validated inside its catalog (`validate skills/<id>`) needs only a few facts of every
 * other skill: what the catalog rules read of a file they do not report on. Those are its id (the
 * front-matter `name`, else the folder's name: run-unknown-skill, skill-reference-unknown and
 * their did-you-mean hints), its `name` and path (duplicate-name), and, only for the skills a
 * target runs, the derived input schema (run-input, payload-deprecated-field). The rules that read
 * companion files (agents-*, committed-schema-drift) read the reported file's own.
 *
 * So a context skill gets a light analysis: its front matter only, no Markdown, derivation or
 * shell; the skills the targets run get the full per-file analysis (see contextToAnalyseFully).
 * The facts below must be exactly those analyzeFile records (see parseAndDerive in lint.ts);
 * test/context-facts.test.ts checks that the targets' diagnostics do not change.
 */

type ContextInput = Pick<LintInput, 'filePath' | 'decoded'>;

/** A context file as read: decoded, or its bytes as read (see fileBytesReader), which `decodeSkillBytes` would decode. */
export type ContextRead = ContextInput | FileBytes;

/**
 * Light analyses of `count` context files, each read with `read(index)` and dropped once its
 * facts are taken. Most take the quick path (quickContextAnalysis); when a target's `name` is also
 * the name of another file, every context file is read exactly (read again), because
 * duplicate-name then needs every file's exact `name`. `full` holds the files analysed in full.
 * A file read as bytes is decoded with `maxFileSize`, as the reader's were.
 */
export function contextAnalyses(
  count: number,
  read: (index: number) => ContextRead,
  full: readonly FileAnalysis[],
  targets: ReadonlySet<string>,
  maxFileSize = DEFAULT_MAX_FILE_SIZE,
): FileAnalysis[] {
  const decoded = (input: ContextRead): ContextInput => ('bytes' in input ? { filePath: input.filePath, decoded: decodeSkillBytes(input.bytes, maxFileSize) } : input);
  const quick = new Set<number>();
  const light = Array.from({ length: count }, (_, index) => {
    const input = read(index);
    const analysis = 'bytes' in input ? quickContextAnalysisOfBytes(input, maxFileSize) : quickContextAnalysis(input);
    if (analysis) quick.add(index);
    return analysis ?? contextAnalysis(decoded(input));
  });
  const nameCounts = new Map<string, number>();
  for (const analysis of [...full, ...light]) {
    const name = analysis.facts.name;
    if (name !== undefined) nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1);
  }
  const shared = full.some((analysis) => targets.has(analysis.filePath) && analysis.facts.name !== undefined && (nameCounts.get(analysis.facts.name) ?? 0) > 1);
  if (!shared) return light;
  return light.map((analysis, index) => (quick.has(index) ? contextAnalysis(decoded(read(index))) : analysis));
}

/** The facts the catalog rules need of a skill that is only context, read exactly: folder name and front matter. */
export function contextAnalysis(input: ContextInput): FileAnalysis {
  const analysis: FileAnalysis = { filePath: input.filePath, facts: {}, diagnostics: [] };
  if (!input.decoded.ok) {
    analysis.loadProblem = input.decoded.problem;
    return analysis;
  }
  try {
    // As parseSkillDocument reads the front matter: only a YAML block is parsed.
    const block = splitFrontMatter(input.decoded.text);
    const isYaml = block !== undefined && (block.language === '' || block.language === 'yaml' || block.language === 'yml');
    const data = isYaml ? parseYaml(block.text).data : undefined;
    analysis.facts.folderName = path.basename(path.dirname(input.filePath));
    const name = data?.['name'];
    if (typeof name === 'string') analysis.facts.name = name;
  } catch (error) {
    // As in the full analysis, a file whose reading threw contributes no facts.
    analysis.facts = {};
    recordFailure(analysis, 'reading the front matter', error);
  }
  return analysis;
}

/** A line of a front matter that could start a top-level key other than a plain one, or end the YAML document. */
const UNUSUAL_LINE = /^(?:["'?{}[\]&!*%|>@`,]|\.\.\.)/;
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The quick path, without the Markdown or YAML parsers: undefined unless the file is UTF-8 text
 * that opens with a bare `---` line, is closed by a later line starting `---` (where gray-matter
 * ends the block), has exactly one line at column 0 that starts with `name`, namely
 * `name: <folder name>`, and no line at column 0 that could start a quoted, complex, flow, tagged
 * or anchored key. Then the skill's id (its `name`, else its folder's name) is the folder's name
 * exactly: if the YAML is valid, that line is its only top-level `name`; if it is not (or the
 * value is not a string), the id falls back to the folder's name. What stays uncertain is only
 * whether `name` is set at all, which duplicate-name alone reads (see contextAnalyses).
 */
export function quickContextAnalysis(input: ContextInput): FileAnalysis | undefined {
  if (!input.decoded.ok) return undefined;
  const text = input.decoded.text;
  const opening = text.startsWith('---\n') ? 4 : text.startsWith('---\r\n') ? 5 : 0;
  if (opening === 0) return undefined;
  const close = text.indexOf('\n---', opening - 1);
  if (close === -1) return undefined;
  const block = text.slice(opening, close);
  // A lone CR ends a line for splitFrontMatter (the CR of the CRLF before `---` is followed by its LF).
  if (/\r(?!\n)/.test(text.slice(opening, close + 1))) return undefined;
  const folderName = path.basename(path.dirname(input.filePath));
  let named = false;
  for (const rawLine of block.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.startsWith('name')) {
      const value = /^name:[ ]+(\S+)[ ]*$/.exec(line)?.[1];
      if (named || value !== folderName || !PLAIN_ID.test(value)) return undefined;
      named = true;
    } else if (UNUSUAL_LINE.test(line)) {
      return undefined;
    }
  }
  return named ? { filePath: input.filePath, facts: { folderName, name: folderName }, diagnostics: [] } : undefined;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const CLOSING_FENCE = Buffer.from('\n---');
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * quickContextAnalysis of the file that `decodeSkillBytes(bytes)` gives, decoding only its text up
 * to the first `\n---`, the only part of it the quick path reads (its opening and closing fences
 * and the lines between). The bytes are checked as decodeSkillBytes checks them (size and UTF-8),
 * and the text decoded from a cut at an ASCII byte is the start of the whole text, so the answer
 * is the same; undefined where the quick path would give none (no `\n---` at all), or where the
 * decoding would refuse the file (the exact reading then says why).
 */
export function quickContextAnalysisOfBytes({ filePath, bytes }: FileBytes, maxFileSize = DEFAULT_MAX_FILE_SIZE): FileAnalysis | undefined {
  if (bytes.byteLength > maxFileSize || !isUtf8(bytes)) return undefined;
  // decodeSkillBytes drops one leading byte order mark.
  const start = UTF8_BOM.every((byte, at) => bytes[at] === byte) ? UTF8_BOM.length : 0;
  const close = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(CLOSING_FENCE, start);
  if (close === -1) return undefined;
  const head = utf8.decode(bytes.subarray(start, close + CLOSING_FENCE.length));
  return quickContextAnalysis({ filePath, decoded: { ok: true, text: head } });
}

/**
 * The context files (by path) that need the full analysis after all: those a target runs
 * (`popiart run <id>`), as the catalog index resolves the id, when only light facts are known of
 * them. `light` holds the paths analysed with contextAnalysis.
 */
export function contextToAnalyseFully(
  analyses: readonly FileAnalysis[],
  targets: ReadonlySet<string>,
  light: ReadonlySet<string>,
): Set<string> {
  const index = catalogIndex(analyses);
  const wanted = new Set<string>();
  for (const analysis of analyses) {
    if (!targets.has(analysis.filePath)) continue;
    for (const run of analysis.facts.runInvocations ?? []) {
      const target = run.skillId === undefined ? undefined : index.get(run.skillId);
      if (target && light.has(target.filePath)) wanted.add(target.filePath);
    }
  }
  return wanted;
}
