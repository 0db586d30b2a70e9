#!/usr/bin/env node
// Runs the built k8slint (dist/, `npm run build` first) over Checkov's labelled Kubernetes graph
// samples (../shared/corpus/checkov/tests/kubernetes/graph/checks/resources/<check>/ with the
// expected passing and failing resources in ../shared/corpus/checkov/graph_expectations.tsv) and
// prints, per Checkov cross-object check mapped below, which of its failing resources k8slint
// reports (a finding whose object is that resource, or a binding's role it names) and whether its
// passing resources stay silent. A measurement, not a gate; skips when the corpus is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.CHECKOV_DIR ?? join(root, '..', 'shared', 'corpus', 'checkov');

/** Checkov graph check folder -> the k8slint rules for the same problem. */
const TABLE = {
  ImpersonatePermissions: ['rbac-escalation-verbs'],
  NoCreateNodesProxyOrPodsExec: ['rbac-pod-exec', 'rbac-create-workloads'],
  ModifyServicesStatus: ['rbac-service-status-write'],
  ReadAllSecrets: ['rbac-secrets-access'],
  RequireAllPodsToHaveNetworkPolicy: ['pod-not-isolated'],
  RoleBindingPE: ['rbac-binding-risky-subject', 'rbac-escalation-verbs'],
};

function yamlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** `Kind.namespace.name[.labels…]` -> `Kind/name`; Checkov names a Deployment's pods `Pod.<ns>.<deployment>`. */
const kindAndName = (resource) => {
  const [kind, , name] = resource.split('.');
  return `${kind}/${name}`;
};

/** k8slint reports a Role that grants too much; Checkov the bindings that grant it: map each reported role to its bindings. */
function bindingsOf(files, roles) {
  const out = [];
  for (const file of files) {
    for (const doc of jsyaml.loadAll(file.text)) {
      if (!doc || !/RoleBinding$/.test(doc.kind ?? '')) continue;
      if (roles.has(`${doc.roleRef?.kind}/${doc.roleRef?.name}`)) out.push(`${doc.kind}/${doc.metadata?.name}`);
    }
  }
  return out;
}

async function main() {
  const expectations = join(corpus, 'graph_expectations.tsv');
  if (!existsSync(expectations)) {
    console.log(`checkov-k8s-graph-check: ${corpus} is absent; skipping.`);
    return 0;
  }
  const { lintTexts } = await import(join(root, 'dist', 'src', 'index.js'));
  const rows = readFileSync(expectations, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));
  for (const [platform, folder, checkId, , , pass = '', fail = ''] of rows) {
    if (platform !== 'kubernetes') continue;
    const rules = TABLE[folder];
    if (!rules) {
      console.log(`${folder} (${checkId})  not mapped`);
      continue;
    }
    const dir = join(corpus, 'tests', 'kubernetes', 'graph', 'checks', 'resources', folder);
    const files = yamlFiles(dir).map((path) => ({
      path: path.slice(dir.length + 1),
      text: readFileSync(path, 'utf8'),
      kind: 'kubernetes',
    }));
    const findings = lintTexts(files, { rules }).findings.filter((f) => rules.includes(f.ruleId));
    const reported = new Set(findings.map((f) => (f.object ?? '').replace(/^([^/]+)\/[^/]+\/([^/]+)$/, '$1/$2')));
    for (const binding of bindingsOf(files, reported)) reported.add(binding);
    // Checkov judges a Deployment's pods as `Pod.<namespace>.<deployment name>`.
    for (const object of [...reported]) if (object.startsWith('Deployment/')) reported.add(object.replace('Deployment/', 'Pod/'));
    const failing = fail.split(' | ').filter(Boolean).map(kindAndName);
    const passing = pass.split(' | ').filter(Boolean).map(kindAndName);
    const hit = failing.filter((r) => reported.has(r));
    const noisy = passing.filter((r) => reported.has(r));
    console.log(
      `${folder} (${checkId})  ${rules.join(',')}  failing reported ${hit.length}/${failing.length}  passing silent ${passing.length - noisy.length}/${passing.length}  k8slint objects: ${[...reported].join(' ') || 'none'}`,
    );
  }
  return 0;
}

process.exitCode = await main();
