import type { Range } from '../../core/diagnostic.js';
import { bodyNodes } from '../../parse/body-nodes.js';
import type { SkillDocument } from '../../parse/skill-document.js';
import { nodeRange } from '../body-structure.js';
import { parseDocumentShell, type ParsedSnippet } from '../commands/document-shell.js';
import { parseShellScript, type ShellParse, type ShellWord } from '../commands/shell-words.js';
import { embeddedRange, inlineCodeText } from '../payload/embedded-text.js';

/** A file of the skill's own folder that the body points to. */
export interface BundledPath {
  /** As written (a link's destination without its query and fragment). */
  path: string;
  range: Range;
  how: 'link' | 'path' | 'script';
}

/** Folders that skills bundle files in (the Agent Skills layout and common variants). */
const BUNDLE_FOLDER = /^(?:\.\/)?(?:references|scripts|assets|templates|examples|resources|data|agents)\/[^\s]*[^\s/.,;:]$/;
const SCRIPT_EXTENSION = /\.(?:py|sh|bash|zsh|js|mjs|cjs|ts|rb|pl)$/;
/** Commands that run a script file named by their first argument that is not an option. */
const INTERPRETERS = new Set(['python', 'python3', 'node', 'bash', 'sh', 'zsh', 'ruby', 'perl', 'tsx', 'bun', 'deno', 'uv']);
/** Subcommands of interpreters that come before the script (`uv run x.py`, `deno run x.ts`). */
const RUNNER_WORDS = new Set(['run']);

/**
 * The relative paths the body points to: link and image destinations, code spans naming a file
 * under a bundle folder (`references/guide.md`), and scripts that shell examples run
 * (`python scripts/generate.py`, `./scripts/run.sh`). Pure.
 */
export function collectBundledPaths(doc: SkillDocument, snippets: readonly ParsedSnippet[] = parseDocumentShell(doc)): BundledPath[] {
  const paths: BundledPath[] = [];
  for (const node of bodyNodes(doc)) {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      const destination = relativeDestination(node.url);
      if (destination !== undefined) paths.push({ path: destination, range: nodeRange(doc, node), how: 'link' });
    } else if (node.type === 'inlineCode') {
      const value = node.value.trim();
      if (BUNDLE_FOLDER.test(value) || /^\.\.\/\S+$/.test(value)) paths.push({ path: value, range: nodeRange(doc, node), how: 'path' });
      else if (INTERPRETERS.has(firstWord(value)) || /^\.\.?\//.test(value)) {
        const text = inlineCodeText(doc.source, node);
        paths.push(...scriptsRun(doc, parseShellScript(text)));
      }
    }
  }
  // Each block is read on its own here: one that the document's shell budget refused is parsed after all.
  for (const snippet of snippets) if (snippet.kind === 'block') paths.push(...scriptsRun(doc, snippet.overBudget ? parseShellScript(snippet.text) : snippet.parsed));
  return paths;
}

/** The text up to the first white space (what `split(/\s+/)[0]` gives, without building every word). */
function firstWord(value: string): string {
  const space = value.search(/\s/);
  return space === -1 ? value : value.slice(0, space);
}

/** A link destination that names a file beside the SKILL.md, or undefined (URL, anchor, absolute path). */
function relativeDestination(url: string): string | undefined {
  if (url === '' || url.startsWith('#') || url.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
  const bare = url.replace(/[?#].*$/s, '');
  if (bare === '') return undefined;
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

function scriptsRun(doc: SkillDocument, parsed: ShellParse): BundledPath[] {
  if (parsed.ok !== true) return [];
  const found: BundledPath[] = [];
  for (const command of parsed.commands) {
    const script = scriptWord(command.words);
    if (script) found.push({ path: script.value, range: embeddedRange(doc.source, script.rawText, 0, script.raw.length), how: 'script' });
  }
  return found;
}

/** `./scripts/run.sh`, or the script an interpreter runs; only relative paths that stay literal. */
function scriptWord(words: readonly ShellWord[]): ShellWord | undefined {
  const [name, ...rest] = words;
  if (!name || name.opaque) return undefined;
  if (/^\.\.?\//.test(name.value)) return name;
  const program = name.value.split('/').pop() ?? '';
  if (!INTERPRETERS.has(program)) return undefined;
  for (const word of rest) {
    if (word.opaque) return undefined;
    if (word.value.startsWith('-') || RUNNER_WORDS.has(word.value)) continue;
    const relative = !word.value.startsWith('/') && !word.value.startsWith('~');
    return relative && (word.value.includes('/') || SCRIPT_EXTENSION.test(word.value)) ? word : undefined;
  }
  return undefined;
}
