import type { Range } from '../core/diagnostic.js';
import { didYouMean } from '../core/suggest.js';
import type { AliasDeclaration } from './aliases.js';
import { parseAnnotation, type Annotation } from './annotation.js';
import { fieldSchema } from './field-schema.js';
import type { DerivedField, DerivedGroup, DeriveProblem, JsonSchema } from './index.js';
import type { InputListing, ListedField } from './input-sections.js';
import { SCHEMA_DIALECT } from './output-schema.js';
import { INPUT_RULE } from './rule-ids.js';
import { defineOwn, orderedSchema, orderedSchemaWithDescription } from './schema-order.js';
import type { FieldVocabulary } from './vocabulary.js';

export interface AssembledInput {
  schema: JsonSchema;
  fields: DerivedField[];
  groups: DerivedGroup[];
  problems: DeriveProblem[];
}

/** The input schema from what the sections list, the alias sentences and the payload templates. Pure. */
export function assembleInputSchema(
  listing: InputListing,
  declarations: readonly AliasDeclaration[],
  vocabulary: FieldVocabulary,
  examples: ReadonlyArray<Record<string, unknown>>,
): AssembledInput {
  const problems: DeriveProblem[] = [];
  const report = (ruleId: string, message: string, range: Range): void => void problems.push({ ruleId, message, range });
  const listed = new Map(listing.fields.map((field) => [field.name, field]));
  const aliases = resolveAliases(declarations, listed, report);

  const schemas = new Map<string, JsonSchema>();
  for (const field of listing.fields) {
    const target = aliases.get(field.name)?.target;
    if (target !== undefined) {
      if (field.annotation) {
        report(
          INPUT_RULE.annotation,
          `\`${field.name}\` is a compatibility alias for \`${target}\` and takes its schema; annotate \`${target}\` instead.`,
          field.annotation.range,
        );
      }
      continue;
    }
    schemas.set(field.name, listedFieldSchema(field, vocabulary, report));
  }
  const unlistedAliases = [...aliases.values()].filter((declaration) => !listed.has(declaration.alias));
  for (const declaration of aliases.values()) {
    const target = schemas.get(declaration.target) ?? {};
    const { description: _description, ...rest } = target;
    schemas.set(declaration.alias, orderedSchema({ ...rest, description: `Compatibility alias for \`${declaration.target}\`.`, deprecated: true }));
  }

  const properties: JsonSchema = {};
  const fields: DerivedField[] = [];
  for (const field of listing.fields) {
    defineOwn(properties, field.name, schemas.get(field.name) ?? {});
    const aliasOf = aliases.get(field.name)?.target;
    const derived: DerivedField = { name: field.name, range: field.range, required: field.section === 'required' && field.group === undefined };
    if (aliasOf !== undefined) derived.aliasOf = aliasOf;
    if (field.group !== undefined) derived.group = field.group;
    fields.push(derived);
  }
  for (const declaration of unlistedAliases) {
    defineOwn(properties, declaration.alias, schemas.get(declaration.alias) ?? {});
    fields.push({ name: declaration.alias, range: declaration.aliasRange, required: false, aliasOf: declaration.target });
  }

  const { required, groups } = requirements(listing, aliases);
  const schema: JsonSchema = { $schema: SCHEMA_DIALECT, type: 'object', properties };
  if (required.length > 0) schema['required'] = required;
  const anyOfs = groups.map((group) => group.members.map(branch));
  if (anyOfs.length === 1) schema['anyOf'] = anyOfs[0];
  else if (anyOfs.length > 1) schema['allOf'] = anyOfs.map((anyOf) => ({ anyOf }));
  schema['additionalProperties'] = false;
  if (examples.length > 0) schema['examples'] = [...examples];
  return { schema, fields, groups, problems };
}

type Report = (ruleId: string, message: string, range: Range) => void;

function listedFieldSchema(field: ListedField, vocabulary: FieldVocabulary, report: Report): JsonSchema {
  const entry = vocabulary.input.get(field.name);
  let annotation: Annotation | undefined;
  // One problem per field: a reported annotation stands for the missing type as well.
  let annotationReported = false;
  if (field.annotation) {
    const parsed = parseAnnotation(field.annotation.inner);
    if (parsed.ok) annotation = parsed.annotation;
    else {
      annotationReported = true;
      report(INPUT_RULE.annotation, `Cannot read the annotation \`${field.annotation.text}\` of \`${field.name}\`: ${sentence(parsed.reason)}`, field.annotation.range);
    }
  }
  // Without an annotation the field's schema is its vocabulary entry, copied once below.
  if (annotation === undefined && entry !== undefined && !annotationReported) {
    return orderedSchemaWithDescription(entry, field.description ?? (typeof entry['description'] === 'string' ? entry['description'] : undefined));
  }
  let result = fieldSchema(entry, annotation);
  if (!result.ok && result.kind === 'contradiction' && field.annotation) {
    report(INPUT_RULE.annotation, `The annotation \`${field.annotation.text}\` of \`${field.name}\` ${sentence(result.reason)}`, field.annotation.range);
    annotationReported = true;
    result = fieldSchema(entry, undefined);
  }
  let schema: JsonSchema = {};
  if (result.ok) schema = result.schema;
  else if (!annotationReported) {
    report(
      INPUT_RULE.fieldUnknown,
      `\`${field.name}\` has no type: it is not in the field vocabulary (schemas/input-fields.json) and has no inline type. Add it to the vocabulary (the input part of schemas/input-fields.json, or of a catalog vocabulary read with --root or named by the vocabulary key of skillhub.config.json), or give its type here, such as \`\` \`${field.name}\` (string): description \`\`.${didYouMean(field.name, vocabulary.input.keys())}`,
      field.range,
    );
  }
  const description = field.description ?? (typeof entry?.['description'] === 'string' ? entry['description'] : undefined);
  return orderedSchemaWithDescription(schema, description);
}

/** Valid alias declarations by alias name; reports the others. */
function resolveAliases(declarations: readonly AliasDeclaration[], listed: ReadonlyMap<string, ListedField>, report: Report): Map<string, AliasDeclaration> {
  const byAlias = new Map<string, AliasDeclaration>();
  for (const declaration of declarations) {
    if (declaration.alias === declaration.target) {
      report(INPUT_RULE.aliasUnknown, `\`${declaration.alias}\` cannot be a compatibility alias for itself.`, declaration.aliasRange);
      continue;
    }
    const earlier = byAlias.get(declaration.alias);
    if (earlier) {
      if (earlier.target !== declaration.target) {
        report(
          INPUT_RULE.fieldDuplicate,
          `\`${declaration.alias}\` is already a compatibility alias for \`${earlier.target}\` (line ${earlier.aliasRange.start.line}); an alias stands for one field.`,
          declaration.aliasRange,
        );
      }
      continue;
    }
    byAlias.set(declaration.alias, declaration);
  }
  const valid = new Map<string, AliasDeclaration>();
  for (const declaration of byAlias.values()) {
    const chained = byAlias.get(declaration.target);
    if (chained) {
      report(
        INPUT_RULE.aliasUnknown,
        `\`${declaration.target}\` is itself a compatibility alias for \`${chained.target}\`: make \`${declaration.alias}\` an alias for \`${chained.target}\`.`,
        declaration.targetRange,
      );
    } else if (!listed.has(declaration.target)) {
      report(
        INPUT_RULE.aliasUnknown,
        `\`${declaration.target}\` is not an input field of this skill, so \`${declaration.alias}\` cannot be its compatibility alias: list \`${declaration.target}\` under \`## Required input\` or \`## Optional input\`, or correct the name.${didYouMean(declaration.target, listed.keys())}`,
        declaration.targetRange,
      );
    } else valid.set(declaration.alias, declaration);
  }
  return valid;
}

/**
 * `required` and the groups. An alias satisfies whatever its field satisfies, so a required field
 * that has aliases becomes a group of the field and its aliases.
 */
function requirements(listing: InputListing, aliases: ReadonlyMap<string, AliasDeclaration>): { required: string[]; groups: DerivedGroup[] } {
  const canonical = (name: string): string => aliases.get(name)?.target ?? name;
  const aliasesOf = (name: string): string[] => [...aliases.values()].filter((d) => d.target === name).map((d) => d.alias);
  const groups: DerivedGroup[] = listing.groups.map((group) => ({
    label: group.label,
    range: group.range,
    members: unique([...group.members, ...group.members.flatMap((member) => [canonical(member), ...aliasesOf(canonical(member))])]),
  }));
  const required: string[] = [];
  const grouped = new Set<string>();
  for (const field of listing.fields) {
    if (field.section !== 'required' || field.group !== undefined) continue;
    const target = canonical(field.name);
    const alternatives = aliasesOf(target);
    if (target === field.name && alternatives.length === 0) {
      required.push(field.name);
      continue;
    }
    if (grouped.has(target)) continue;
    grouped.add(target);
    const members = [target, ...alternatives];
    groups.push({ label: members.map((member) => `\`${member}\``).join(' or '), range: field.range, members });
  }
  return { required, groups };
}

function branch(member: string): JsonSchema {
  const properties: JsonSchema = {};
  // Naming the property in the branch keeps ajv's strictRequired satisfied.
  defineOwn(properties, member, true);
  return { required: [member], properties };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

function sentence(reason: string): string {
  return /[.?!]$/.test(reason) ? reason : `${reason}.`;
}
