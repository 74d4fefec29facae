import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { PACKAGE_ROOT, readProjectJson } from '../core/project-files.js';
import type { JsonSchema } from '../derive/index.js';
import { extendVocabulary, readVocabularyFile, vocabularyCompileProblem, vocabularyFromValid, type FieldVocabulary, type VocabularyFile, type Checked } from '../derive/vocabulary.js';
import { UsageError } from './discover.js';
import { projectSchemaText, projectSchemaValidator, vocabularyVerifiedByBuild } from '../check/static-validators.js';

/** A vocabulary file that cannot be used; the CLI prints it and exits 2. */
export class VocabularyError extends UsageError {}

export const VOCABULARY_FILE = 'schemas/input-fields.json';

/**
 * Reads the built-in field vocabulary and, when `root` holds its own schemas/input-fields.json,
 * extends it with that file. Both are validated against schemas/input-fields.schema.json.
 */
export function loadVocabulary(ajvOrFactory: Ajv2020 | (() => Ajv2020), root?: string, file?: string): FieldVocabulary {
  const ajv = typeof ajvOrFactory === 'function' ? ajvOrFactory : () => ajvOrFactory;
  let validator: ValidateFunction | undefined;
  const validate = () => (validator ??= projectSchemaValidator('vocabularyFile', ajv).validate);
  const builtInPath = fileURLToPath(new URL(VOCABULARY_FILE, PACKAGE_ROOT));
  const builtIn = readBuiltIn(readFileSync(builtInPath, 'utf8'), validate);
  if (!builtIn.ok) throw new VocabularyError(`the built-in field vocabulary is broken: ${builtIn.message}`);
  const base: FieldVocabulary = { ...builtIn.value, jobResult: readProjectJson('job-result.schema.json') as JsonSchema };
  if (root === undefined && file === undefined) return base;

  const ownPath = file ?? path.resolve(root as string, VOCABULARY_FILE);
  if (!existsSync(ownPath) || sameFile(ownPath, builtInPath)) return base;
  const relative = path.relative(process.cwd(), ownPath);
  const label = relative.startsWith('..') || path.isAbsolute(relative) ? ownPath : relative;
  let text: string;
  try {
    text = readFileSync(ownPath, 'utf8');
  } catch (error) {
    throw new VocabularyError(`${label}: cannot read the field vocabulary (${(error as NodeJS.ErrnoException).code ?? 'read failed'})`);
  }
  const own = readVocabularyFile(label, text, validate());
  if (!own.ok) throw new VocabularyError(own.message);
  const compileProblem = vocabularyCompileProblem(ajv(), own.value, label);
  if (compileProblem) throw new VocabularyError(compileProblem);
  const extended = extendVocabulary(base, own.value, label);
  if (!extended.ok) throw new VocabularyError(extended.message);
  return extended.value;
}

/** The built-in vocabulary: parsed as it is when the build checked this very text against this schema, else checked. */
function readBuiltIn(text: string, validate: () => ValidateFunction): Checked<VocabularyFile> {
  if (vocabularyVerifiedByBuild(text, projectSchemaText('vocabularyFile'))) return { ok: true, value: vocabularyFromValid(JSON.parse(text)) };
  return readVocabularyFile(VOCABULARY_FILE, text, validate());
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
