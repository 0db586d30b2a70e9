#!/usr/bin/env node
// Build step: compiles the bundled schemas of the most common kinds of the default Kubernetes
// version into dist/validators, so a run does not compile them (a pre-commit run is mostly start-up).
// The files ship in the package and are as trusted as its code; nothing is ever loaded from a cache
// directory. Other kinds and versions compile on first use.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { BundledSchemas } = await import(join(root, 'dist/src/schema/bundled.js'));
const { bundledVersionFor } = await import(join(root, 'dist/src/schema/versions.js'));
const { LATEST_KUBERNETES } = await import(join(root, 'dist/src/app/defaults.js'));

const COMMON_KINDS = [
  'pod-v1',
  'service-v1',
  'configmap-v1',
  'secret-v1',
  'serviceaccount-v1',
  'namespace-v1',
  'persistentvolumeclaim-v1',
  'deployment-apps-v1',
  'statefulset-apps-v1',
  'daemonset-apps-v1',
  'replicaset-apps-v1',
  'job-batch-v1',
  'cronjob-batch-v1',
  'ingress-networking-v1',
  'networkpolicy-networking-v1',
  'horizontalpodautoscaler-autoscaling-v2',
  'poddisruptionbudget-policy-v1',
  'role-rbac-v1',
  'rolebinding-rbac-v1',
  'clusterrole-rbac-v1',
  'clusterrolebinding-rbac-v1',
];

const outDir = join(root, 'dist', 'validators');
rmSync(outDir, { recursive: true, force: true });
const written = new BundledSchemas(bundledVersionFor(LATEST_KUBERNETES), null).precompile(outDir, COMMON_KINDS);
if (written.length !== COMMON_KINDS.length) {
  console.error(`precompile-validators: ${COMMON_KINDS.length - written.length} of the common kinds have no bundled schema`);
  process.exit(1);
}

// The Compose Specification schema (schemas/compose-spec.json), compiled the same way.
const { precompileComposeValidator } = await import(join(root, 'dist/src/schema/compose.js'));
precompileComposeValidator(outDir);
