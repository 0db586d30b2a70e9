import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * A third-party library loaded on first use, synchronously, so that a run that needs none of it
 * neither runs nor even parses it. `createRequire` is opaque to esbuild, so no bundle inlines it:
 * next to a bundle it is the sibling file `bundledName` (built on its own by the bundler);
 * anywhere else (dist/src, tests) `fromPackages` takes it from node_modules.
 */
export function lazyLibrary<T>(bundledName: string, fromPackages: (load: NodeJS.Require) => T): () => T {
  let library: T | undefined;
  return () => {
    if (library) return library;
    const load = createRequire(import.meta.url);
    const bundled = fileURLToPath(new URL(`./${bundledName}`, import.meta.url));
    library = existsSync(bundled) ? (load(bundled) as T) : fromPackages(load);
    return library;
  };
}
