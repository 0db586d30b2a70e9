import module from 'node:module';

/**
 * Turns on V8's on-disk compile cache (Node ≥ 22.1, `module.enableCompileCache`) for the modules
 * loaded after it, as TypeScript's tsc does: later runs skip compiling k8slint's code. Node keeps
 * that cache itself (in the OS temp folder, or NODE_COMPILE_CACHE), checks it against the source
 * and drops entries that do not match. A no-op on older Node, with NODE_DISABLE_COMPILE_CACHE set,
 * or when the cache cannot be set up.
 */
export function enableCompileCache(): void {
  const enable = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (typeof enable !== 'function') return;
  try {
    enable();
  } catch {
    // A cache that cannot be set up only costs speed.
  }
}
