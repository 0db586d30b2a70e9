// The code every command but --version/--help needs, as main.ts loads it from tsc's output (dist/src)
// and under tests: one dynamic import. The bundled CLI replaces this module with load-full-bundled.ts
// (scripts/bundle-cli.mjs).
export type FullCli = typeof import('./full.js');

export async function loadFullCli(): Promise<FullCli> {
  return import('./full.js');
}
