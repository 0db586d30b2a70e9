#!/usr/bin/env node
// Runs the built k8slint (dist/, `npm run build` first) over KICS's labelled Docker Compose samples
// (../shared/corpus/kics/compose/<query>/test/{positive*,negative*}.yaml and
// positive_expected_result.json) and prints, per KICS query mapped below: positives hit/expected
// and whether the negatives stay silent. Queries without a k8slint rule are listed as not covered.
//
// Usage: node scripts/kics-compose-check.mjs [--verbose] [query…]
// Exit code: 0 when the corpus is absent (skips with a message); otherwise 1 when a mapped query
// misses an expected line or a negative fires, unless the query is listed in KNOWN_DIFFERENCES.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const corpus = process.env.KICS_COMPOSE_DIR ?? join(root, '..', 'shared', 'corpus', 'kics', 'compose');

/** KICS query folder → the k8slint rules that cover it (a finding of any of them on the expected line counts). */
export const TABLE = {
  privileged_containers_enabled: ['privileged-container'],
  docker_socket_mounted_in_container: ['sensitive-host-mount'],
  volume_has_sensitive_host_directory: ['sensitive-host-mount'],
  shared_host_network_namespace: ['host-network'],
  shared_host_ipc_namespace: ['host-ipc'],
  host_namespace_is_shared: ['host-pid'],
  container_capabilities_unrestricted: ['capabilities-added'],
  memory_not_limited: ['missing-memory-limit'],
  default_seccomp_profile_disabled: ['seccomp-unconfined'],
  container_traffic_not_bound_to_host_interface: ['compose-port-all-interfaces'],
  cgroup_not_default: ['compose-cgroup-parent'],
  cpus_not_limited: ['missing-cpu-limit'],
  healthcheck_not_set: ['compose-service-healthcheck'],
  no_new_privileges_not_set: ['compose-no-new-privileges'],
  pids_limit_not_set: ['compose-pids-limit'],
  privileged_ports_mapped_in_container: ['privileged-port'],
  restart_policy_on_failure_not_set_to_5: ['compose-restart-retries'],
  security_opt_not_set: ['compose-no-new-privileges'],
  shared_host_user_namespace: ['compose-host-user-namespace'],
  shared_volumes_between_containers: ['compose-shared-volume'],
  volume_mounted_in_multiple_containers: ['compose-mount-propagation'],
};

/** Rule options for the run: Compose memory and CPU limits are judged only with `compose: true`. */
const RULE_OPTIONS = { 'missing-memory-limit': { compose: true }, 'missing-cpu-limit': { compose: true } };

/** Queries where k8slint deliberately differs from KICS; each entry says why (also in the rule's docs). */
export const KNOWN_DIFFERENCES = {
  container_capabilities_unrestricted:
    'k8slint reports the added capability item, KICS the `cap_add:` key; KICS also reports services without `cap_drop` (not this rule)',
  default_seccomp_profile_disabled: '`label:seccomp:unconfined` is an SELinux label option, not a seccomp profile: not reported',
  memory_not_limited: 'a service with an empty `deploy:` is reported at `deploy:` (the deepest existing node), KICS reports the service',
  volume_has_sensitive_host_directory:
    'k8slint judges bind-mounted host paths exactly; KICS also reports subdirectories (`/etc/app`), volume targets, anonymous volumes and volume driver options, which are not host paths',
  container_traffic_not_bound_to_host_interface:
    'compose-port-all-interfaces (opt-in, compose helper) reports only databases and caches published on all interfaces; KICS reports every port',
  cpus_not_limited:
    'a service with an empty `deploy:` is reported once, at `deploy:` (the deepest existing node); KICS reports the service too',
  healthcheck_not_set:
    'compose-service-healthcheck (opt-in) does not report services that build their image: the Dockerfile may declare HEALTHCHECK',
  no_new_privileges_not_set: 'k8slint reports `no-new-privileges:false` at the item, KICS at the `security_opt:` key',
  privileged_ports_mapped_in_container:
    'privileged-port does not judge Compose: Docker 20.10+ lets any container user bind ports below 1024 (ip_unprivileged_port_start=0), and host ports are bound by the daemon',
  security_opt_not_set:
    'compose-no-new-privileges (opt-in) asks for no-new-privileges:true, not just any security_opt; KICS is satisfied by `apparmor:unconfined`, which apparmor-unconfined reports',
};

/** KICS queries k8slint does not implement, with the reason. */
export const NOT_COVERED = {};

function expectedLines(testDir) {
  const file = join(testDir, 'positive_expected_result.json');
  const byFile = new Map();
  if (!existsSync(file)) return byFile;
  const positives = readdirSync(testDir).filter((f) => /^positive\d*\.ya?ml$/.test(f));
  for (const entry of JSON.parse(readFileSync(file, 'utf8'))) {
    const name = entry.fileName ?? entry.filename ?? (positives.length === 1 ? positives[0] : 'positive.yaml');
    if (!byFile.has(name)) byFile.set(name, new Set());
    byFile.get(name).add(entry.line);
  }
  return byFile;
}

async function main() {
  if (!existsSync(corpus)) {
    console.log(`kics-compose-check: ${corpus} is absent; skipping.`);
    return 0;
  }
  const dist = join(root, 'dist', 'src', 'index.js');
  if (!existsSync(dist)) {
    console.log('kics-compose-check: dist/ is missing; run `npm run build` first.');
    return 2;
  }
  const { lintTexts, registry } = await import(dist);
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const only = args.filter((a) => !a.startsWith('--'));
  let failed = 0;
  const counts = { agree: 0, known: 0, differ: 0, notCovered: 0 };
  const rows = [];
  for (const query of readdirSync(corpus).sort()) {
    if (only.length > 0 && !only.includes(query)) continue;
    const testDir = join(corpus, query, 'test');
    const ruleIds = TABLE[query];
    if (!ruleIds) {
      counts.notCovered++;
      rows.push([query, '-', `not covered${NOT_COVERED[query] ? `: ${NOT_COVERED[query]}` : ''}`]);
      continue;
    }
    const known = ruleIds.filter((id) => registry.resolve(id));
    if (known.length === 0 || !existsSync(testDir)) {
      counts.notCovered++;
      rows.push([query, ruleIds.join(','), known.length === 0 ? 'rule not registered' : 'no samples']);
      continue;
    }
    const lint = (file) => {
      const text = readFileSync(join(testDir, file), 'utf8');
      const result = lintTexts([{ path: file, text, kind: 'compose' }], { rules: known, options: RULE_OPTIONS });
      return result.findings.filter((f) => known.includes(f.ruleId));
    };
    let hit = 0;
    let total = 0;
    let extra = 0;
    const notes = [];
    for (const [file, lines] of expectedLines(testDir)) {
      if (!existsSync(join(testDir, file))) continue;
      const found = new Set(lint(file).map((f) => f.span.line));
      for (const line of lines) {
        total++;
        if (found.has(line)) hit++;
        else notes.push(`miss ${file}:${line}`);
      }
      for (const line of found)
        if (!lines.has(line)) {
          extra++;
          notes.push(`extra ${file}:${line}`);
        }
    }
    const negatives = readdirSync(testDir)
      .filter((f) => /^negative\d*\.ya?ml$/.test(f))
      .sort();
    let noisy = 0;
    for (const file of negatives) {
      const findings = lint(file);
      if (findings.length > 0) {
        noisy++;
        notes.push(...findings.map((f) => `fires on ${file}:${f.span.line} ${f.ruleId}: ${f.message}`));
      }
    }
    const ok = hit === total && noisy === 0 && extra === 0;
    if (ok) counts.agree++;
    else if (KNOWN_DIFFERENCES[query]) counts.known++;
    else {
      counts.differ++;
      failed++;
    }
    rows.push([
      query,
      known.join(','),
      `positives ${hit}/${total}${extra ? ` (+${extra} other lines)` : ''}`,
      `negatives ${negatives.length - noisy}/${negatives.length} silent`,
      ok ? 'ok' : KNOWN_DIFFERENCES[query] ? `known: ${KNOWN_DIFFERENCES[query]}` : 'DIFF',
    ]);
    if (verbose || (!ok && !KNOWN_DIFFERENCES[query])) for (const n of notes) rows.push(['', '', `  ${n}`]);
  }
  for (const row of rows) console.log(row.join('  '));
  console.log(
    `kics-compose-check: ${counts.agree} agree, ${counts.known} differ deliberately, ${counts.differ} differ, ${counts.notCovered} not covered`,
  );
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
