import type { Rule } from '../rule.js';
import { fileEncoding } from './file-encoding.js';
import { fileReadable } from './file-readable.js';
import { fileSize } from './file-size.js';
import { frontmatterLanguage } from './frontmatter-language.js';
import { frontmatterPresent } from './frontmatter-present.js';
import { frontmatterSchema } from './frontmatter-schema.js';
import { frontmatterSyntax } from './frontmatter-syntax.js';
import { frontmatterUnknownField } from './frontmatter-unknown-field.js';

/** Every rule, in the order their diagnostics are produced. Add new rules here. */
export const ALL_RULES: readonly Rule[] = [
  fileSize,
  fileEncoding,
  fileReadable,
  frontmatterPresent,
  frontmatterLanguage,
  frontmatterSyntax,
  frontmatterSchema,
  frontmatterUnknownField,
];
