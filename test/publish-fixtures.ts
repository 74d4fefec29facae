import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXAMPLE_FRONT_MATTER, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import type { DerivedSkill } from '../src/derive/index.js';
import type { Heading } from 'mdast';
import { headingText } from '../src/parse/sections.js';
import { parseSkillDocument, type SkillDocument } from '../src/parse/skill-document.js';
import type { SkillSource } from '../src/publish/skill-record.js';
import { parseAgentsFile } from '../src/check/agents-openai.js';
import { BUILT_BIN } from './support/built-cli.js';

/** Test catalogs for the publishing tests: SKILL.md texts every rule accepts, varied by id and tags. */
export const IDS = {
  alpha: 'popiskill-image-text2image-alpha-v1',
  beta: 'popiskill-image-text2image-beta-v1',
  gamma: 'popiskill-image-text2image-gamma-v1',
} as const;

export interface SkillOptions {
  title?: string;
  extraTags?: string[];
  description?: string;
}

/** The rule-example skill with another id (and optionally title, tags, description). */
export function skillText(id: string, options: SkillOptions = {}): string {
  let frontMatter = EXAMPLE_FRONT_MATTER.split(EXAMPLE_ID).join(id);
  if (options.extraTags) frontMatter = frontMatter.replace('  - text2image', ['  - text2image', ...options.extraTags.map((tag) => `  - ${tag}`)].join('\n'));
  if (options.description) frontMatter = frontMatter.replace(/^description: .*$/m, `description: ${options.description}`);
  let text = exampleSkill({ frontMatter }).split(EXAMPLE_ID).join(id);
  if (options.title) text = text.replace('# Demo Text To Image', `# ${options.title}`);
  return text;
}

export const INPUT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    prompt: { type: 'string', minLength: 1, description: 'what the image should show' },
    aspect_ratio: { type: 'string', pattern: '^[1-9][0-9]*:[1-9][0-9]*$', description: 'framing such as `16:9`' },
    strength: { type: 'number', minimum: 0, maximum: 1 },
  },
  required: ['prompt'],
  additionalProperties: false,
};

export const OUTPUT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { job_id: { type: 'string' }, artifact_ids: { type: 'array', items: { type: 'string' } } },
};

/** A derived result written by hand, so the publishing tests do not depend on the derivation. */
export function fakeDerived(): DerivedSkill {
  return {
    inputSchema: structuredClone(INPUT_SCHEMA),
    outputSchema: structuredClone(OUTPUT_SCHEMA),
    fields: [],
    groups: [],
    problems: [],
  } as unknown as DerivedSkill;
}

export function sourceOf(id: string, options: SkillOptions & { agentsYaml?: string } = {}): SkillSource {
  const filePath = path.join('/repo/skills', id, 'SKILL.md');
  const source: SkillSource = {
    filePath,
    path: `skills/${id}/SKILL.md`,
    ...factsOf(parseSkillDocument(filePath, skillText(id, options))),
    derived: fakeDerived(),
  };
  if (options.agentsYaml !== undefined) {
    const agents = parseAgentsFile(`${filePath}/../agents/openai.yaml`, options.agentsYaml).data;
    if (agents) source.agents = agents;
  }
  return source;
}

function factsOf(doc: SkillDocument): Pick<SkillSource, 'frontMatter' | 'title'> {
  const h1 = doc.body.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
  return { frontMatter: doc.frontMatter?.data, title: h1 ? headingText(h1).trim() || undefined : undefined };
}

export async function makeTempDir(prefix = 'skillhub-publish-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** Writes `files` (relative path to text) under `root`. */
export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, ...relative.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

/** A repository folder with `skills/<id>/SKILL.md` for each id. */
export async function writeSkillsRepo(skills: Record<string, SkillOptions & { agentsYaml?: string }>): Promise<string> {
  const repo = await makeTempDir();
  const files: Record<string, string> = {};
  for (const [id, options] of Object.entries(skills)) {
    files[`skills/${id}/SKILL.md`] = skillText(id, options);
    if (options.agentsYaml !== undefined) files[`skills/${id}/agents/openai.yaml`] = options.agentsYaml;
  }
  await writeTree(repo, files);
  return repo;
}

const BIN = BUILT_BIN;
const exec = promisify(execFile);

/** Runs the built CLI as a user would: exit code, standard output and standard error. */
export async function runBuiltCli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}
