import type { SkillDocument } from '../parse/skill-document.js';

/** The skill id grammar: `popiskill-<category>-<capability>-<slug>-v<major>`. */
export const SKILL_NAME_PREFIX = 'popiskill-';
export const MAX_SKILL_NAME_LENGTH = 64;
export const SKILL_NAME_SHAPE = 'popiskill-<category>-<capability>-<slug>-v<major>';

export interface SkillNameParts {
  category: string;
  capability: string;
  /** One or more hyphen-separated words. */
  slug: string;
  major: number;
}

export interface ParsedSkillName {
  /** Present when the name has the id's shape (even if it is too long). */
  parts: SkillNameParts | undefined;
  /** Everything wrong with the name, each a sentence for a person. */
  problems: string[];
}

const VERSION_WORD = /^v[1-9][0-9]*$/;

/** A well-formed id within the length limit, which nearly every name is: its words, read at once. */
const WELL_FORMED = /^popiskill-([a-z0-9]+)-([a-z0-9]+)-([a-z0-9]+(?:-[a-z0-9]+)*)-v([1-9][0-9]*)$/;

/** Reads a skill id once, so every rule that needs its parts agrees on them. */
export function parseSkillName(name: string): ParsedSkillName {
  const wellFormed = name.length <= MAX_SKILL_NAME_LENGTH ? WELL_FORMED.exec(name) : null;
  if (wellFormed) {
    const [, category, capability, slug, major] = wellFormed as unknown as [string, string, string, string, string];
    return { parts: { category, capability, slug, major: Number(major) }, problems: [] };
  }
  if (name.trim() === '') return { parts: undefined, problems: ['`name` is empty: give the skill an id of the form `' + SKILL_NAME_SHAPE + '`.'] };
  const problems: string[] = [];
  const length = [...name].length;
  if (length > MAX_SKILL_NAME_LENGTH) {
    problems.push(`\`name\` is ${length} characters long; at most ${MAX_SKILL_NAME_LENGTH} are allowed: shorten the slug.`);
  }
  const characterProblems = checkCharacters(name);
  if (characterProblems.length > 0) return { parts: undefined, problems: [...problems, ...characterProblems] };
  const structure = readStructure(name);
  return { parts: structure.parts, problems: [...problems, ...structure.problems] };
}

/** Problems that make the words of the name unreadable: case, characters, hyphens. */
function checkCharacters(name: string): string[] {
  const problems: string[] = [];
  if (/[A-Z]/.test(name)) {
    problems.push(`\`name\` has uppercase letters: write it in lowercase (\`${name.toLowerCase()}\`).`);
  }
  const others = [...new Set(name.replace(/[A-Za-z0-9-]/g, ''))];
  if (others.length > 0) {
    problems.push(`\`name\` may use only lowercase letters, digits and hyphens; it has ${others.map(describeCharacter).join(', ')}.`);
  }
  if (name.includes('--')) problems.push('`name` has a double hyphen (`--`): separate words with a single hyphen.');
  if (name.startsWith('-')) problems.push('`name` starts with a hyphen.');
  if (name.endsWith('-')) problems.push('`name` ends with a hyphen: it must end in `-v<major>`, such as `-v1`.');
  return problems;
}

function describeCharacter(character: string): string {
  if (character === ' ') return 'a space';
  if (/\s/.test(character)) return `a white-space character (U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')})`;
  return character === '`' ? 'a backtick' : `\`${character}\``;
}

/** The words of a name made only of lowercase letters, digits and single hyphens. */
function readStructure(name: string): ParsedSkillName {
  const problems: string[] = [];
  const words = name.split('-');
  const hasPrefix = words[0] === 'popiskill';
  if (!hasPrefix) problems.push(`\`name\` must start with \`${SKILL_NAME_PREFIX}\` (it has the form \`${SKILL_NAME_SHAPE}\`).`);
  const last = words.length > 1 ? (words[words.length - 1] as string) : '';
  let major: number | undefined;
  if (VERSION_WORD.test(last)) {
    major = Number(last.slice(1));
  } else if (/^v[0-9]+$/.test(last)) {
    problems.push(`\`name\` ends in \`-${last}\`: the major version is a whole number from 1, without leading zeros.`);
  } else {
    const glued = /[a-z0-9](v[1-9][0-9]*)$/.exec(name);
    problems.push(
      glued
        ? `\`name\` must end in \`-v<major>\`: put a hyphen before \`${glued[1]}\`.`
        : '`name` must end in `-v<major>`, such as `-v1`.',
    );
  }
  if (!hasPrefix) return { parts: undefined, problems };
  const middle = words.slice(1, major === undefined && !/^v[0-9]+$/.test(last) ? undefined : -1);
  if (middle.length < 3) {
    const found = middle.length === 0 ? 'it has none' : `it has only \`${middle.join('-')}\``;
    problems.push(
      `\`name\` needs a category, a capability and a slug between \`${SKILL_NAME_PREFIX}\` and \`-v<major>\` (such as \`popiskill-image-text2image-basic-v1\`); ${found}.`,
    );
  }
  if (problems.length > 0 || major === undefined) return { parts: undefined, problems };
  const [category, capability, ...slug] = middle as [string, string, ...string[]];
  return { parts: { category, capability, slug: slug.join('-'), major }, problems };
}

/** The parts of a document's `name`, when it is a well-formed skill id. */
export function skillNamePartsOf(doc: SkillDocument): SkillNameParts | undefined {
  const name = doc.frontMatter?.data?.['name'];
  return typeof name === 'string' ? parseSkillName(name).parts : undefined;
}
