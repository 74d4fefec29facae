import type { List, ListItem, Nodes, Paragraph } from 'mdast';
import type { Fix, Range } from '../core/diagnostic.js';
import type { SourceText } from '../core/source-text.js';
import type { Section } from '../parse/sections.js';
import type { SkillDocument } from '../parse/skill-document.js';
import type { DeriveProblem } from './index.js';
import { nodeRange, parseListItem, type FieldMention } from './list-item.js';
import { inputSectionTitle, readInputHeading, type InputHeadingReading } from './input-headings.js';
import { INPUT_RULE } from './rule-ids.js';
import { joinOr } from '../core/words.js';
import { someNode } from './walk.js';

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

const HOW_TO_WRITE_FIELD = '`` - `name`: description ``';
const GROUP_HINT = '(a choice between fields as a group: `- one of:` with the fields nested below it)';

/**
 * How a section is read as an input section: `## Required input`, `## Optional input`, or a heading
 * that stands for one of them and lists fields (`## Required inputs`, `## Source input`).
 */
export function inputSectionReading(section: Section): InputHeadingReading | undefined {
  const known = readings.get(section);
  if (known !== undefined) return known ?? undefined;
  const heading = readInputHeading(section.key);
  const reading = heading && (heading.exact || listsFields(section.children)) ? heading : undefined;
  readings.set(section, reading ?? null);
  return reading;
}

/**
 * Readings by section: the derivation and three rules ask for each section of a document, and a
 * section (a part of its parsed document) never changes. Readers must not change a reading.
 */
const readings = new WeakMap<Section, InputHeadingReading | null>();

/** Reads the input sections of a document, near-miss headings included. Pure. */
export function readInputSections(doc: SkillDocument): InputListing {
  const reader = new ListingReader(doc.source);
  const readings = doc.sections.map(inputSectionReading);
  const hasRequired = readings.some((reading) => reading?.kind === 'required' && reading.certainty !== 'guess');
  doc.sections.forEach((section, index) => {
    const reading = readings[index];
    if (!reading) {
      if (/(?:^| )inputs?$/.test(section.key) && listsFields(section.children)) {
        reader.problem(
          INPUT_RULE.section,
          `\`## ${section.title}\` is not an input section, so the fields it lists are not part of the skill's input. List them under \`## Required input\` ${GROUP_HINT} or \`## Optional input\`.`,
          nodeRange(section.heading, doc.source),
        );
      }
      return;
    }
    if (reading.certainty === 'source') return reader.readSourceSection(section);
    const kind: InputKind = reading.certainty === 'guess' && hasRequired ? 'optional' : reading.kind;
    if (!reading.exact) reader.renameProblem(section, kind, reading.certainty === 'same');
    reader.readSection(section, kind);
  });
  return reader.listing;
}

class ListingReader {
  readonly listing: InputListing = { fields: [], groups: [], problems: [] };
  private readonly firstMention = new Map<string, ListedField>();

  constructor(private readonly source: SourceText) {}

  problem(ruleId: string, message: string, range: Range, keepsContract = false, fix?: Fix): void {
    const problem: DeriveProblem = { ruleId, message, range };
    if (keepsContract) problem.keepsContract = keepsContract;
    if (fix) problem.fix = fix;
    this.listing.problems.push(problem);
  }

  /** One diagnostic for a heading read as another section: the fields below it are read as meant. */
  renameProblem(section: Section, kind: InputKind, sameSection: boolean): void {
    const title = inputSectionTitle(kind);
    const message = sameSection
      ? `\`## ${section.title}\` is read as \`## ${title}\`: rename it to \`## ${title}\`, the heading agents and the catalog look for.`
      : kind === 'required'
        ? `\`## ${section.title}\` is read as \`## Required input\`, so every field it lists is required: rename it to \`## Required input\` and move the fields a run may leave out under \`## Optional input\`.`
        : `\`## ${section.title}\` is read as \`## Optional input\`: rename it to \`## Optional input\`, or move its fields under \`## Required input\` and \`## Optional input\`.`;
    // A plural or a synonym names the same section: what derives from it is what the author meant.
    // Only a plural or a synonym has one right repair: the heading it stands for.
    const start = section.heading.position?.start.offset;
    const end = section.heading.position?.end.offset;
    const fix: Fix | undefined = sameSection && start !== undefined && end !== undefined ? { range: [start, end], text: `## ${title}` } : undefined;
    this.problem(INPUT_RULE.section, message, nodeRange(section.heading, this.source), sameSection, fix);
  }

  /**
   * `## Source input` lists alternative sources ("Prefer one source: ..."): read its fields as one
   * group of `## Required input`, which is what the public catalog's skills mean by it.
   */
  readSourceSection(section: Section): void {
    const where = `under \`## ${section.title}\``;
    const items = section.children.filter((node): node is List => node.type === 'list').flatMap((list) => list.children);
    const members: FieldMention[] = [];
    for (const item of items) {
      const parsed = parseListItem(item, this.source, where);
      if (parsed.kind === 'invalid') this.problem(INPUT_RULE.listItem, parsed.message, parsed.range);
      else if (parsed.kind === 'group') return this.readSection(section, 'required');
      else members.push(...parsed.fields);
    }
    const names = joinOr(members.map((member) => `\`${member.name}\``));
    const range = nodeRange(section.heading, this.source);
    this.problem(
      INPUT_RULE.section,
      members.length > 1
        ? `\`## ${section.title}\` is read as a group of \`## Required input\` (a run needs one of ${names}): move it there as \`- one source:\` with the fields nested below it.`
        : `\`## ${section.title}\` is read as \`## Required input\`: move ${names || 'its fields'} under \`## Required input\`.`,
      range,
    );
    if (members.length === 1) return this.addField(members[0] as FieldMention, 'required');
    const group = this.addGroup('one source', range);
    for (const member of members) this.addField(member, 'required', group);
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
    const conditional = kind === 'required' ? this.conditionalLists(section) : new Set<List>();
    for (const list of lists) {
      const listKind = conditional.has(list) ? 'optional' : kind;
      for (const item of list.children) this.readItem(item, listKind, where, conditional.has(list));
    }
  }

  /**
   * A paragraph between two lists of `## Required input` states a condition ("for a start-end-frame
   * video, also give one of:"). A schema cannot check the condition, so the fields listed after it
   * are read as optional (never as required on every run) and the paragraph gets one warning.
   */
  private conditionalLists(section: Section): Set<List> {
    const conditional = new Set<List>();
    let seenList = false;
    let paragraph: Paragraph | undefined;
    let condition: Paragraph | undefined;
    for (const node of section.children) {
      if (node.type === 'paragraph') paragraph = node;
      else if (node.type === 'list') {
        if (seenList && paragraph && listsFields([node])) {
          condition = paragraph;
          this.problem(
            INPUT_RULE.conditionalList,
            `The paragraph before this list states a condition, which the derived schema cannot check, so the fields listed after it are optional. List them under \`## Optional input\` and put the condition in their descriptions.`,
            nodeRange(paragraph, this.source),
            true,
          );
        }
        if (condition) conditional.add(node);
        seenList = true;
        paragraph = undefined;
      }
    }
    return conditional;
  }

  private readItem(item: ListItem, kind: InputKind, where: string, conditional = false): void {
    const parsed = parseListItem(item, this.source, where);
    if (parsed.kind === 'invalid') return this.problem(INPUT_RULE.listItem, parsed.message, parsed.range);
    if (parsed.kind === 'group') return this.readGroup(parsed.label, parsed.range, parsed.lists, kind, where, conditional);
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

  private readGroup(label: string, range: Range, lists: List[], kind: InputKind, where: string, conditional = false): void {
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
      if (conditional) {
        for (const member of members) this.addField(member, kind);
        return;
      }
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
    // Built property by property (in the order a spread would give): spreading a mention, whose
    // optional keys vary, is V8's slow generic copy, and this runs for every listed field.
    const field: ListedField = { name: mention.name, range: mention.range } as ListedField;
    if (mention.annotation !== undefined) field.annotation = mention.annotation;
    if (mention.description !== undefined) field.description = mention.description;
    field.section = section;
    if (group !== undefined) field.group = group;
    this.firstMention.set(mention.name, field);
    this.listing.fields.push(field);
    if (group !== undefined) this.listing.groups[group]?.members.push(mention.name);
  }
}

/** Whether the nodes hold a list item that starts with a code span, at any depth. */
function listsFields(nodes: readonly Nodes[]): boolean {
  return someNode(nodes, (node) => {
    if (node.type !== 'listItem') return false;
    const first = node.children[0];
    return first?.type === 'paragraph' && first.children[0]?.type === 'inlineCode';
  });
}
