// Loaded with `node --import`: prints every module URL the program resolves to stderr, one per
// line with a `loaded: ` prefix, so a test can assert what a command does not load.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write('loaded: ' + result.url + '\\n');
  return result;
}`),
);
