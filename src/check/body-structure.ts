import type { Heading, Node } from 'mdast';
import type { Range } from '../core/diagnostic.js';
import { rangeAt } from '../core/source-text.js';
import { closestMatches } from '../core/suggest.js';
import { inputSectionTitle } from '../derive/input-headings.js';
import { inputSectionReading } from '../derive/input-sections.js';
import { sectionKey, type Section } from '../parse/sections.js';
import type { SkillDocument } from '../parse/skill-document.js';

/** A `##` section the catalog defines, and why agents need it (a clause for messages). */
export interface StandardSection {
  title: string;
  key: string;
  purpose: string;
}

export const REQUIRED_SECTIONS: readonly StandardSection[] = [
  { title: 'Required input', key: 'required input', purpose: 'agents learn from it which inputs a run needs' },
  { title: 'Command pattern', key: 'command pattern', purpose: 'agents copy the `popiart` command from it' },
  { title: 'Payload template', key: 'payload template', purpose: 'agents build their payload from it' },
  { title: 'Output handling', key: 'output handling', purpose: 'agents learn from it what a run returns' },
];

export const RECOMMENDED_SECTIONS: readonly StandardSection[] = [
  { title: 'Optional input', key: 'optional input', purpose: 'agents learn from it which inputs a run may add' },
  { title: 'Workflow', key: 'workflow', purpose: 'agents follow its steps' },
  { title: 'Operating guidance', key: 'operating guidance', purpose: 'agents learn from it what to do and what to avoid' },
];

/**
 * Whether the body can be checked: an unclosed front matter block swallows the whole file, so
 * structure findings there would only repeat the front-matter-present error.
 */
export function hasCheckableBody(doc: SkillDocument): boolean {
  return doc.frontMatter === undefined || doc.frontMatter.closed;
}

/** The top-level `#` headings of the body, in document order. */
export function h1Headings(doc: SkillDocument): Heading[] {
  return doc.body.children.filter((node): node is Heading => node.type === 'heading' && node.depth === 1);
}

/** The range of an mdast node, in the file's coordinates. */
export function nodeRange(doc: SkillDocument, node: Node): Range {
  const start = node.position?.start.offset ?? doc.bodyOffset;
  const end = node.position?.end.offset ?? start;
  return rangeAt(doc.source, start, end);
}

/** Where the body begins: just after the front matter, or the file's start. */
export function bodyStartRange(doc: SkillDocument): Range {
  return rangeAt(doc.source, doc.bodyOffset);
}

/** Where a problem with the body as a whole is reported: at its H1, or where the body begins. */
export function bodyAnchorRange(doc: SkillDocument): Range {
  const [h1] = h1Headings(doc);
  return h1 ? nodeRange(doc, h1) : bodyStartRange(doc);
}

export interface MissingSection {
  section: StandardSection;
  /** A non-standard section whose title is close, probably a misspelling of this one. */
  near: Section | undefined;
}

/** The wanted sections the body lacks, each with a likely misspelt heading when there is one. */
export function missingSections(doc: SkillDocument, wanted: readonly StandardSection[]): MissingSection[] {
  // A heading read as an input section (`## Required inputs`, `## Source input`) stands in for it:
  // input-section reports the heading once, so it is not also "missing" here.
  const present = new Set(doc.sections.flatMap((section) => keysStoodFor(section)));
  const standardKeys = new Set([...REQUIRED_SECTIONS, ...RECOMMENDED_SECTIONS].map((section) => section.key));
  const others = doc.sections.filter((section) => !standardKeys.has(section.key));
  return wanted
    .filter((section) => !present.has(section.key))
    .map((section) => {
      const [closest] = closestMatches(section.key, others.map((other) => other.key), 1);
      return { section, near: others.find((other) => other.key === closest) };
    });
}

function keysStoodFor(section: Section): string[] {
  const reading = inputSectionReading(section);
  if (!reading) return [section.key];
  // `## Inputs` is reported as standing for both input sections, to be split in two.
  if (reading.certainty === 'guess') return ['required input', 'optional input'];
  return [sectionKey(inputSectionTitle(reading.kind))];
}

/** ` \`## Inputs\` on line 9 looks like it: rename it.`, or nothing. */
export function nearSectionHint(doc: SkillDocument, near: Section | undefined): string {
  if (!near) return '';
  return ` \`## ${near.title}\` on line ${nodeRange(doc, near.heading).start.line} looks like it: rename it.`;
}
