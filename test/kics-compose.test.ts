import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers/build.js';

const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'kics', 'compose');

describe('scripts/kics-compose-check.mjs', () => {
  it.skipIf(!existsSync(CORPUS))('maps every KICS Compose query: each agrees or differs for a documented reason', () => {
    ensureBuilt();
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'kics-compose-check.mjs')], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/kics-compose-check: \d+ agree, \d+ differ deliberately, 0 differ, 0 not covered/);
    const agreeing = [
      'cgroup_not_default',
      'pids_limit_not_set',
      'restart_policy_on_failure_not_set_to_5',
      'shared_host_user_namespace',
      'shared_volumes_between_containers',
      'volume_mounted_in_multiple_containers',
    ];
    for (const query of agreeing)
      expect(run.stdout).toMatch(new RegExp(`^${query}  \\S+  positives (\\d+)/\\1  negatives (\\d+)/\\2 silent  ok$`, 'm'));
  });
});
