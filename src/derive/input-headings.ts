/**
 * How a `##` heading is read as an input section. Authors write `## Required inputs`,
 * `## Inputs` or `## Source input` for what the catalog calls `## Required input`; reading such a
 * heading as the section it was meant to be keeps one misnamed heading from turning every field
 * below it into "not an input of this skill" further on. Pure.
 */
export type InputSectionKind = 'required' | 'optional';

export interface InputHeadingReading {
  kind: InputSectionKind;
  /** `## Required input` / `## Optional input` themselves. */
  exact: boolean;
  /**
   * How far the reading is a guess: `same` for a spelling of the same section (plural, synonym),
   * `guess` where the heading does not say whether its fields are required (`## Inputs`), `source`
   * for a section of alternative sources, read as one "at least one of" group.
   */
  certainty: 'exact' | 'same' | 'guess' | 'source';
}

const NOUNS = '(?:inputs?|input (?:fields?|parameters?|params)|fields?|parameters?|params|arguments?|args)';
const REQUIRED = new RegExp(`^(?:required|mandatory|needed) ${NOUNS}$|^${NOUNS} \\(required\\)$`);
const OPTIONAL = new RegExp(`^(?:optional|extra|additional) ${NOUNS}$|^${NOUNS} \\(optional\\)$`);
const GENERAL = new RegExp(`^(?:${NOUNS}|skill ${NOUNS})$`);
const SOURCE = /^(?:(?:[a-z]+ )?sources?(?: inputs?)?|inputs? sources?)$/;

/** The reading of a section key (lower-cased, white space folded), or undefined for other sections. */
export function readInputHeading(key: string): InputHeadingReading | undefined {
  if (key === 'required input') return { kind: 'required', exact: true, certainty: 'exact' };
  if (key === 'optional input') return { kind: 'optional', exact: true, certainty: 'exact' };
  if (REQUIRED.test(key)) return { kind: 'required', exact: false, certainty: 'same' };
  if (OPTIONAL.test(key)) return { kind: 'optional', exact: false, certainty: 'same' };
  if (GENERAL.test(key)) return { kind: 'required', exact: false, certainty: 'guess' };
  if (SOURCE.test(key)) return { kind: 'required', exact: false, certainty: 'source' };
  return undefined;
}

/** The standard section title a reading stands for. */
export function inputSectionTitle(kind: InputSectionKind): string {
  return kind === 'required' ? 'Required input' : 'Optional input';
}
