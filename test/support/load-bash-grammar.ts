import { loadBashGrammar } from '../../src/check/commands/bash-grammar.js';

await loadBashGrammar();
