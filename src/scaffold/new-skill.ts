import { parseDocument } from 'yaml';
import type { SkillNameParts } from '../check/skill-name.js';
import { splitFrontMatter } from '../parse/front-matter.js';

const MODEL_TYPES = new Set(['image', 'video', 'audio', 'text', '3d']);

/** The model type a category implies: the category itself when it is one, else `multimodal`. */
export function modelTypeFor(category: string): string {
  return MODEL_TYPES.has(category) ? category : 'multimodal';
}

function titleOf(parts: SkillNameParts): string {
  return [parts.capability, ...parts.slug.split('-')].map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/**
 * A new SKILL.md for an id: front matter filled from the id, every required and recommended
 * section with guidance to replace. It validates without errors as it is. Pure.
 */
export function scaffoldSkill(id: string, parts: SkillNameParts): string {
  const title = titleOf(parts);
  return `---
name: ${id}
description: ${title} on the PopiArt runtime. Say here what the skill does and when an agent should pick it.
tags:
  - ${parts.category}
  - ${parts.capability}
version: v${parts.major}
model_type: ${modelTypeFor(parts.category)}
estimated_duration_s: 60
---

# ${title}

One paragraph on what the skill does, for a person reading the catalog.

## Required input

- \`prompt\`: what the result should show

## Optional input

- \`aspect_ratio\`: framing such as \`16:9\`

## Workflow

1. Build the payload from the user's request.
2. Run the skill and wait for the job.
3. Download or hand over the artifacts.

## Command pattern

\`\`\`sh
popiart run ${id} --input @params.json --wait
\`\`\`

## Payload template

\`\`\`json
{
  "prompt": "a lighthouse at dawn",
  "aspect_ratio": "16:9"
}
\`\`\`

## Output handling

- read \`job_id\` and \`artifact_ids\`

## Operating guidance

- Say what to do when the run fails, and what to avoid.
`;
}

/**
 * A new skill from an existing one: its whole text with the old id replaced by the new one, and
 * the front matter's name, version, model type and category/capability tags set from the new id
 * (and without `default_profile`).
 */
export function scaffoldFrom(sourceText: string, sourceId: string, sourceParts: SkillNameParts | undefined, id: string, parts: SkillNameParts): string {
  const text = sourceText.replace(/^\uFEFF/, '').split(sourceId).join(id);
  const block = splitFrontMatter(text);
  if (!block || block.language !== '') return text;
  const document = parseDocument(block.text);
  if (document.errors.length > 0) return text;
  document.set('name', id);
  document.set('version', `v${parts.major}`);
  document.set('model_type', modelTypeFor(parts.category));
  const tags = document.get('tags');
  const list = tags && typeof (tags as { toJSON?: unknown }).toJSON === 'function' ? ((tags as { toJSON(): unknown }).toJSON() as unknown) : [];
  const words = Array.isArray(list) ? list.filter((word): word is string => typeof word === 'string') : [];
  const renamed = words.map((word) => (word === sourceParts?.category ? parts.category : word === sourceParts?.capability ? parts.capability : word));
  for (const wanted of [parts.category, parts.capability]) if (!renamed.includes(wanted)) renamed.push(wanted);
  document.set('tags', [...new Set(renamed)]);
  // A copy is not its capability's default profile: that stays with the skill it came from.
  document.delete('default_profile');
  document.delete('profile_description');
  const yamlText = document.toString({ lineWidth: 0 });
  return `${text.slice(0, block.offset)}\n${yamlText}${text.slice(block.offset + block.text.length).replace(/^\r?\n/, '')}`;
}
