import { BashGrammarNotLoaded, loadBashGrammar } from './commands/bash-grammar.js';
import type { FileAnalysis } from './analysis.js';
import type { LintEnvironment } from './environment.js';
import { analyzeFile, type LintInput } from './lint.js';

export { loadBashGrammar };

/**
 * `analyzeFile`, loading the bash grammar first when the file has shell that only the grammar can
 * read (commands/bash-grammar.ts): the file is then analysed again from the start, which is safe
 * because an analysis is a function of its input alone. A run whose shell is all plain never loads it.
 */
export async function analyzeFileLoadingGrammar(input: LintInput, env: LintEnvironment): Promise<FileAnalysis> {
  try {
    return analyzeFile(input, env);
  } catch (error) {
    if (!(error instanceof BashGrammarNotLoaded)) throw error;
    await loadBashGrammar();
    return analyzeFile(input, env);
  }
}
