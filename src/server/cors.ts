/** Cross-origin reads: any page may call the API; nothing it answers is private. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag',
};

/** The answer to an `OPTIONS` preflight for a route that takes `methods`. */
export function preflightHeaders(methods: readonly string[]): Record<string, string> {
  return {
    ...CORS_HEADERS,
    'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(', '),
    'Access-Control-Allow-Headers': 'Content-Type, If-None-Match',
    'Access-Control-Max-Age': '600',
    Allow: [...methods, 'OPTIONS'].join(', '),
  };
}
