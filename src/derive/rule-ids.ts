/** The rule ids that report derivation problems (each a module in src/check/rules/). */
export const INPUT_RULE = {
  fieldUnknown: 'input-field-unknown',
  annotation: 'input-annotation',
  fieldDuplicate: 'input-field-duplicate',
  aliasUnknown: 'input-alias-unknown',
  listItem: 'input-list-item',
  section: 'input-section',
} as const;

/** A field name: what a JSON payload key must look like to be listed as a field. */
export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
