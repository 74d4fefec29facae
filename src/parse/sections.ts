import type { Heading, PhrasingContent, Root, RootContent } from 'mdast';

export interface Section {
  /** The heading text as written, without inline markup. */
  title: string;
  /** Lower-cased with runs of white space folded: headings match case-insensitively. */
  key: string;
  heading: Heading;
  /** The nodes between this heading and the next heading of the same or a higher level. */
  children: RootContent[];
}

/** The `##` sections of the body, in document order. */
export function collectSections(root: Root): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const node of root.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      current = undefined;
      if (node.depth === 2) {
        const title = headingText(node);
        current = { title, key: sectionKey(title), heading: node, children: [] };
        sections.push(current);
      }
    } else if (current) {
      current.children.push(node);
    }
  }
  return sections;
}

/** Where a section's content lies in the document text: its key and the offsets of its first and last node. */
export type SectionSpan = [key: string, start: number, end: number];

/** The spans of the sections that have content, in document order. Pure. */
export function sectionSpans(sections: readonly Section[]): SectionSpan[] {
  const spans: SectionSpan[] = [];
  for (const section of sections) {
    const start = section.children[0]?.position?.start.offset;
    const end = section.children[section.children.length - 1]?.position?.end.offset;
    if (start !== undefined && end !== undefined) spans.push([section.key, start, end]);
  }
  return spans;
}

export function sectionKey(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function headingText(heading: Heading): string {
  return phrasingText(heading.children);
}

export function phrasingText(nodes: readonly PhrasingContent[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
    else if ('children' in node) text += phrasingText(node.children as PhrasingContent[]);
  }
  return text;
}
