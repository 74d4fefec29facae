import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../src/check/rule.js';
import { exampleSkill } from '../src/check/rules/example-skill.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { lintPaths } from '../src/pipeline.js';
import { FORMATTERS, type FileReport, type FormatContext } from '../src/report/index.js';
import { formatGithub } from '../src/report/github.js';
import { formatJson, jsonReportPieces } from '../src/report/json.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatStylish } from '../src/report/stylish.js';

const CWD = '/repo';
const ODD_FILE = '/repo/skills/odd,name:v1/SKILL.md';
const CLEAN_FILE = '/repo/skills/clean-v1/SKILL.md';
const ODD_URI = 'skills/odd%2Cname%3Av1/SKILL.md';
/** `%`, `:`, `,` and a CRLF: everything the workflow-command escaping has to handle. */
const TRICKY_MESSAGE = 'Value `50%` is not allowed: use one of a, b\r\nor c';

const RULES: Rule[] = [
  {
    id: 'demo-error',
    scope: 'file',
    severity: 'error',
    description: 'Demo values are ones the catalog allows.',
    docs: 'A demo value outside the allowed set\nbreaks publishing.\n\nPick one of the listed values.',
    examples: [],
    check() {},
  },
  {
    id: 'demo-heading-name',
    scope: 'file',
    severity: 'warning',
    description: 'Recommended headings are spelt as the catalog spells them.',
    docs: "Readers look for the catalog's heading names.\n\nRename the heading.",
    examples: [],
    check() {},
  },
];

function diagnostic(ruleId: string, severity: Diagnostic['severity'], message: string, line: number, columns: [number, number]): Diagnostic {
  return { ruleId, severity, message, filePath: ODD_FILE, range: { start: { line, column: columns[0] }, end: { line, column: columns[1] } } };
}

const REPORTS: FileReport[] = [
  {
    filePath: ODD_FILE,
    diagnostics: [
      diagnostic('demo-error', 'error', TRICKY_MESSAGE, 2, [1, 12]),
      diagnostic('demo-heading-name', 'warning', 'Heading `Work flow` should read `Workflow`', 14, [1, 13]),
    ],
  },
  { filePath: CLEAN_FILE, diagnostics: [] },
];

const CONTEXT: FormatContext = { cwd: CWD, rules: RULES, toolVersion: '1.2.3' };

describe('formatters: exact output for a fixed input', () => {
  it('registers the four formats', () => {
    expect(Object.keys(FORMATTERS)).toEqual(['stylish', 'json', 'github', 'sarif']);
  });

  it('stylish groups by file, one line per problem, then a summary', () => {
    expect(formatStylish(REPORTS, CONTEXT)).toBe(
      [
        'skills/odd,name:v1/SKILL.md',
        '  2:1   error    Value `50%` is not allowed: use one of a, b or c  demo-error',
        '  14:1  warning  Heading `Work flow` should read `Workflow`  demo-heading-name',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '',
      ].join('\n'),
    );
  });

  it('stylish shows each path relative to the folder, also outside it, and a warning-only run in yellow', () => {
    const warning = diagnostic('demo-heading-name', 'warning', 'Heading `Work flow` should read `Workflow`', 3, [1, 13]);
    const reports = ['/repo/skills/a-v1/SKILL.md', '/elsewhere/b-v1/SKILL.md', '/repo/../repo/skills/c-v1/SKILL.md', '/repo'].map((filePath) => ({ filePath, diagnostics: [{ ...warning, filePath }] }));
    const lines = formatStylish(reports, { ...CONTEXT, color: true }).split('\n');
    expect(lines.filter((line) => line.startsWith('\x1b[4m'))).toEqual(
      ['skills/a-v1/SKILL.md', '../elsewhere/b-v1/SKILL.md', 'skills/c-v1/SKILL.md', '/repo'].map((shown) => `\x1b[4m${shown}\x1b[24m`),
    );
    expect(lines[1]).toBe('  \x1b[2m3:1\x1b[22m  \x1b[33mwarning\x1b[39m  Heading `Work flow` should read `Workflow`  \x1b[2mdemo-heading-name\x1b[22m');
    expect(lines.at(-2)).toBe('\x1b[1m\x1b[33m✖ 4 problems (0 errors, 4 warnings)\x1b[39m\x1b[22m');
  });

  it('stylish prints nothing when there is no problem', () => {
    expect(formatStylish([{ filePath: CLEAN_FILE, diagnostics: [] }], CONTEXT)).toBe('');
  });

  it("json is ESLint's json formatter shape, every file included", () => {
    expect(formatJson(REPORTS, CONTEXT)).toBe(
      '[{"filePath":"/repo/skills/odd,name:v1/SKILL.md","messages":[' +
        '{"ruleId":"demo-error","severity":2,"message":"Value `50%` is not allowed: use one of a, b\\r\\nor c","line":2,"column":1,"nodeType":null,"endLine":2,"endColumn":12},' +
        '{"ruleId":"demo-heading-name","severity":1,"message":"Heading `Work flow` should read `Workflow`","line":14,"column":1,"nodeType":null,"endLine":14,"endColumn":13}],' +
        '"suppressedMessages":[],"errorCount":1,"fatalErrorCount":0,"warningCount":1,"fixableErrorCount":0,"fixableWarningCount":0,"usedDeprecatedRules":[]},' +
        '{"filePath":"/repo/skills/clean-v1/SKILL.md","messages":[],"suppressedMessages":[],"errorCount":0,"fatalErrorCount":0,"warningCount":0,"fixableErrorCount":0,"fixableWarningCount":0,"usedDeprecatedRules":[]}]\n',
    );
  });

  it('json in pieces is the same text, piece by piece as large as asked', () => {
    const withFix: FileReport = {
      filePath: '/repo/skills/fixed-v1/input_schema.json',
      diagnostics: [
        {
          ruleId: 'committed-schema-drift',
          severity: 'error',
          message: 'drift',
          filePath: '/repo/skills/fixed-v1/input_schema.json',
          range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
          fix: { range: [0, 2], text: '{\n  "type": "object"\n}\n' },
        },
      ],
      output: 'fixed text',
    };
    const all = [...REPORTS, withFix];
    for (const reports of [[], REPORTS, all]) {
      expect([...jsonReportPieces(reports)].join('')).toBe(formatJson(reports, CONTEXT));
      expect([...jsonReportPieces(reports, 1)].join('')).toBe(formatJson(reports, CONTEXT));
    }
    expect([...jsonReportPieces([])]).toEqual(['[]\n']);
    // Size 1: a piece as soon as a file is written, and the closing bracket alone.
    const pieces = [...jsonReportPieces(all, 1)];
    expect(pieces).toHaveLength(all.length + 1);
    expect(pieces.at(-1)).toBe(']\n');
    expect(pieces[2]?.startsWith(',{"filePath":"/repo/skills/fixed-v1/input_schema.json"')).toBe(true);
  });

  it('github prints one escaped workflow command per diagnostic and nothing else', () => {
    expect(formatGithub(REPORTS, CONTEXT)).toBe(
      '::error file=skills/odd%2Cname%3Av1/SKILL.md,line=2,col=1,endLine=2,endColumn=12,title=demo-error::Value `50%25` is not allowed: use one of a, b%0D%0Aor c\n' +
        '::warning file=skills/odd%2Cname%3Av1/SKILL.md,line=14,col=1,endLine=14,endColumn=13,title=demo-heading-name::Heading `Work flow` should read `Workflow`\n',
    );
    expect(formatGithub([{ filePath: CLEAN_FILE, diagnostics: [] }], CONTEXT)).toBe('');
  });

  it('sarif describes the rules and each result with a relative URI, region and fingerprint', () => {
    const help = (id: string, docs: string) => `${docs}\n\nExamples: \`skillhub rules ${id}\`.`;
    const expected = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'skillhub',
              version: '1.2.3',
              semanticVersion: '1.2.3',
              rules: [
                {
                  id: 'demo-error',
                  name: 'DemoError',
                  shortDescription: { text: 'Demo values are ones the catalog allows.' },
                  fullDescription: { text: 'A demo value outside the allowed set breaks publishing.' },
                  help: {
                    text: help('demo-error', 'A demo value outside the allowed set\nbreaks publishing.\n\nPick one of the listed values.'),
                    markdown: help('demo-error', 'A demo value outside the allowed set\nbreaks publishing.\n\nPick one of the listed values.'),
                  },
                  defaultConfiguration: { level: 'error' },
                  properties: { tags: ['skillhub', 'demo'] },
                },
                {
                  id: 'demo-heading-name',
                  name: 'DemoHeadingName',
                  shortDescription: { text: 'Recommended headings are spelt as the catalog spells them.' },
                  fullDescription: { text: "Readers look for the catalog's heading names." },
                  help: {
                    text: help('demo-heading-name', "Readers look for the catalog's heading names.\n\nRename the heading."),
                    markdown: help('demo-heading-name', "Readers look for the catalog's heading names.\n\nRename the heading."),
                  },
                  defaultConfiguration: { level: 'warning' },
                  properties: { tags: ['skillhub', 'demo'] },
                },
              ],
            },
          },
          originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///repo/' } },
          results: [
            {
              ruleId: 'demo-error',
              ruleIndex: 0,
              level: 'error',
              message: { text: TRICKY_MESSAGE },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: ODD_URI, uriBaseId: '%SRCROOT%' },
                    region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 12 },
                  },
                },
              ],
              partialFingerprints: { 'skillhub/v1': '7540b64d87f633e8869680ed6242b92cda9b7acf5736c4fbb05e58cbfc918d2b' },
            },
            {
              ruleId: 'demo-heading-name',
              ruleIndex: 1,
              level: 'warning',
              message: { text: 'Heading `Work flow` should read `Workflow`' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: ODD_URI, uriBaseId: '%SRCROOT%' },
                    region: { startLine: 14, startColumn: 1, endLine: 14, endColumn: 13 },
                  },
                },
              ],
              partialFingerprints: { 'skillhub/v1': 'cebade878ea1a6f39b65d06f1c014010aa291b3aa3967d881e235c78e09e7a0b' },
            },
          ],
          columnKind: 'utf16CodeUnits',
        },
      ],
    };
    const output = formatSarif(REPORTS, CONTEXT);
    expect(output).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(formatSarif(REPORTS, CONTEXT)).toBe(output);
  });
});

describe('sarif fingerprints', () => {
  const fingerprints = (reports: FileReport[]) =>
    (JSON.parse(formatSarif(reports, CONTEXT)) as { runs: [{ results: Array<{ partialFingerprints: Record<string, string> }> }] }).runs[0].results.map(
      (result) => result.partialFingerprints['skillhub/v1'],
    );
  const warning = (line: number) => diagnostic('demo-heading-name', 'warning', 'Heading `Work flow` should read `Workflow`', line, [1, 13]);

  it('do not change when the lines above a problem move', () => {
    expect(fingerprints([{ filePath: ODD_FILE, diagnostics: [warning(14)] }])).toEqual(
      fingerprints([{ filePath: ODD_FILE, diagnostics: [warning(20)] }]),
    );
  });

  it('differ for the same problem twice in one file, and in another file', () => {
    const [first, second] = fingerprints([{ filePath: ODD_FILE, diagnostics: [warning(14), warning(30)] }]);
    expect(first).not.toBe(second);
    const [elsewhere] = fingerprints([{ filePath: CLEAN_FILE, diagnostics: [{ ...warning(14), filePath: CLEAN_FILE }] }]);
    expect(elsewhere).not.toBe(first);
  });
});

describe('sarif output validates against the SARIF 2.1.0 JSON Schema', () => {
  // @microsoft/jest-sarif ships the schema file; it is draft-04, hence ajv-draft-04. Its `language`
  // pattern has a stray `]` that is only legal without the regexp `u` flag, hence unicodeRegExp.
  const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  const errorsOf = (log: unknown) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'skillhub-sarif-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('accepts the fixed output', () => {
    expect(errorsOf(JSON.parse(formatSarif(REPORTS, CONTEXT)))).toEqual([]);
  });

  it('rejects a log that breaks the schema (the check is not vacuous)', () => {
    const log = JSON.parse(formatSarif(REPORTS, CONTEXT)) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    (log.runs[0]!.results[0] as Record<string, unknown>)['level'] = 'fatal';
    expect(errorsOf(log).length).toBeGreaterThan(0);
  });

  it('accepts a real run over every rule, with each ruleIndex naming its rule', async () => {
    const skill = path.join(root, 'skills', 'popiskill-image-text2image-demo-v1');
    await mkdir(skill, { recursive: true });
    await writeFile(path.join(skill, 'SKILL.md'), exampleSkill({ frontMatter: 'name: 5\nestimated_duration_s: -5\nsurprise: yes' }));
    const { results, env } = await lintPaths(['skills'], root);
    const log = JSON.parse(formatSarif(results, { cwd: root, rules: env.rules, toolVersion: '0.1.0' })) as {
      runs: [{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number }> }];
    };
    expect(errorsOf(log)).toEqual([]);
    const [run] = log.runs;
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(env.rules.map((rule) => rule.id));
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });
});
