// Entry of the GitHub Action (bundled into action/index.js; see action.yml).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAction } from './run.js';

/** The version in the nearest package.json named k8slint, above this file (dist/ or the bundle). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'k8slint' && pkg.version) return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}

try {
  process.exitCode = runAction({ env: process.env, stdout: (text) => process.stdout.write(text), version: packageVersion() });
} catch (error) {
  process.stdout.write(`::error title=k8slint::unexpected error: ${String((error as Error)?.stack ?? error).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  process.exitCode = 2;
}
