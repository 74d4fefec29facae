import type { ShellReadings } from './commands/shell-words.js';
import type { Ajv2020, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { ajvRuntime } from './ajv-runtime.js';
import type { FieldVocabulary } from '../derive/vocabulary.js';
import { DEFAULT_MAX_FILE_SIZE } from '../load/decode.js';
import { loadVocabulary } from '../load/vocabulary.js';
import { loadPopiartCli, type CliSurface } from './commands/cli-surface.js';
import type { AgentsContract, AgentsSchema } from './agents-openai.js';
import { createPayloadValidators, LINT_TIME_AJV_OPTIONS, type PayloadValidators } from './payload/payload-validators.js';
import type { Rule } from './rule.js';
import { projectSchemaValidator } from './static-validators.js';
import type { RulePolicy } from '../config/policy.js';
import { loadCliSurfaceFile } from '../config/cli-surface-file.js';
import { ALL_RULES } from './rules/index.js';

export interface LintOptions {
  maxFileSize: number;
  /** A catalog folder whose own schemas/input-fields.json extends the built-in field vocabulary. */
  root?: string;
  /** A vocabulary file named by skillhub.config.json, used instead of `<root>/schemas/input-fields.json`. */
  vocabularyFile?: string;
  /** A popiart CLI surface file named by skillhub.config.json, instead of the shipped one. */
  cliSurfaceFile?: string;
  /** A build: each analysis also carries the file's publication (src/publish/file-step.ts). */
  publish?: boolean;
}

export interface FrontMatterContract {
  schema: { properties: Record<string, unknown>; required: string[] };
  validate: ValidateFunction;
  knownFields: readonly string[];
}

/**
 * Everything the checks need that is built once per run: compiled validators, vocabularies,
 * the rule list. Passed explicitly; nothing here is module-level state.
 */
export interface LintEnvironment {
  options: LintOptions;
  rules: readonly Rule[];
  ajv: Ajv2020;
  frontMatter: FrontMatterContract;
  /** The field vocabulary (schemas/input-fields.json, extended by the catalog root's own). */
  vocabulary: FieldVocabulary;
  /** The popiart CLI surface (schemas/popiart-cli.json) that command examples are checked against. */
  popiartCli: CliSurface;
  /** Input schemas compiled during this run for payload checks, with their own lint-time ajv. */
  payloadValidators: PayloadValidators;
  /** schemas/agents-openai.schema.json, for a skill's agents/openai.yaml. */
  agentsOpenAi: AgentsContract;
  /** skillhub.config.json's severities and the unused-directive setting; none for rule examples. */
  policy?: RulePolicy;
  /** Shell example texts read earlier in this run: a text repeated across skills is parsed once. */
  shellReadings: ShellReadings;
}

export function createAjv(overrides: Options = {}): Ajv2020 {
  // ownProperties: a field named `toString` or `constructor` is absent unless the payload has it.
  const { Ajv2020, addFormats } = ajvRuntime();
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, ownProperties: true, ...overrides });
  addFormats(ajv);
  return ajv;
}

export function createLintEnvironment(options: Partial<LintOptions> = {}, rules: readonly Rule[] = ALL_RULES): LintEnvironment {
  // The strict ajv is made only when something must be compiled now: the project's own schemas
  // come as code generated at build time (static-validators.ts), so a usual run never needs it.
  let ajv: Ajv2020 | undefined;
  const strictAjv = () => (ajv ??= createAjv());
  const frontMatter = projectSchemaValidator<FrontMatterContract['schema']>('frontMatter', strictAjv);
  const agents = projectSchemaValidator<AgentsSchema>('agents', strictAjv);
  const vocabulary = loadVocabulary(strictAjv, options.root, options.vocabularyFile);
  return {
    options: {
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      ...(options.vocabularyFile === undefined ? {} : { vocabularyFile: options.vocabularyFile }),
      ...(options.cliSurfaceFile === undefined ? {} : { cliSurfaceFile: options.cliSurfaceFile }),
      ...(options.publish ? { publish: true } : {}),
    },
    rules,
    get ajv() {
      return strictAjv();
    },
    frontMatter: { ...frontMatter, knownFields: Object.keys(frontMatter.schema.properties) },
    vocabulary,
    popiartCli: options.cliSurfaceFile === undefined ? loadPopiartCli() : loadCliSurfaceFile(strictAjv(), options.cliSurfaceFile),
    payloadValidators: createPayloadValidators(vocabulary.input, () => createAjv(LINT_TIME_AJV_OPTIONS)),
    agentsOpenAi: agents,
    shellReadings: new Map(),
  };
}
