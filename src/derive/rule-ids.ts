/** The rule ids that report derivation problems (each a module in src/check/rules/). */
export const INPUT_RULE = {
  fieldUnknown: 'input-field-unknown',
  annotation: 'input-annotation',
  fieldDuplicate: 'input-field-duplicate',
  aliasUnknown: 'input-alias-unknown',
  listItem: 'input-list-item',
  section: 'input-section',
  conditionalList: 'input-conditional-list',
} as const;

/**
 * A field name: what a JSON payload key must look like to be listed as a field. Not `__proto__`,
 * which JavaScript JSON tools (ajv among them) treat as the object's prototype.
 */
export const FIELD_NAME = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]*$/;
