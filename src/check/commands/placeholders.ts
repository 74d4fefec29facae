import { isPlaceholder } from '../payload/check-payload.js';

/**
 * Words a document writes for what the reader fills in. They are skipped, not checked: as a
 * subcommand they stop the check of the command, as an argument or a flag value they are accepted.
 */

/** Stands for one word: `<skill-id>`, `{skill_id}`. */
export function isWordPlaceholder(value: string): boolean {
  return isPlaceholder(value) || /^\{[A-Za-z_][\w.-]*\}$/.test(value);
}

/** Stands for any number of words: `...`, `…`, `[options]`. (`\u2026` is `…`: the CLI bundle is ASCII, scripts/build-cli-bundle.mjs.) */
export function isElision(value: string): boolean {
  return /^(?:\.{3}|\u2026)$/.test(value) || /^\[[^[\]]+\]$/.test(value);
}

/** A value elided in an example: `{...}`, `[…]`. */
export function isElidedValue(value: string): boolean {
  return /^\s*(?:\{\s*(?:\.{3}|\u2026)\s*\}|\[\s*(?:\.{3}|\u2026)\s*\])\s*$/.test(value);
}

export function isCommandPlaceholder(value: string): boolean {
  return isWordPlaceholder(value) || isElision(value);
}
