#!/usr/bin/env node
// Runs the built k8slint (dist/, `npm run build` first) over KICS's labelled Kubernetes samples
// (../shared/corpus/kics/k8s/<query>/test/{positive*,negative*}.yaml and positive_expected_result.json)
// and prints, per KICS query mapped below: the expected lines k8slint reports (same line), the
// positive files it reports at all, and whether the negative files stay silent.
//
// Usage: node scripts/kics-k8s-check.mjs [--verbose] [query…]
// Exit code: 0 when the corpus is absent (skips with a message) or every mapped query was run;
// this is a measurement, not a gate: KICS and k8slint differ deliberately in places (see the notes).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const corpus = process.env.KICS_K8S_DIR ?? join(root, '..', 'shared', 'corpus', 'kics', 'k8s');

/** KICS query folder -> the k8slint rules that cover the same problem. Queries about API-server, kubelet or etcd flags and PodSecurityPolicies are out of scope. */
export const TABLE = {
  cluster_admin_role_binding_with_super_user_permissions: ['cluster-admin-binding'],
  cluster_allows_unsafe_sysctls: ['unsafe-sysctls'],
  container_is_privileged: ['privileged-container'],
  container_runs_unmasked: ['unmasked-proc-mount'],
  containers_run_with_low_uid: ['low-user-id'],
  containers_running_as_root: ['run-as-non-root', 'run-as-root-user'],
  containers_with_added_capabilities: ['capabilities-added'],
  containers_with_sys_admin_capabilities: ['capabilities-added'],
  cpu_limits_not_set: ['missing-cpu-limit'],
  cpu_requests_not_set: ['missing-resource-requests'],
  cronjob_deadline_not_configured: ['cronjob-missing-deadline'],
  deployment_has_no_pod_anti_affinity: ['no-pod-anti-affinity'],
  deployment_without_pod_disruption_budget: ['missing-pdb'],
  docker_daemon_socket_is_exposed_to_containers: ['sensitive-host-mount'],
  hpa_targeted_deployments_with_configured_replica_count: ['hpa-target-sets-replicas'],
  hpa_targets_invalid_object: ['hpa-target-missing'],
  image_pull_policy_of_container_is_not_always: ['mutable-tag-pull-policy'],
  image_without_digest: ['image-not-pinned-by-digest'],
  invalid_image: ['unpinned-image'],
  liveness_probe_is_not_defined: ['missing-liveness-probe'],
  memory_limits_not_defined: ['missing-memory-limit'],
  memory_requests_not_defined: ['missing-resource-requests'],
  missing_app_armor_config: ['apparmor-unconfined'],
  net_raw_capabilities_not_being_dropped: ['net-raw-not-dropped', 'capabilities-not-dropped'],
  network_policy_is_not_targeting_any_pod: ['networkpolicy-selects-no-pods'],
  no_drop_capabilities_for_containers: ['capabilities-not-dropped'],
  non_kube_system_pod_with_host_mount: ['host-path-volume'],
  object_is_using_a_deprecated_api_version: ['deprecated-api', 'removed-api'],
  permissive_access_to_create_pods: ['rbac-create-workloads'],
  pod_misconfigured_network_policy: ['pod-not-isolated'],
  privilege_escalation_allowed: ['privilege-escalation-allowed'],
  rbac_roles_allow_privilege_escalation: ['rbac-escalation-verbs'],
  rbac_roles_with_attach_permission: ['rbac-pod-exec'],
  rbac_roles_with_exec_permission: ['rbac-pod-exec'],
  rbac_roles_with_impersonate_permission: ['rbac-escalation-verbs'],
  rbac_roles_with_read_secrets_permissions: ['rbac-secrets-access'],
  rbac_wildcard_in_rule: ['rbac-wildcard'],
  readiness_probe_is_not_configured: ['missing-readiness-probe'],
  role_binding_to_default_service_account: ['rbac-binding-risky-subject'],
  root_container_not_mounted_as_read_only: ['writable-root-filesystem'],
  seccomp_profile_is_not_configured: ['seccomp-profile-missing', 'seccomp-unconfined'],
  secrets_as_environment_variables: ['secret-in-env-var'],
  service_account_allows_access_secrets: ['rbac-secrets-access'],
  service_account_name_undefined_or_empty: ['default-service-account'],
  service_account_token_automount_not_disabled: ['service-account-token-automount'],
  service_does_not_target_pod: ['service-selects-no-pods', 'service-target-port-missing'],
  service_type_is_nodeport: ['service-type-exposed'],
  service_with_external_load_balancer: ['service-type-exposed'],
  shared_host_ipc_namespace: ['host-ipc'],
  shared_host_network_namespace: ['host-network'],
  shared_host_pid_namespace: ['host-pid'],
  statefulset_has_no_pod_anti_affinity: ['no-pod-anti-affinity'],
  statefulset_without_pod_disruption_budget: ['missing-pdb'],
  statefulset_without_service_name: ['statefulset-service-missing'],
  using_unrecommended_namespace: ['default-namespace'],
  volume_mount_with_os_directory_write_permissions: ['writable-host-mount'],
  workload_mounting_with_sensitive_os_directory: ['sensitive-host-mount'],
};

function expectedLines(testDir) {
  const file = join(testDir, 'positive_expected_result.json');
  if (!existsSync(file)) return new Map();
  const positives = readdirSync(testDir).filter((f) => /^positive\d*\.(ya?ml|json)$/.test(f));
  const byFile = new Map();
  for (const entry of JSON.parse(readFileSync(file, 'utf8'))) {
    const name = entry.fileName ?? entry.filename ?? (positives.length === 1 ? positives[0] : 'positive.yaml');
    if (!byFile.has(name)) byFile.set(name, new Set());
    byFile.get(name).add(entry.line);
  }
  return byFile;
}

async function main() {
  if (!existsSync(corpus)) {
    console.log(`kics-k8s-check: ${corpus} is absent; skipping.`);
    return 0;
  }
  const dist = join(root, 'dist', 'src', 'index.js');
  if (!existsSync(dist)) {
    console.log('kics-k8s-check: dist/ is missing; run `npm run build` first.');
    return 2;
  }
  const { lintTexts, registry } = await import(dist);
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const only = args.filter((a) => !a.startsWith('--'));
  const totals = { queries: 0, covered: 0, exact: 0, filesAgree: 0 };
  for (const [query, ruleIds] of Object.entries(TABLE)) {
    if (only.length > 0 && !only.includes(query)) continue;
    const testDir = join(corpus, query, 'test');
    if (!existsSync(testDir)) continue;
    totals.queries++;
    const known = ruleIds.filter((id) => registry.resolve(id));
    if (known.length === 0) {
      console.log(`${query}  ${ruleIds.join(',')}  rule not registered`);
      continue;
    }
    totals.covered++;
    const lint = (file) => {
      const text = readFileSync(join(testDir, file), 'utf8');
      const result = lintTexts([{ path: file, text, kind: 'kubernetes' }], { rules: known });
      return result.findings.filter((f) => known.includes(f.ruleId));
    };
    const notes = [];
    let hit = 0;
    let total = 0;
    let filesHit = 0;
    const expected = expectedLines(testDir);
    for (const [file, lines] of expected) {
      if (!existsSync(join(testDir, file))) continue;
      const findings = lint(file);
      const found = new Set(findings.map((f) => f.span.line));
      if (findings.length > 0) filesHit++;
      for (const line of lines) {
        total++;
        if (found.has(line)) hit++;
        else notes.push(`miss ${file}:${line} (k8slint: ${[...found].join(',') || 'nothing'})`);
      }
    }
    const negatives = readdirSync(testDir)
      .filter((f) => /^negative\d*\.(ya?ml|json)$/.test(f))
      .sort();
    let noisy = 0;
    for (const file of negatives) {
      const findings = lint(file);
      if (findings.length > 0) {
        noisy++;
        notes.push(...findings.map((f) => `fires on ${file}:${f.span.line} ${f.ruleId}: ${f.message}`));
      }
    }
    const filesAgree = filesHit === expected.size && noisy === 0;
    if (filesAgree) totals.filesAgree++;
    if (filesAgree && hit === total) totals.exact++;
    console.log(
      `${query}  ${known.join(',')}  lines ${hit}/${total}  positive files ${filesHit}/${expected.size}  negatives ${negatives.length - noisy}/${negatives.length} silent`,
    );
    if (verbose) for (const n of notes) console.log(`    ${n}`);
  }
  console.log(
    `kics-k8s-check: ${totals.queries} mapped queries; ${totals.covered} with a k8slint rule; ${totals.filesAgree} agree file by file (every positive file reported, every negative silent); ${totals.exact} of those also on every expected line`,
  );
  return 0;
}

process.exitCode = await main();
