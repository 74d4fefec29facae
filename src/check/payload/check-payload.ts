import type { ErrorObject } from 'ajv';
import type { Range } from '../../core/diagnostic.js';
import type { DerivedSkill, JsonSchema } from '../../derive/index.js';
import type { LintEnvironment } from '../environment.js';
import { describePayloadErrors } from './describe-errors.js';
import type { EmbeddedJson } from './embedded-json.js';
import { formatPointer, valueAtPointer } from './json-pointer.js';
import { payloadValidator, type PayloadValidator } from './payload-validators.js';
import { isSchema, resolveRef } from './schema-words.js';

export interface PayloadFinding {
  range: Range;
  message: string;
}

/** A value written as `<name>` stands for whatever the reader fills in, so any value check passes. */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && /^<[^<>]+>$/.test(value);
}

/**
 * A validator of a skill's input schema, compiled at most once per run (state in the environment);
 * it gives the errors a strict compile of the schema gives, for less (see payload-validators.ts).
 */
export function inputValidator(env: LintEnvironment, schema: JsonSchema): PayloadValidator | undefined {
  return payloadValidator(env.payloadValidators, schema);
}

/** Every way the payload breaks the schema, each at the key or value it concerns. */
export function checkPayload(json: EmbeddedJson, schema: JsonSchema, validate: PayloadValidator): PayloadFinding[] {
  if (json.value === undefined || validate(json.value)) return [];
  const payload = json.value;
  const errors = (validate.errors ?? []).filter((error) => !concernsPlaceholder(error, payload));
  return describePayloadErrors(errors, payload, schema).map((problem) => {
    const node = json.nodes[problem.pointer];
    const value = valueAtPointer(payload, problem.pointer);
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    const range =
      problem.keyword === 'additionalProperties' ? (node?.key ?? node?.value)
      : isObject ? (node?.open ?? node?.value)
      : node?.value;
    return { range: range ?? json.range, message: problem.message };
  });
}

function concernsPlaceholder(error: ErrorObject, payload: unknown): boolean {
  if (error.keyword === 'required' || error.keyword === 'additionalProperties') return false;
  return isPlaceholder(valueAtPointer(payload, error.instancePath));
}

/** Keys whose schema is marked `deprecated` (compatibility aliases), at the key. */
export function deprecatedFields(json: EmbeddedJson, schema: JsonSchema, derived?: DerivedSkill): PayloadFinding[] {
  const aliases = new Map((derived?.fields ?? []).filter((field) => field.aliasOf).map((field) => [field.name, field.aliasOf as string]));
  const findings: PayloadFinding[] = [];
  const visit = (value: unknown, node: unknown, path: string[]): void => {
    const resolved = resolveRef(node, schema);
    if (!isSchema(resolved) || !isSchema(resolved['properties'])) return;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const properties = resolved['properties'];
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const property = Object.hasOwn(properties, key) ? resolveRef(properties[key], schema) : undefined;
      const pointer = formatPointer([...path, key]);
      if (isSchema(property) && property['deprecated'] === true) {
        const target = path.length === 0 ? aliases.get(key) : undefined;
        const range = json.nodes[pointer]?.key ?? json.range;
        findings.push({
          range,
          message:
            target === undefined
              ? `\`${key}\` is deprecated; see its description in the skill's input schema.`
              : `\`${key}\` is a compatibility alias for \`${target}\`; write \`${target}\` instead.`,
        });
      }
      visit(child, property, [...path, key]);
    }
  };
  visit(json.value, schema, []);
  return findings;
}
