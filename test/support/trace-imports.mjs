// Loaded with `node --import`: prints every module the program loads to stderr, one per line with a
// `loaded: ` prefix (ES modules as they resolve, CommonJS files as they are required), so a test
// can assert what a command does not load.
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write('loaded: ' + result.url + '\\n');
  return result;
}`),
);

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (!Module.isBuiltin(request)) {
    try {
      process.stderr.write('loaded: ' + pathToFileURL(Module._resolveFilename(request, parent, isMain)).href + '\n');
    } catch {
      // Not resolvable: the load below reports it.
    }
  }
  return load.call(this, request, parent, isMain);
};
