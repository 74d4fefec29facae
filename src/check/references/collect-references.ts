import type { Range } from '../../core/diagnostic.js';
import { rangeAt } from '../../core/source-text.js';
import type { SkillDocument } from '../../parse/skill-document.js';

/** A skill id written in the body of a SKILL.md. */
export interface SkillReference {
  id: string;
  range: Range;
  /** `switch` when the sentence sends the reader to that skill ("switch to `<id>`"). */
  kind: 'switch' | 'mention';
}

/** `popiskill-<words>-v<N>`: the shape of every skill id in the catalog (a fresh `g` regex per scan). */
const SKILL_ID_SOURCE = String.raw`(?<![\w-])popiskill(?:-[a-z0-9]+)+(?![\w-])`;
const VERSIONED = /-v\d+$/;
const SWITCH_TO = /\bswitch(?:es|ing)?\s+(?:over\s+)?to\s*[`*_"'[]*$/i;

/**
 * Every skill id in the body, prose and code alike. The text is scanned as written, so an id is
 * found wherever an agent reading the file would see it.
 */
export function collectSkillReferences(doc: SkillDocument): SkillReference[] {
  const text = doc.source.text;
  const references: SkillReference[] = [];
  const skillId = new RegExp(SKILL_ID_SOURCE, 'g');
  skillId.lastIndex = doc.bodyOffset;
  for (let match = skillId.exec(text); match; match = skillId.exec(text)) {
    const id = match[0];
    if (!VERSIONED.test(id)) continue;
    const before = textBefore(text, match.index);
    references.push({
      id,
      range: rangeAt(doc.source, match.index, match.index + id.length),
      kind: SWITCH_TO.test(before) ? 'switch' : 'mention',
    });
  }
  return references;
}

/** The few characters before `offset`, white space folded (a sentence may wrap between lines). */
function textBefore(text: string, offset: number): string {
  return text.slice(Math.max(0, offset - 40), offset).replace(/\s+/g, ' ');
}
