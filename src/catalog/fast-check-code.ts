/**
 * Writes, from a JSON Schema, the source of a yes/no check specialised to it: straight-line code
 * with no error objects, no `hasOwnProperty` call per key and no per-item bookkeeping, for the
 * catalog index's 10,000 summaries (`npm run build` puts it next to ajv's validator in
 * dist/generated/catalog-index.cjs). Only its `true` is used: a value it refuses goes to ajv,
 * which decides and words the errors. So the check only has to never accept what ajv (with
 * loadCatalog's settings) refuses; it knows a small part of JSON Schema (the keywords the catalog
 * schemas use) and gives undefined for a schema with anything else, and then ajv alone is used.
 * Meant for values from JSON.parse: plain data, every key its own.
 */
export function fastCheckSource(root: unknown, resolve: (ref: string) => unknown): string | undefined {
  const functions: string[] = [];
  const patterns: string[] = [];
  let usesLength = false;
  let usesDistinct = false;

  /** The name of a function that checks `schema`, or undefined when the schema is outside the subset. */
  const checkOf = (schema: unknown): string | undefined => {
    if (schema === true) return 'accept';
    const conditions = conditionsOf(schema);
    if (conditions === undefined) return undefined;
    const name = `check${functions.length}`;
    functions.push(`function ${name}(v) {\n${conditions}\n  return true;\n}`);
    return name;
  };

  /** Statements that return false when `v` fails `schema`. */
  const conditionsOf = (schema: unknown): string | undefined => {
    if (!isRecord(schema)) return undefined;
    const lines: string[] = [];
    const keys = Object.keys(schema).filter((key) => !ANNOTATIONS.has(key));
    const known = new Set(['type', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'items', 'uniqueItems', 'properties', 'required', '$ref', 'additionalProperties', 'unevaluatedProperties']);
    if (keys.some((key) => !known.has(key))) return undefined;
    const type = schema.type;
    if (type !== undefined && !(typeof type === 'string' && TYPE_TESTS[type])) return undefined;
    if (type !== undefined) lines.push(`  if (!(${TYPE_TESTS[type as string] as string})) return false;`);
    if ('const' in schema) {
      const value = schema.const;
      if (value !== null && typeof value === 'object') return undefined;
      lines.push(`  if (v !== ${JSON.stringify(value)}) return false;`);
    }
    const stringKeywords = ['pattern', 'minLength', 'maxLength'].filter((key) => key in schema);
    if (stringKeywords.length > 0) {
      const tests: string[] = [];
      if ('pattern' in schema) {
        if (typeof schema.pattern !== 'string') return undefined;
        // ajv compiles patterns with the `u` flag (its default unicodeRegExp).
        new RegExp(schema.pattern, 'u');
        patterns.push(schema.pattern);
        tests.push(`pattern${patterns.length - 1}.test(v)`);
      }
      // ajv counts code points; a string's UTF-16 length is at least that and at most twice it.
      if ('minLength' in schema) {
        if (!isCount(schema.minLength)) return undefined;
        usesLength = true;
        tests.push(`(v.length >= ${2 * schema.minLength} || codePoints(v) >= ${schema.minLength})`);
      }
      if ('maxLength' in schema) {
        if (!isCount(schema.maxLength)) return undefined;
        usesLength = true;
        tests.push(`(v.length <= ${schema.maxLength} || codePoints(v) <= ${schema.maxLength})`);
      }
      lines.push(`  if (typeof v === "string" && !(${tests.join(' && ')})) return false;`);
    }
    for (const [keyword, operator] of [['minimum', '<'], ['maximum', '>']] as const) {
      if (!(keyword in schema)) continue;
      if (typeof schema[keyword] !== 'number') return undefined;
      lines.push(`  if (typeof v === "number" && v ${operator} ${String(schema[keyword])}) return false;`);
    }
    if ('items' in schema || 'uniqueItems' in schema) {
      const items = 'items' in schema ? checkOf(schema.items) : 'accept';
      if (items === undefined) return undefined;
      const unique = schema.uniqueItems === true;
      if ('uniqueItems' in schema && typeof schema.uniqueItems !== 'boolean') return undefined;
      // Unique strings are a Set's business; unique anything else is left to ajv.
      if (unique && !(isRecord(schema.items) && schema.items.type === 'string')) return undefined;
      lines.push(`  if (Array.isArray(v)) {`);
      if (items !== 'accept') lines.push(`    for (let i = 0; i < v.length; i++) if (!${items}(v[i])) return false;`);
      // A few items are compared pairwise: a Set per array is garbage, and garbage means young-generation
      // collections that copy the freshly parsed index.
      if (unique) lines.push(`    if (v.length > 16 ? new Set(v).size !== v.length : !distinct(v)) return false;`);
      usesDistinct ||= unique;
      lines.push(`  }`);
    }
    const objectKeywords = ['properties', 'required', '$ref', 'additionalProperties', 'unevaluatedProperties'].filter((key) => key in schema);
    if (objectKeywords.length > 0) {
      const object = objectLines(schema);
      if (object === undefined) return undefined;
      lines.push(`  if (${TYPE_TESTS.object as string}) {`, ...object.map((line) => `  ${line}`), `  }`);
    }
    return lines.join('\n');
  };

  /** The checks of an object's keys: its properties (and those of a `$ref`'d object schema), required ones, closed or not. */
  const objectLines = (schema: Record<string, unknown>): string[] | undefined => {
    const properties = new Map<string, unknown>();
    const required = new Set<string>();
    const add = (part: Record<string, unknown>): boolean => {
      if (part.properties !== undefined) {
        if (!isRecord(part.properties)) return false;
        for (const [name, value] of Object.entries(part.properties)) {
          if (properties.has(name)) return false;
          properties.set(name, value);
        }
      }
      if (part.required !== undefined) {
        if (!Array.isArray(part.required) || !part.required.every((name) => typeof name === 'string')) return false;
        for (const name of part.required as string[]) required.add(name);
      }
      return true;
    };
    if (!add(schema)) return undefined;
    const own = new Set(properties.keys());
    let closedTo: Set<string> | undefined;
    if ('$ref' in schema) {
      const target = typeof schema.$ref === 'string' ? resolve(schema.$ref) : undefined;
      // The referenced schema must be an object shell of the subset itself: properties, required, type object.
      if (!isRecord(target) || Object.keys(target).some((key) => !ANNOTATIONS.has(key) && !['type', 'properties', 'required'].includes(key))) return undefined;
      if (target.type !== undefined && target.type !== 'object') return undefined;
      if (!add(target)) return undefined;
    }
    if ('additionalProperties' in schema) {
      if (schema.additionalProperties !== false || 'unevaluatedProperties' in schema) return undefined;
      closedTo = own;
    }
    if ('unevaluatedProperties' in schema) {
      if (schema.unevaluatedProperties !== false) return undefined;
      closedTo = new Set(properties.keys());
    }
    const cases: string[] = [];
    const requiredKnown = [...required].filter((name) => properties.has(name));
    for (const [name, property] of properties) {
      const check = checkOf(property);
      if (check === undefined) return undefined;
      // A property that is not in closedTo is checked, and then refused as unevaluated.
      const body = closedTo !== undefined && !closedTo.has(name) ? 'return false;' : `${check === 'accept' ? '' : `if (!${check}(v[key])) return false; `}${required.has(name) ? 'present++; ' : ''}break;`;
      cases.push(`    case ${JSON.stringify(name)}: ${body}`);
    }
    cases.push(`    default: ${closedTo !== undefined ? 'return false;' : 'break;'}`);
    // A required name without a property schema is looked for on its own.
    const others = [...required].filter((name) => !properties.has(name));
    return [
      `let present = 0;`,
      // for...in allocates nothing; the check's entry makes sure Object.prototype lends it no key.
      `for (const key in v) {`,
      `  switch (key) {`,
      ...cases.map((line) => `  ${line}`),
      `  }`,
      `}`,
      `if (present !== ${requiredKnown.length}) return false;`,
      ...others.map((name) => `if (!Object.prototype.hasOwnProperty.call(v, ${JSON.stringify(name)})) return false;`),
    ];
  };

  const main = checkOf(root);
  if (main === undefined) return undefined;
  return [
    '(() => {',
    'function accept() { return true; }',
    ...patterns.map((pattern, index) => `const pattern${index} = new RegExp(${JSON.stringify(pattern)}, "u");`),
    ...(usesLength ? [CODE_POINTS] : []),
    ...(usesDistinct ? [DISTINCT] : []),
    ...functions,
    // Every key for...in shows is the value's own when no prototype in the way has an enumerable one
    // (JSON.parse makes plain objects and arrays).
    `return (value) => {`,
    `  for (const key in Object.prototype) return false;`,
    `  return ${main}(value);`,
    `};`,
    '})()',
  ].join('\n');
}

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', 'default', '$comment', '$defs']);

/** ajv's type tests (with JSON values: an integer is a number without a fraction). */
const TYPE_TESTS: Record<string, string> = {
  object: 'v !== null && typeof v === "object" && !Array.isArray(v)',
  array: 'Array.isArray(v)',
  string: 'typeof v === "string"',
  integer: 'typeof v === "number" && Number.isInteger(v)',
  number: 'typeof v === "number" && Number.isFinite(v)',
  boolean: 'typeof v === "boolean"',
};

/** ajv's ucs2length: code points, a surrogate pair counting once. */
const CODE_POINTS = `function codePoints(s) {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    count++;
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return count;
}`;

const DISTINCT = `function distinct(items) {
  for (let i = 1; i < items.length; i++) for (let j = 0; j < i; j++) if (items[i] === items[j]) return false;
  return true;
}`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
