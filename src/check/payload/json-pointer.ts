/**
 * JSON Pointers (RFC 6901), as ajv reports instance and schema paths. An instance path
 * (`/50%/a~1b`) is a plain pointer: only `~1` and `~0` are escapes, and `%` is an ordinary
 * character. A schema path (`#/properties/50%25`) is a URI fragment, percent-encoded as well.
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const fragment = pointer.startsWith('#');
  const body = fragment ? pointer.slice(1) : pointer;
  return body
    .slice(1)
    .split('/')
    .map((segment) => unescapeSegment(fragment ? decodeFragment(segment) : segment));
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Percent-decoding of a URI fragment segment; a malformed escape stays as written. */
export function decodeFragment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function formatPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map(pointerSegment).join('');
}

/** One segment of a pointer, with its leading `/`: a pointer grows by one at a time with it. */
export function pointerSegment(segment: string | number): string {
  const text = String(segment);
  return text.includes('~') || text.includes('/') ? `/${text.replace(/~/g, '~0').replace(/\//g, '~1')}` : `/${text}`;
}

/** The value at a pointer, or undefined when the path leaves the data. */
export function valueAtPointer(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of parsePointer(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.prototype.hasOwnProperty.call(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

/** How a person reads a path into a payload: `metadata.action`, `images[1]`. */
export function fieldPath(pointer: string): string {
  return parsePointer(pointer)
    .map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}
