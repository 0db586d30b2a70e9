import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requirement } from './programs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const installed = (() => {
  try {
    return existsSync(createRequire(import.meta.url)('@microsoft/sarif-multitool') as string);
  } catch {
    return false;
  }
})();

/** The SARIF multitool is a devDependency with a platform binary; tests that validate with it skip without it. */
export const sarifMultitool = requirement(installed, 'the SARIF multitool (@microsoft/sarif-multitool) is not installed');

interface SarifLog {
  runs: unknown[];
}

/**
 * Validates SARIF logs with scripts/validate-sarif.mjs (SARIF and GitHub rules) in one multitool run:
 * the runs of all logs go into one log, since each start of the multitool costs seconds.
 */
export function validateSarif(...texts: string[]): { status: number | null; output: string } {
  const logs = texts.map((text) => JSON.parse(text) as SarifLog);
  const [first, ...rest] = logs;
  if (!first) throw new Error('validateSarif needs at least one log');
  const merged = { ...first, runs: [...first.runs, ...rest.flatMap((log) => log.runs)] };
  const dir = mkdtempSync(join(tmpdir(), 'k8slint-sarif-'));
  try {
    const file = join(dir, 'merged.sarif');
    writeFileSync(file, JSON.stringify(merged, null, 2));
    // The multitool looks up URLs (the $schema, rule help) it does not need; an unreachable proxy makes it
    // give up at once instead of waiting for the network, and keeps the result independent of the network.
    const proxy = 'http://127.0.0.1:9';
    const offline = { HTTP_PROXY: proxy, HTTPS_PROXY: proxy, http_proxy: proxy, https_proxy: proxy, NO_PROXY: '', no_proxy: '' };
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/validate-sarif.mjs'), file], {
      encoding: 'utf8',
      env: { ...process.env, ...offline },
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
