import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createLintEnvironment } from '../src/check/environment.js';
import { analyzeFile } from '../src/check/lint.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { parseSkillDocument } from '../src/parse/skill-document.js';
import { filePublicationOf, sectionRendersFromTree } from '../src/publish/file-step.js';
import { skillSectionsOf } from '../src/publish/skill-sections.js';
import { blocksToHtml, markdownToHtml } from '../src/site/markdown-html.js';
import { mulberry32 } from './support/seeded-random.js';

/*
 * The per-file publication (src/publish/file-step.ts) must give exactly what the build made from
 * the file alone: skillSectionsOf's Markdown, and markdownToHtml of each section for the page,
 * whether it renders the document's own nodes or parses the section again.
 */

const FRONT = '---\nname: popiskill-image-edit-x-v1\ndescription: d\n---\n\n# Title\n\n';

/** Section bodies, some of which the document's nodes cannot stand for (the cut-out text parses differently). */
const BODIES = [
  '1. First step\n2. Second with `code`',
  '```sh\npopiart run x --input @params.json\n```',
  '    indented code first\n\nthen text',
  'text then\n\n    indented code last   ',
  '  two-space indented paragraph\n  - and a list',
  '- item\n\n  second paragraph\n- next *em* **strong** [link](https://x.y) [rel](x)',
  '> quote\nlazy line\n\n<div>html</div>',
  'See [the ref] and [x][ref].\n\n[ref]: https://example.com "T"',
  '### Sub heading\n\ntext &amp; entities &#65; \\* escaped',
  '- a\n    - b\n\t- tab',
  '```\nunclosed fence\n\n## Not a heading inside the fence',
  'trailing spaces   \nnext line',
  '***\n\n1) paren list\n2) two',
  '',
];

function generated(seed: number, count: number): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const names = ['Workflow', 'Command pattern', 'Output handling', 'Operating guidance', 'Other', 'workflow'];
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    let doc = FRONT;
    const sections = 1 + Math.floor(random() * 5);
    for (let j = 0; j < sections; j++) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(BODIES));
      doc += `## ${pick(names)}\n\n${parts.join(pick(['\n\n', '\n\n\n']))}\n\n`;
    }
    const endings = random();
    if (endings < 0.1) doc = doc.replace(/\n/g, '\r\n');
    docs.push(doc);
  }
  return docs;
}

describe('filePublicationOf', () => {
  it('gives skillSectionsOf and markdownToHtml of each section on generated documents, most from the tree', () => {
    let fromTree = 0;
    let sections = 0;
    for (const text of generated(13, 400)) {
      const doc = parseSkillDocument('/c/x/SKILL.md', text);
      const publication = filePublicationOf(doc, text);
      expect(publication.sections).toEqual(skillSectionsOf('/c/x/SKILL.md', text));
      expect(Object.keys(publication.sectionHtml)).toEqual(Object.keys(publication.sections));
      for (const [name, markdown] of Object.entries(publication.sections)) {
        expect(publication.sectionHtml[name as keyof typeof publication.sectionHtml], `${name} of:\n${text}`).toBe(markdownToHtml(markdown));
        sections++;
      }
      for (const section of doc.sections) if (sectionRendersFromTree(section, text)) fromTree++;
    }
    expect(sections).toBeGreaterThan(500);
    expect(fromTree).toBeGreaterThan(100);
  });

  it('renders from the tree only what stands alone', () => {
    const cases: Array<[string, boolean]> = [
      ['1. First step\n2. Second', true],
      ['    indented code first', false],
      ['text\n\n    indented code last   ', false],
      ['  indented paragraph', false],
      ['See [x][ref].\n\n[ref]: https://example.com', false],
      ['text\r\nmore', false],
    ];
    for (const [body, expected] of cases) {
      const text = `${FRONT}## Workflow\n\n${body}\n\n## Other\n\nx\n`;
      const doc = parseSkillDocument('/c/x/SKILL.md', text);
      const workflow = doc.sections.find((section) => section.key === 'workflow');
      expect(workflow && sectionRendersFromTree(workflow, text), body).toBe(expected);
      if (expected && workflow) expect(blocksToHtml(workflow.children)).toBe(markdownToHtml(body));
    }
  });

  it('is on the analysis of a build (LintOptions.publish) only', () => {
    const text = `${FRONT}## Workflow\n\n1. One\n2. Two\n`;
    const input = { filePath: '/c/popiskill-image-edit-x-v1/SKILL.md', decoded: decodeSkillBytes(Buffer.from(text, 'utf8')) };
    expect(analyzeFile(input, createLintEnvironment({})).publication).toBeUndefined();
    expect(analyzeFile(input, createLintEnvironment({ publish: true })).publication).toEqual({
      sections: { workflow: '1. One\n2. Two' },
      sectionHtml: { workflow: '<ol><li>One</li><li>Two</li></ol>' },
      // The record says why this skill cannot be published, as the build reports it.
      record: {
        ok: false,
        problems: [
          'front matter `version` must be non-empty text',
          'front matter `model_type` must be non-empty text',
          'front matter `tags` must be a list of text',
          'front matter `estimated_duration_s` must be a whole number',
        ],
      },
    });
  });

  it('crosses a worker thread with the analysis (the compiled analysis worker)', async () => {
    const inputs = generated(7, 6).map((text, at) => ({
      filePath: `/c/popiskill-image-edit-x${at}-v1/SKILL.md`,
      decoded: decodeSkillBytes(Buffer.from(text, 'utf8')),
    }));
    const env = createLintEnvironment({ publish: true });
    const expected = inputs.map((input) => analyzeFile(input, env).publication);
    const worker = new Worker(new URL('../dist/check/analysis-worker.js', import.meta.url), { workerData: { publish: true } });
    try {
      const answers: Array<{ from: number; analyses: Array<{ publication?: unknown }> }> = [];
      const answered = new Promise<void>((resolve, reject) => {
        worker.on('message', (answer: (typeof answers)[number]) => {
          // The first message says the worker is ready.
          if (answers.push(answer) === 1) worker.postMessage({ from: 0, jobs: inputs.map((input) => ({ input })) });
          else resolve();
        });
        worker.once('error', reject);
      });
      await answered;
      expect(answers[1]?.analyses.map((analysis) => analysis.publication)).toEqual(expected);
      expect(expected.every((publication) => publication !== undefined)).toBe(true);
    } finally {
      await worker.terminate();
    }
  });
});
