import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintEnvironment } from '../check/environment.js';
import type { Diagnostic, Range } from '../core/diagnostic.js';
import { loadConfigFor } from '../config/load.js';
import { deriveSkill } from '../derive/index.js';
import { parseSkillDocument } from '../parse/skill-document.js';
import { lintPaths } from '../pipeline.js';
import { fieldHover, inCodeBlock, inputFieldCompletions, payloadKeyCompletions, sectionKeyAt, wordAt } from './knowledge.js';

/** How long typing must pause before a document is linted again. */
export const DEBOUNCE_MS = 200;

const INPUT_SECTIONS = new Set(['required input', 'optional input']);

function toLspRange(range: Range) {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

/** The skills folder of a SKILL.md: the folder that holds its skill folder. */
function skillsFolderOf(filePath: string): string {
  return path.dirname(path.dirname(filePath));
}

/**
 * The language server: each open SKILL.md is linted with its whole catalog (the same pipeline and
 * configuration as `skillhub validate`, with the editor's unsaved texts), debounced per document.
 */
export function startLanguageServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, NodeJS.Timeout>();
  const lastDiagnostics = new Map<string, Diagnostic[]>();
  const environments = new Map<string, LintEnvironment>();
  let queue: Promise<void> = Promise.resolve();

  const filePathOf = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

  async function lintCatalogOf(uri: string): Promise<void> {
    const filePath = filePathOf(uri);
    if (!filePath) return;
    const skillsFolder = skillsFolderOf(filePath);
    const overlay = new Map<string, string>();
    for (const open of documents.all()) {
      const openPath = filePathOf(open.uri);
      if (openPath && skillsFolderOf(openPath) === skillsFolder) overlay.set(openPath, open.getText());
    }
    try {
      const config = await loadConfigFor([skillsFolder], skillsFolder);
      const { results, env } = await lintPaths([skillsFolder], skillsFolder, { root: path.dirname(skillsFolder) }, { concurrency: 'off', config, overlay });
      environments.set(skillsFolder, env);
      for (const openPath of overlay.keys()) {
        const diagnostics = results.filter((result) => result.filePath === openPath).flatMap((result) => result.diagnostics);
        const openUri = pathToFileURL(openPath).href;
        lastDiagnostics.set(openUri, diagnostics);
        await connection.sendDiagnostics({ uri: openUri, diagnostics: diagnostics.map(toLspDiagnostic) });
      }
    } catch (error) {
      // A broken configuration or vocabulary: say so on the document instead of failing.
      await connection.sendDiagnostics({
        uri,
        diagnostics: [{ range: toLspRange({ start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }), severity: DiagnosticSeverity.Error, source: 'skillhub', message: (error as Error).message }],
      });
    }
  }

  function schedule(uri: string): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        queue = queue.then(() => lintCatalogOf(uri));
      }, DEBOUNCE_MS),
    );
  }

  function environmentFor(uri: string): LintEnvironment | undefined {
    const filePath = filePathOf(uri);
    return filePath ? environments.get(skillsFolderOf(filePath)) : undefined;
  }

  function parsed(uri: string) {
    const document = documents.get(uri);
    const filePath = filePathOf(uri);
    if (!document || !filePath) return undefined;
    const doc = parseSkillDocument(filePath, document.getText().replace(/^\uFEFF/, ''));
    const env = environmentFor(uri);
    return { document, doc, env, derived: env ? deriveSkill(doc, env.vocabulary) : undefined };
  }

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      completionProvider: { triggerCharacters: ['`', '"'] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'skillhub' },
  }));

  documents.onDidOpen((event) => schedule(event.document.uri));
  documents.onDidChangeContent((event) => schedule(event.document.uri));
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    lastDiagnostics.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const actions: CodeAction[] = [];
    for (const diagnostic of lastDiagnostics.get(params.textDocument.uri) ?? []) {
      if (!diagnostic.fix) continue;
      const lspDiagnostic = toLspDiagnostic(diagnostic);
      const wanted = params.context.diagnostics.some(
        (d) => d.code === diagnostic.ruleId && d.range.start.line === lspDiagnostic.range.start.line && d.range.start.character === lspDiagnostic.range.start.character,
      );
      if (!wanted) continue;
      const [start, end] = diagnostic.fix.range;
      const bom = document.getText().startsWith('\uFEFF') ? 1 : 0;
      actions.push({
        title: `Fix: ${diagnostic.message}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lspDiagnostic],
        isPreferred: true,
        edit: {
          changes: {
            [params.textDocument.uri]: [{ range: { start: document.positionAt(start + bom), end: document.positionAt(end + bom) }, newText: diagnostic.fix.text }],
          },
        },
      });
    }
    return actions;
  });

  connection.onHover((params) => {
    const state = parsed(params.textDocument.uri);
    if (!state?.env) return null;
    const text = state.document.getText();
    const word = wordAt(text, state.document.offsetAt(params.position), /[A-Za-z0-9_]/);
    if (!word) return null;
    const markdown = fieldHover(word.text, state.derived, state.env.vocabulary);
    if (!markdown) return null;
    return { contents: { kind: 'markdown', value: markdown }, range: { start: state.document.positionAt(word.start), end: state.document.positionAt(word.end) } };
  });

  connection.onCompletion((params) => {
    const state = parsed(params.textDocument.uri);
    if (!state?.env) return [];
    const line = params.position.line + 1;
    const section = sectionKeyAt(state.doc, line);
    const inCode = inCodeBlock(state.doc, line);
    const items =
      section !== undefined && INPUT_SECTIONS.has(section) && !inCode
        ? inputFieldCompletions(state.derived, state.env.vocabulary)
        : section === 'payload template' && inCode
          ? payloadKeyCompletions(state.derived)
          : [];
    return items.map((item) => ({ label: item.name, kind: CompletionItemKind.Field, detail: item.detail }));
  });

  connection.onDefinition((params) => {
    const document = documents.get(params.textDocument.uri);
    const filePath = filePathOf(params.textDocument.uri);
    if (!document || !filePath) return null;
    const word = wordAt(document.getText(), document.offsetAt(params.position), /[a-z0-9-]/);
    if (!word || !/^popiskill-[a-z0-9-]+-v[1-9][0-9]*$/.test(word.text)) return null;
    const target = path.join(skillsFolderOf(filePath), word.text, 'SKILL.md');
    if (!existsSync(target)) return null;
    return { uri: pathToFileURL(target).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  });

  documents.listen(connection);
  connection.listen();
}

function toLspDiagnostic(diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: toLspRange(diagnostic.range),
    severity: diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.ruleId,
    source: 'skillhub',
    message: diagnostic.message,
  };
}
