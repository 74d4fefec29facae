import type { InlineCode, Nodes } from 'mdast';
import { inputSectionReading } from '../../derive/input-sections.js';
import { forEachNode } from '../../derive/walk.js';
import type { DerivedSkill, FieldVocabulary } from '../../derive/index.js';
import { nodeRange } from '../body-structure.js';
import type { FileRule } from '../rule.js';
import { examplePath, exampleSkill } from './example-skill.js';
import { bodyWithInput } from './input-derived.js';

/** The example body with `duration_s` and `seconds` as optional fields, and more items in its last section. */
function withGuidance(...items: string[]): string {
  const body = bodyWithInput('- `prompt`: what the image should show', '- `duration_s`: clip length in seconds\n- `seconds`');
  return `${body}${items.map((item) => `- ${item}\n`).join('')}`;
}

export const inputAliasUndeclared: FileRule = {
  id: 'input-alias-undeclared',
  scope: 'file',
  severity: 'warning',
  description: 'Two listed fields offered in prose as one choice ("pass `a` or `b`") are declared as a field and its alias.',
  docs: `"Pass \`duration_s\` or \`seconds\`" says that the two names mean the same thing. When both are listed
as fields of their own and no sentence declares one an alias of the other, the derived schema
treats them as two independent inputs: a payload may give both, with different values, and
nothing marks the older name as deprecated. Reported at the second field of the phrase; declare
the alias anywhere in the body (\`\` \`seconds\` is a compatibility alias for \`duration_s\`. \`\`).
Not reported: members of one group ("one image source"), alternatives by design; two fields the
field vocabulary knows as different things (\`last_frame_image_url\` / \`last_frame_artifact_id\`)
unless one's entry names the other (as "the older name of ..." does); fields of different kinds of
value (\`prompt\` or \`duration_s\`); any phrase inside the input sections themselves.`,
  examples: [
    {
      title: 'The older name declared as an alias',
      files: {
        [examplePath()]: exampleSkill({
          body: withGuidance('Pass `duration_s` or `seconds`.', '`seconds` is a compatibility alias for `duration_s`.'),
        }),
      },
      expected: [],
    },
    {
      title: 'Two listed fields offered as one choice, with no alias sentence',
      files: {
        [examplePath()]: exampleSkill({
          body: withGuidance('Pass `duration_s` or `seconds` as 5 or more.', 'Use `prompt` or `duration_s` sparingly.'),
        }),
      },
      expected: [
        `${examplePath()}:50:24 \`duration_s\` or \`seconds\` offers two listed fields as one choice, yet no sentence declares an alias: if \`seconds\` is an older name, write "\`seconds\` is a compatibility alias for \`duration_s\`."`,
      ],
    },
  ],
  check({ doc, analysis, env, report }) {
    const derived = analysis.derived;
    if (!derived) return;
    const inputSections = new Set(doc.sections.filter((section) => inputSectionReading(section)).map((section) => section.heading));
    const skipped = new Set(doc.sections.filter((section) => inputSections.has(section.heading)).flatMap((section) => section.children));
    forEachPhrase(doc.body.children.filter((node) => !skipped.has(node)), (first, second) => {
      if (!offeredAsOne(derived, env.vocabulary, first.value, second.value)) return;
      report(
        nodeRange(doc, second),
        `\`${first.value}\` or \`${second.value}\` offers two listed fields as one choice, yet no sentence declares an alias: if \`${second.value}\` is an older name, write "\`${second.value}\` is a compatibility alias for \`${first.value}\`."`,
      );
    });
  },
};

/** Calls back for each `` `a` or `b` `` / `` `a` / `b` `` written in running text. */
function forEachPhrase(nodes: readonly Nodes[], found: (first: InlineCode, second: InlineCode) => void): void {
  forEachNode(nodes, (node) => {
    if (!('children' in node) || node.type === 'list' || node.type === 'listItem') return;
    const children = node.children as Nodes[];
    for (let i = 0; i + 2 < children.length; i++) {
      const [first, between, second] = [children[i], children[i + 1], children[i + 2]];
      if (first?.type === 'inlineCode' && between?.type === 'text' && /^\s*(?:or|\/)\s*$/.test(between.value) && second?.type === 'inlineCode') {
        found(first, second);
      }
    }
  });
}

/**
 * Both are fields of their own, neither declared an alias of the other, not members of one group,
 * and of the same kind of value (two names for one thing; `prompt` or `duration_s` is a real choice).
 */
function offeredAsOne(derived: DerivedSkill, vocabulary: FieldVocabulary, a: string, b: string): boolean {
  if (a === b) return false;
  const first = derived.fields.find((field) => field.name === a);
  const second = derived.fields.find((field) => field.name === b);
  if (!first || !second || first.aliasOf !== undefined || second.aliasOf !== undefined) return false;
  if (first.group !== undefined && first.group === second.group) return false;
  if (distinctInVocabulary(vocabulary, a, b)) return false;
  const kindOf = (name: string) => valueKind((derived.inputSchema['properties'] as Record<string, Record<string, unknown>> | undefined)?.[name]);
  return kindOf(a) !== undefined && kindOf(a) === kindOf(b);
}

/** Two entries of the vocabulary, neither naming the other (as "the older name of ..." does): a real choice. */
function distinctInVocabulary(vocabulary: FieldVocabulary, a: string, b: string): boolean {
  const describes = (name: string, other: string) => {
    const description = vocabulary.input.get(name)?.['description'];
    return typeof description === 'string' && new RegExp(`\\b${other}\\b`).test(description);
  };
  return vocabulary.input.has(a) && vocabulary.input.has(b) && !describes(a, b) && !describes(b, a);
}

function valueKind(schema: Record<string, unknown> | undefined): string | undefined {
  const type = schema?.['type'];
  if (typeof type !== 'string') return undefined;
  return type === 'integer' ? 'number' : type;
}
