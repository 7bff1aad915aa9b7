import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** tsx's ESM register API; `require.resolve` finds its CommonJS twin, which sits beside it. */
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;

/**
 * Starts a worker thread on the module `name` of this folder (`ingestWorker`, `parseWorker`).
 * Run from the TypeScript sources (`npm start`, the tests), the worker registers the same loader first.
 */
export function startWorker(name: string, workerData?: unknown): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(`./${name}.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  return fromSources
    ? new Worker(
        `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`,
        { eval: true, workerData },
      )
    : new Worker(entry, { workerData });
}
