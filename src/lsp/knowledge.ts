import type { DerivedSkill, JsonSchema } from '../derive/index.js';
import type { FieldVocabulary } from '../derive/vocabulary.js';
import type { SkillDocument } from '../parse/skill-document.js';

/** The `##` section that holds a 1-based line, by its key (`required input`, `payload template`, ...). */
export function sectionKeyAt(doc: SkillDocument, line: number): string | undefined {
  let found: string | undefined;
  for (const section of doc.sections) {
    const start = section.heading.position?.start.line ?? Number.POSITIVE_INFINITY;
    if (start <= line) found = section.key;
  }
  return found;
}

/** Whether a 1-based line is inside a fenced code block of the document. */
export function inCodeBlock(doc: SkillDocument, line: number): boolean {
  const visit = (nodes: ReadonlyArray<{ type: string; position?: { start: { line: number }; end: { line: number } }; children?: unknown[] }>): boolean =>
    nodes.some(
      (node) =>
        (node.type === 'code' && node.position !== undefined && line > node.position.start.line && line < node.position.end.line) ||
        (Array.isArray(node.children) && visit(node.children as Parameters<typeof visit>[0])),
    );
  return visit(doc.body.children);
}

/** The word around an offset made of the characters `word` accepts. */
export function wordAt(text: string, offset: number, word: RegExp): { text: string; start: number; end: number } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && word.test(text[start - 1] as string)) start--;
  while (end < text.length && word.test(text[end] as string)) end++;
  return start === end ? undefined : { text: text.slice(start, end), start, end };
}

function describeSchema(schema: JsonSchema): string[] {
  const lines: string[] = [];
  const s = schema as Record<string, unknown>;
  const type = Array.isArray(s['type']) ? (s['type'] as unknown[]).join(' or ') : s['type'];
  if (type !== undefined) lines.push(`type: \`${String(type)}\``);
  if (Array.isArray(s['enum'])) lines.push(`one of: ${(s['enum'] as unknown[]).map((v) => `\`${JSON.stringify(v)}\``).join(', ')}`);
  const min = s['minimum'] ?? s['exclusiveMinimum'];
  const max = s['maximum'] ?? s['exclusiveMaximum'];
  if (min !== undefined || max !== undefined) lines.push(`range: ${min === undefined ? '…' : String(min)} to ${max === undefined ? '…' : String(max)}`);
  if (s['format'] !== undefined) lines.push(`format: \`${String(s['format'])}\``);
  return lines;
}

/** Markdown for a hover on a field name: what the skill derived for it, else what the vocabulary says. */
export function fieldHover(name: string, derived: DerivedSkill | undefined, vocabulary: FieldVocabulary): string | undefined {
  const properties = ((derived?.inputSchema as { properties?: Record<string, JsonSchema> } | undefined)?.properties ?? {}) as Record<string, JsonSchema>;
  const own = properties[name];
  const known = vocabulary.input.get(name) ?? vocabulary.output.get(name);
  const schema = own ?? known;
  if (!schema) return undefined;
  const description = (schema as { description?: string }).description ?? (known as { description?: string } | undefined)?.description;
  const field = derived?.fields.find((candidate) => candidate.name === name);
  const role = own ? (field?.required ? 'required input' : field?.aliasOf ? `alias of \`${field.aliasOf}\`` : 'optional input') : vocabulary.input.has(name) ? 'vocabulary input field' : 'vocabulary output field';
  return [`**\`${name}\`** (${role})`, '', ...(description ? [description, ''] : []), ...describeSchema(schema).map((line) => `- ${line}`)].join('\n');
}

/** Field names to offer in an input section: the vocabulary's, not yet listed by the skill. */
export function inputFieldCompletions(derived: DerivedSkill | undefined, vocabulary: FieldVocabulary): Array<{ name: string; detail: string }> {
  const listed = new Set(derived?.fields.map((field) => field.name) ?? []);
  return [...vocabulary.input.entries()]
    .filter(([name]) => !listed.has(name))
    .map(([name, schema]) => ({ name, detail: (schema as { description?: string }).description ?? '' }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Keys to offer inside a payload template: the properties of the skill's derived input schema. */
export function payloadKeyCompletions(derived: DerivedSkill | undefined): Array<{ name: string; detail: string }> {
  const properties = ((derived?.inputSchema as { properties?: Record<string, JsonSchema> } | undefined)?.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, schema]) => ({ name, detail: (schema as { description?: string }).description ?? '' }));
}
