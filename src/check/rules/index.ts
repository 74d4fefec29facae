import type { Rule } from '../rule.js';
import { agentsInterface } from './agents-interface.js';
import { agentsUnknownKey } from './agents-unknown-key.js';
import { fileEncoding } from './file-encoding.js';
import { fileReadable } from './file-readable.js';
import { fileSize } from './file-size.js';
import { frontmatterLanguage } from './frontmatter-language.js';
import { popiartLoader } from './popiart-loader.js';
import { frontmatterPresent } from './frontmatter-present.js';
import { frontmatterSchema } from './frontmatter-schema.js';
import { frontmatterSyntax } from './frontmatter-syntax.js';
import { frontmatterUnknownField } from './frontmatter-unknown-field.js';
import { descriptionLength } from './description-length.js';
import { duplicateName } from './duplicate-name.js';
import { modelTypeMatchesCategory } from './model-type-matches-category.js';
import { nameFormat } from './name-format.js';
import { nameMatchesFolder } from './name-matches-folder.js';
import { skillFileName } from './skill-file-name.js';
import { profileDescriptionRequired } from './profile-description-required.js';
import { recommendedSections } from './recommended-sections.js';
import { requiredSections } from './required-sections.js';
import { singleH1 } from './single-h1.js';
import { tagsIncludeNameParts } from './tags-include-name-parts.js';
import { versionMatchesName } from './version-matches-name.js';
import { cliArguments } from './cli-arguments.js';
import { cliDeprecatedFlag } from './cli-deprecated-flag.js';
import { cliFlagValue } from './cli-flag-value.js';
import { cliUnknownCommand } from './cli-unknown-command.js';
import { cliUnknownFlag } from './cli-unknown-flag.js';
import { commandSyntax } from './command-syntax.js';
import { committedSchemaDrift } from './committed-schema-drift.js';
import { payloadDeprecatedField } from './payload-deprecated-field.js';
import { payloadJson } from './payload-json.js';
import { payloadSchema } from './payload-schema.js';
import { runInput } from './run-input.js';
import { runOtherSkill } from './run-other-skill.js';
import { runUnknownSkill } from './run-unknown-skill.js';
import { skillReferenceSelf } from './skill-reference-self.js';
import { skillReferenceUnknown } from './skill-reference-unknown.js';
import { inputAliasUnknown } from './input-alias-unknown.js';
import { inputAnnotation } from './input-annotation.js';
import { inputFieldDuplicate } from './input-field-duplicate.js';
import { inputFieldUnknown } from './input-field-unknown.js';
import { inputListItem } from './input-list-item.js';
import { bundledFile } from './bundled-file.js';
import { exampleUrl } from './example-url.js';
import { inputAliasUndeclared } from './input-alias-undeclared.js';
import { inputConditionalList } from './input-conditional-list.js';
import { inputSection } from './input-section.js';
import { internalError } from './internal-error.js';
import { disableDirective } from './disable-directive.js';
import { inputFieldNearDuplicate } from './input-field-near-duplicate.js';
import { outputFieldUnknown } from './output-field-unknown.js';

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
  popiartLoader,
  nameFormat,
  skillFileName,
  nameMatchesFolder,
  versionMatchesName,
  modelTypeMatchesCategory,
  descriptionLength,
  profileDescriptionRequired,
  tagsIncludeNameParts,
  singleH1,
  requiredSections,
  recommendedSections,
  duplicateName,
  commandSyntax,
  cliUnknownCommand,
  cliUnknownFlag,
  cliArguments,
  cliFlagValue,
  cliDeprecatedFlag,
  payloadJson,
  payloadSchema,
  payloadDeprecatedField,
  exampleUrl,
  bundledFile,
  runUnknownSkill,
  runOtherSkill,
  runInput,
  skillReferenceUnknown,
  skillReferenceSelf,
  committedSchemaDrift,
  inputSection,
  inputConditionalList,
  inputListItem,
  inputFieldDuplicate,
  inputFieldUnknown,
  inputAnnotation,
  inputAliasUnknown,
  inputAliasUndeclared,
  inputFieldNearDuplicate,
  outputFieldUnknown,
  agentsInterface,
  agentsUnknownKey,
  internalError,
  disableDirective,
];
