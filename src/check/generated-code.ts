import { createRequire } from 'node:module';

/** The CommonJS files `npm run build` generates in dist/generated/ (scripts/build-validators.mjs) that a lint run loads. */
export type GeneratedCodeName = 'static-validators' | 'payload-vocabulary';

/**
 * The exports of dist/generated/<name>.cjs, or undefined when it is not there (running from the
 * TypeScript sources). The CLI bundle carries these files inline instead (scripts/build-cli-bundle.mjs),
 * so that their code comes with the bundle's code cache rather than being compiled at every start.
 */
export function loadGeneratedCode(name: GeneratedCodeName): unknown {
  try {
    // CommonJS, so that the synchronous environment set-up can load it.
    return createRequire(import.meta.url)(`../generated/${name}.cjs`) as unknown;
  } catch {
    return undefined;
  }
}
