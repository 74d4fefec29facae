import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../src/publish/build.js';
import { skillSectionsOf } from '../src/publish/skill-sections.js';
import { createLintEnvironment } from '../src/check/environment.js';
import { analyzeFile } from '../src/check/lint.js';
import { exampleSkill } from '../src/check/rules/example-skill.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { codeForScript, jsonForScript } from '../src/site/html.js';
import { inputRowsOf } from '../src/site/input-rows.js';
import { markdownToHtml } from '../src/site/markdown-html.js';
import { readSiteScript } from '../src/site/render-site.js';
import { createValidatorCompiler, ValidatorCodeError } from '../src/site/validator-code.js';
import { IDS, sourceOf } from './publish-fixtures.js';

const SKILL = `---
name: x
---

# X

## Workflow

1. First step\r
2. Second with \`code\`

## Command pattern

\`\`\`sh
popiart run x --input @params.json
\`\`\`

## Output handling

## Operating guidance

- keep it short
`;

describe('the published sections of a SKILL.md', () => {
  it('keeps each section as written, without its heading, LF line ends, and leaves out empty ones', () => {
    expect(skillSectionsOf('/x/SKILL.md', `\uFEFF${SKILL}`)).toEqual({
      workflow: '1. First step\n2. Second with `code`',
      command_pattern: '```sh\npopiart run x --input @params.json\n```',
      operating_guidance: '- keep it short',
    });
  });

  it('are cut by the section spans the per-file analysis records exactly as parsing the text again gives them', () => {
    const env = createLintEnvironment();
    for (const text of [`\uFEFF${SKILL}`, SKILL.replaceAll('\n', '\r\n'), exampleSkill()]) {
      const analysis = analyzeFile({ filePath: '/c/x/SKILL.md', decoded: decodeSkillBytes(new TextEncoder().encode(text)) }, env);
      expect(analysis.facts.sectionSpans?.length).toBeGreaterThanOrEqual(3);
      expect(skillSectionsOf('/c/x/SKILL.md', text, analysis.facts.sectionSpans)).toEqual(skillSectionsOf('/c/x/SKILL.md', text));
    }
    expect(skillSectionsOf('/c/x/SKILL.md', exampleSkill(), [['workflow', 0, 0]])).toEqual({});
  });

  it('are published in the full record with profile_description and the SKILL.md path, not in the summary', () => {
    const source = { ...sourceOf(IDS.alpha), sections: { workflow: '1. go' } };
    source.frontMatter = { ...source.frontMatter, default_profile: true, profile_description: 'The baseline.' };
    const result = buildCatalog([source]);
    if (!result.ok) throw new Error('build failed');
    const skill = JSON.parse(result.catalog.files.get(`skills/${IDS.alpha}.json`) as string) as Record<string, unknown>;
    expect([skill['sections'], skill['profile_description'], skill['skill_md_path']]).toEqual([{ workflow: '1. go' }, 'The baseline.', `skills/${IDS.alpha}/SKILL.md`]);
    const summary = (JSON.parse(result.catalog.files.get('catalog.json') as string) as { skills: Array<Record<string, unknown>> }).skills[0];
    expect(Object.keys(summary ?? {}).filter((key) => ['sections', 'profile_description', 'skill_md_path'].includes(key))).toEqual([]);
  });
});

describe('the inputs table', () => {
  it('reads type, requirement, groups, range, enumeration, default and alias from the published schema', () => {
    const rows = inputRowsOf({
      type: 'object',
      properties: {
        prompt: { type: 'string', minLength: 1, description: 'what to draw' },
        image_url: { type: 'string', format: 'uri' },
        source_artifact_id: { type: 'string', minLength: 1 },
        reference_image_url: { type: 'string', format: 'uri', deprecated: true, description: 'Compatibility alias for `image_url`.' },
        strength: { type: 'number', minimum: 0, maximum: 1, default: 0.5 },
        quality: { enum: ['draft', 'final'] },
      },
      required: ['prompt'],
      anyOf: [{ required: ['source_artifact_id'] }, { required: ['image_url'] }, { required: ['reference_image_url'] }],
    });
    expect(rows.map((row) => [row.name, row.type, row.requirement, row.range, row.enumeration, row.default, row.aliasOf])).toEqual([
      ['prompt', 'a string', 'required', 'length 1+', '', '', ''],
      ['image_url', 'a URL', 'one of: source_artifact_id, image_url, reference_image_url', '', '', '', ''],
      ['source_artifact_id', 'a string', 'one of: source_artifact_id, image_url, reference_image_url', 'length 1+', '', '', ''],
      ['reference_image_url', 'a URL', 'one of: source_artifact_id, image_url, reference_image_url', '', '', '', 'image_url'],
      ['strength', 'a number', 'optional', '0..1', '', '0.5', ''],
      ['quality', 'one of "draft" or "final"', 'optional', '', '"draft", "final"', '', ''],
    ]);
  });
});

describe('what the pages embed', () => {
  it('renders section Markdown with HTML and non-http links shown as text', () => {
    expect(markdownToHtml('Run `a <b>` <script>alert(1)</script> [x](javascript:alert(1)) [y](https://e.com/?a="b")')).toBe(
      '<p>Run <code>a &#60;b&#62;</code> &#60;script&#62;alert(1)&#60;/script&#62; x <a href="https://e.com/?a=&#34;b&#34;" rel="nofollow noopener">y</a></p>',
    );
    expect(markdownToHtml('<div onclick="x">hi</div>')).toBe('<p>&#60;div onclick=&#34;x&#34;&#62;hi&#60;/div&#62;</p>');
  });

  it('never lets JSON or code close its script element', () => {
    expect(jsonForScript({ a: '</script><script>alert(1)</script>' })).toBe('{"a":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}');
    expect(codeForScript('const s = "</script>"; // <!-- x')).toBe('const s = "<\\/script>"; // <\\!-- x');
  });

  it('precompiles validators that only need the runtime the page bundles', () => {
    const compile = createValidatorCompiler();
    const code = compile({ type: 'object', properties: { n: { type: 'string', minLength: 2, format: 'uri' } }, additionalProperties: false });
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]).sort()).toEqual(['ajv-formats/dist/formats', 'ajv/dist/runtime/ucs2length']);
    expect(() => compile({ type: 'object', properties: { d: { type: 'string', format: 'date-time' } } })).not.toThrow();
    expect(() => compile({ $id: 'x', type: 'object', properties: { r: { $ref: 'https://elsewhere/x.json' } } })).toThrow();
    expect(ValidatorCodeError).toBeDefined();
  });

  it('writes the site with the catalog: front page, one page per skill, the shared scripts and stylesheet', () => {
    const result = buildCatalog([sourceOf(IDS.alpha), sourceOf(IDS.beta, { title: 'Beta & "Images"' })], { siteScript: readSiteScript() });
    if (!result.ok) throw new Error('build failed');
    const files = result.catalog.files;
    expect([...files.keys()].filter((file) => /\.(html|css|js)$/.test(file))).toEqual([
      'assets/fields.js', 'assets/site.css', 'assets/site.js', 'index.html', `skills/${IDS.alpha}.html`, `skills/${IDS.beta}.html`,
    ]);
    const index = files.get('index.html') as string;
    expect(index).toContain('<input type="search" id="search"');
    expect(index).toContain(`<a href="skills/${IDS.beta}.html">Beta &#38; &#34;Images&#34;</a>`);
    const page = files.get(`skills/${IDS.beta}.html`) as string;
    expect(page).toContain('<script src="../assets/site.js"></script>\n<script src="../assets/fields.js"></script>');
    // Both skills have the same fields: every check is shared, none compiled for one page alone.
    expect(page).toContain('<script type="application/json" id="field-checks">{"aspect_ratio":"s0","prompt":"s1","strength":"s2"}</script>');
    expect(page).not.toContain('function (module, exports, require)');
    expect(files.get('assets/fields.js')).toMatch(/^skillhub\.addFieldChecks\(\{\n"s0": function \(module, exports, require\) \{/);
    // Nothing is fetched from elsewhere: every src and href is relative or a data: URL.
    expect([...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1])).toEqual([
      'data:,', '../assets/site.css', '../index.html', `${IDS.beta}.json`, '../assets/site.js', '../assets/fields.js',
    ]);
    expect([...index.matchAll(/src="([^"]+)"/g)].map((match) => match[1])).toEqual(['assets/site.js']);
  });
});
