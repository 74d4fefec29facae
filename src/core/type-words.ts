/** JSON Schema types in the words YAML authors use, for messages about front matter and agents files. */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: '`true` or `false`',
  array: 'a list',
  object: 'a mapping',
};

export function typeInWords(type: unknown): string {
  return TYPE_WORDS[String(type)] ?? String(type);
}
