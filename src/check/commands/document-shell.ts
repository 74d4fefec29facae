import type { SkillDocument } from '../../parse/skill-document.js';
import { shellSnippets, type ShellSnippet } from './code-snippets.js';
import { documentShellBudget, MAX_SCRIPT_LENGTH, parseShellScript, type ShellParse, type ShellReadings } from './shell-words.js';

/** A shell snippet of the document with its parse. */
export interface ParsedSnippet extends ShellSnippet {
  parsed: ShellParse;
  /** Refused only because the document's earlier examples used up its shell budget. */
  overBudget: boolean;
}

/**
 * The document's shell snippets, each parsed once under the document's shell budget, for every
 * reader of the examples (the commands and the scripts they run): tree-sitter is the costly part.
 */
export function parseDocumentShell(doc: SkillDocument, readings?: ShellReadings): ParsedSnippet[] {
  const budget = documentShellBudget(readings);
  return shellSnippets(doc).map((snippet) => {
    const length = snippet.text.text.length;
    const overBudget = length <= MAX_SCRIPT_LENGTH && length > budget.remaining;
    return { ...snippet, parsed: parseShellScript(snippet.text, budget), overBudget };
  });
}
