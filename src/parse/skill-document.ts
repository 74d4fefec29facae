import path from 'node:path';
import type { Nodes, Root } from 'mdast';
import type { Document } from 'yaml';
import type { Range } from '../core/diagnostic.js';
import { createSourceText, rangeAt, type SourceText } from '../core/source-text.js';
import { splitFrontMatter } from './front-matter.js';
import { parseMarkdown } from './markdown.js';
import { collectSections, type Section } from './sections.js';
import { parseYaml, yamlSpanAtPath, type YamlProblem } from './yaml.js';

export interface FrontMatter {
  /** The language named after the opening delimiter, `yaml` when none was named. */
  language: string;
  languageRange: Range;
  /** Offset of the YAML text in the file. */
  offset: number;
  closed: boolean;
  /** Present when the language is YAML; parsed at first use when `plain` (read it only for a diagnostic's position). */
  readonly document: Document.Parsed | undefined;
  /** The YAML text (from `offset`), which the offsets of `document` refer to. */
  text: string;
  /** True when the YAML was read by the quick reader (parse/plain-yaml.ts): every key is a scalar, nothing is anchored, tagged or in a flow collection. */
  plain: boolean;
  /** The mapping as data; undefined when it did not parse or is not YAML. */
  data: Record<string, unknown> | undefined;
  /** Syntax problems, offsets already in file coordinates. */
  problems: YamlProblem[];
}

/** One parsed SKILL.md: everything the rules read, with positions in the file's coordinates. */
export interface SkillDocument {
  filePath: string;
  /** The name of the folder that holds the SKILL.md, which must equal the skill's `name`. */
  folderName: string;
  source: SourceText;
  frontMatter: FrontMatter | undefined;
  bodyOffset: number;
  body: Root;
  sections: Section[];
  /** Every node below `body` in document order, filled at first use by bodyNodes() (body-nodes.ts). */
  nodeList?: readonly Nodes[];
}

const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);

/** Parses the text of a SKILL.md (BOM already removed). Pure: no I/O, nothing evaluated. */
export function parseSkillDocument(filePath: string, text: string): SkillDocument {
  const source = createSourceText(text);
  const block = splitFrontMatter(text);
  let frontMatter: FrontMatter | undefined;
  if (block) {
    const isYaml = YAML_LANGUAGES.has(block.language);
    const parsed = isYaml ? parseYaml(block.text) : undefined;
    frontMatter = {
      language: block.language === '' || block.language === 'yml' ? 'yaml' : block.language,
      languageRange: rangeAt(source, block.languageOffset, block.languageOffset + block.language.length),
      offset: block.offset,
      closed: block.closed,
      get document() {
        return parsed?.document;
      },
      plain: parsed?.plain ?? false,
      text: block.text,
      data: parsed?.data,
      problems: (parsed?.problems ?? []).map((problem) => ({
        ...problem,
        start: problem.start + block.offset,
        end: problem.end + block.offset,
      })),
    };
  }
  const bodyOffset = block ? block.bodyOffset : 0;
  // Blanking the front matter (newlines kept) makes the parser's positions those of the file,
  // and its lines those of the file too.
  const bodyText = bodyOffset === 0 ? text : blankedLines(text, bodyOffset) + text.slice(bodyOffset);
  const body = parseMarkdown(bodyText, source.lineStarts);
  return {
    filePath,
    folderName: path.basename(path.dirname(filePath)),
    source,
    frontMatter,
    bodyOffset,
    body,
    sections: collectSections(body),
  };
}

/** The first `end` units of `text` with every character but CR and LF made a space. */
function blankedLines(text: string, end: number): string {
  let blanked = '';
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13) continue;
    if (i > lineStart) blanked += ' '.repeat(i - lineStart);
    blanked += code === 10 ? '\n' : '\r';
    lineStart = i + 1;
  }
  return end > lineStart ? blanked + ' '.repeat(end - lineStart) : blanked;
}

/** The range of the key (or value) at a front-matter data path, or of the block's start. */
export function frontMatterRange(doc: SkillDocument, dataPath: ReadonlyArray<string | number>, part: 'key' | 'value'): Range {
  const fm = doc.frontMatter;
  if (!fm) return rangeAt(doc.source, 0, 0);
  const fallback = rangeAt(doc.source, 0, 3);
  const span = yamlSpanAtPath(fm, dataPath);
  if (!span) return fallback;
  const chosen = part === 'key' ? (span.key ?? span.value) : (span.value ?? span.key);
  return chosen ? rangeAt(doc.source, chosen[0] + fm.offset, chosen[1] + fm.offset) : fallback;
}
