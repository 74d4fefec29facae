import type { List, ListItem, Nodes, Paragraph } from 'mdast';
import type { Range } from '../core/diagnostic.js';
import type { SourceText } from '../core/source-text.js';
import type { Section } from '../parse/sections.js';
import type { SkillDocument } from '../parse/skill-document.js';
import type { DeriveProblem } from './index.js';
import { nodeRange, parseListItem, type FieldMention } from './list-item.js';
import { INPUT_RULE } from './rule-ids.js';
import { forEachNode } from './walk.js';

export type InputKind = 'required' | 'optional';

export interface ListedField extends FieldMention {
  section: InputKind;
  /** Index in `InputListing.groups`. */
  group?: number;
}

export interface ListedGroup {
  label: string;
  range: Range;
  members: string[];
}

/** What the `## Required input` and `## Optional input` sections list. */
export interface InputListing {
  fields: ListedField[];
  groups: ListedGroup[];
  problems: DeriveProblem[];
}

const SECTION_KINDS: Record<string, InputKind> = { 'required input': 'required', 'optional input': 'optional' };
const HOW_TO_WRITE_FIELD = '`` - `name`: description ``';

/** Reads the input sections of a document. Pure. */
export function readInputSections(doc: SkillDocument): InputListing {
  const reader = new ListingReader(doc.source);
  for (const section of doc.sections) {
    const kind = SECTION_KINDS[section.key];
    if (kind) reader.readSection(section, kind);
    else if (/(?:^| )inputs?$/.test(section.key) && listsFields(section.children)) {
      reader.problem(
        INPUT_RULE.section,
        `\`## ${section.title}\` is not an input section, so the fields it lists are not part of the skill's input. List them under \`## Required input\` (a choice between fields as a group: \`- one of:\` with the fields nested below it) or \`## Optional input\`.`,
        nodeRange(section.heading, doc.source),
      );
    }
  }
  return reader.listing;
}

class ListingReader {
  readonly listing: InputListing = { fields: [], groups: [], problems: [] };
  private readonly firstMention = new Map<string, ListedField>();

  constructor(private readonly source: SourceText) {}

  problem(ruleId: string, message: string, range: Range): void {
    this.listing.problems.push({ ruleId, message, range });
  }

  readSection(section: Section, kind: InputKind): void {
    const where = `under \`## ${section.title}\``;
    const lists = section.children.filter((node): node is List => node.type === 'list');
    // An empty `## Optional input` ("None.") is a fine way to say there is none; `## Required input` is
    // a required section, so an empty one means the contract is missing.
    if (lists.length === 0 && kind === 'required') {
      this.problem(
        INPUT_RULE.section,
        `\`## ${section.title}\` lists no fields: list each field a run needs as ${HOW_TO_WRITE_FIELD}, and a choice between fields as a group (\`- one of:\` with the fields nested below it).`,
        nodeRange(section.heading, this.source),
      );
      return;
    }
    if (kind === 'required') this.reportProseBetweenLists(section);
    for (const list of lists) for (const item of list.children) this.readItem(item, kind, where);
  }

  /**
   * A paragraph between two lists of `## Required input` usually states a condition ("for X, also
   * give one of:"), yet the fields below it are as required as the others: say so at the paragraph.
   * The fields still count as listed, so the schema stays what the document says.
   */
  private reportProseBetweenLists(section: Section): void {
    let seenList = false;
    let paragraph: Paragraph | undefined;
    for (const node of section.children) {
      if (node.type === 'paragraph') paragraph = node;
      else if (node.type === 'list') {
        if (seenList && paragraph && listsFields([node])) {
          this.problem(
            INPUT_RULE.conditionalList,
            `Every field listed under \`## ${section.title}\` is required, but the paragraph before this list reads like a condition. List conditional fields under \`## Optional input\` and say the condition in their description.`,
            nodeRange(paragraph, this.source),
          );
        }
        seenList = true;
        paragraph = undefined;
      }
    }
  }

  private readItem(item: ListItem, kind: InputKind, where: string): void {
    const parsed = parseListItem(item, this.source, where);
    if (parsed.kind === 'invalid') return this.problem(INPUT_RULE.listItem, parsed.message, parsed.range);
    if (parsed.kind === 'group') return this.readGroup(parsed.label, parsed.range, parsed.lists, kind, where);
    if (parsed.joiner) {
      this.problem(
        INPUT_RULE.listItem,
        `\`, or\` joins the fields of a group, but \`${parsed.fields.map((f) => f.name).join('`, `')}\` ${where} is not in one: nest the fields under a group item such as \`- one of:\`, or remove the \`or\`.`,
        parsed.joiner,
      );
    }
    if (kind === 'required' && parsed.fields.length > 1) {
      const group = this.addGroup(parsed.fields.map((f) => `\`${f.name}\``).join(' or '), parsed.fields[0]?.range ?? nodeRange(item, this.source));
      for (const field of parsed.fields) this.addField(field, kind, group);
      return;
    }
    for (const field of parsed.fields) this.addField(field, kind);
  }

  private readGroup(label: string, range: Range, lists: List[], kind: InputKind, where: string): void {
    const items = lists.flatMap((list) => list.children);
    if (items.length === 0) {
      return this.problem(
        INPUT_RULE.listItem,
        `The group \`${label}:\` has no fields: list them in a nested list below it, one per item, as \`\` - \`name\`, or \`\`.`,
        range,
      );
    }
    const members: FieldMention[] = [];
    const memberWhere = `in the group \`${label}\``;
    for (const item of items) {
      const parsed = parseListItem(item, this.source, memberWhere);
      if (parsed.kind === 'invalid') this.problem(INPUT_RULE.listItem, parsed.message, parsed.range);
      else if (parsed.kind === 'group') this.problem(INPUT_RULE.listItem, `A group cannot hold another group: list the fields of \`${parsed.label}\` in \`${label}\` itself.`, parsed.range);
      else members.push(...parsed.fields);
    }
    if (kind === 'optional') {
      this.problem(
        INPUT_RULE.listItem,
        `The group \`${label}:\` ${where} makes one of its fields required: move it to \`## Required input\`, or list its fields one per item.`,
        range,
      );
      for (const member of members) this.addField(member, kind);
      return;
    }
    if (members.length === 0) return;
    if (members.length === 1 && items.length === 1) {
      this.problem(
        INPUT_RULE.listItem,
        `The group \`${label}:\` lists only one field; a group offers a choice between two or more fields (list a single required field on its own).`,
        range,
      );
    }
    const group = this.addGroup(label, range);
    for (const member of members) this.addField(member, kind, group);
  }

  private addGroup(label: string, range: Range): number {
    this.listing.groups.push({ label, range, members: [] });
    return this.listing.groups.length - 1;
  }

  private addField(mention: FieldMention, section: InputKind, group?: number): void {
    const first = this.firstMention.get(mention.name);
    if (first) {
      this.problem(
        INPUT_RULE.fieldDuplicate,
        `\`${mention.name}\` is already listed on line ${first.range.start.line} (${first.section === 'required' ? '`## Required input`' : '`## Optional input`'}); list each field once.`,
        mention.range,
      );
      return;
    }
    const field: ListedField = { ...mention, section, ...(group === undefined ? {} : { group }) };
    this.firstMention.set(mention.name, field);
    this.listing.fields.push(field);
    if (group !== undefined) this.listing.groups[group]?.members.push(mention.name);
  }
}

/** Whether the nodes hold a list item that starts with a code span, at any depth. */
function listsFields(nodes: readonly Nodes[]): boolean {
  let found = false;
  forEachNode(nodes, (node) => {
    if (node.type !== 'listItem') return;
    const first = node.children[0];
    if (first?.type === 'paragraph' && first.children[0]?.type === 'inlineCode') found = true;
  });
  return found;
}
