import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import AjvModule from 'ajv';
import { take } from '../helpers/defined.js';

const Ajv = AjvModule as unknown as typeof AjvModule.default;
const root = join(import.meta.dirname, '..', '..', 'schemas');

interface Entry {
  apiVersion: string;
  kind: string;
  component: 'k8s' | 'cert-manager' | 'istio';
  deprecatedIn: string | null;
  removedIn: string | null;
  removalPlanned?: boolean;
  replacement: string | null;
  replacementKind?: string;
  replacementAvailableIn: string | null;
  notes?: string;
}

const data = JSON.parse(readFileSync(join(root, 'deprecations.json'), 'utf8')) as { entries: Entry[] };
const schema = JSON.parse(readFileSync(join(root, 'deprecations.schema.json'), 'utf8'));

function find(apiVersion: string, kind: string): Entry {
  const e = data.entries.find((x) => x.apiVersion === apiVersion && x.kind === kind);
  if (!e) throw new Error(`no entry for ${apiVersion} ${kind}`);
  return e;
}

/** "1.9" < "1.16" */
function cmp(a: string, b: string): number {
  const [am, an] = take(a.split('.').map(Number), 2);
  const [bm, bn] = take(b.split('.').map(Number), 2);
  return am - bm || an - bn;
}

describe('schemas/deprecations.json', () => {
  it('validates against deprecations.schema.json', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('has one entry per apiVersion and kind', () => {
    const keys = data.entries.map((e) => `${e.apiVersion} ${e.kind}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('orders the versions of every entry consistently', () => {
    for (const e of data.entries) {
      const what = `${e.apiVersion} ${e.kind}`;
      if (e.deprecatedIn && e.removedIn) expect(cmp(e.deprecatedIn, e.removedIn), what).toBeLessThanOrEqual(0);
      if (e.replacementAvailableIn && e.removedIn) expect(cmp(e.replacementAvailableIn, e.removedIn), what).toBeLessThanOrEqual(0);
      if (e.replacement === null) expect(e.replacementAvailableIn, what).toBeNull();
      if (e.removalPlanned) expect(e.removedIn, what).not.toBeNull();
      expect(e.replacement, what).not.toBe(e.apiVersion);
    }
  });

  it('carries the well-known Kubernetes removals', () => {
    expect(find('extensions/v1beta1', 'Deployment')).toMatchObject({
      component: 'k8s',
      deprecatedIn: '1.9',
      removedIn: '1.16',
      replacement: 'apps/v1',
      replacementAvailableIn: '1.9',
    });
    expect(find('policy/v1beta1', 'PodDisruptionBudget')).toMatchObject({ removedIn: '1.25', replacement: 'policy/v1' });
    expect(find('policy/v1beta1', 'PodSecurityPolicy')).toMatchObject({ removedIn: '1.25', replacement: null, replacementAvailableIn: null });
    expect(find('batch/v1beta1', 'CronJob')).toMatchObject({ removedIn: '1.25', replacement: 'batch/v1' });
    expect(find('autoscaling/v2beta1', 'HorizontalPodAutoscaler')).toMatchObject({ removedIn: '1.25', replacement: 'autoscaling/v2' });
    expect(find('autoscaling/v2beta2', 'HorizontalPodAutoscaler')).toMatchObject({ removedIn: '1.26', replacement: 'autoscaling/v2' });
    expect(find('networking.k8s.io/v1beta1', 'Ingress')).toMatchObject({ removedIn: '1.22', replacement: 'networking.k8s.io/v1' });
    expect(find('extensions/v1beta1', 'Ingress')).toMatchObject({ deprecatedIn: '1.14', removedIn: '1.22' });
    expect(find('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema').removedIn).toBe('1.26');
    expect(find('flowcontrol.apiserver.k8s.io/v1beta2', 'PriorityLevelConfiguration').removedIn).toBe('1.29');
    expect(find('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema')).toMatchObject({ removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' });
    expect(find('storage.k8s.io/v1beta1', 'CSIStorageCapacity').removedIn).toBe('1.27');
    expect(find('apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition').removedIn).toBe('1.22');
    expect(find('admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration').removedIn).toBe('1.22');
    expect(find('admissionregistration.k8s.io/v1beta1', 'MutatingWebhookConfiguration').removedIn).toBe('1.22');
    for (const kind of ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']) {
      expect(find('rbac.authorization.k8s.io/v1beta1', kind).removedIn).toBe('1.22');
    }
    expect(find('certificates.k8s.io/v1beta1', 'CertificateSigningRequest').removedIn).toBe('1.22');
    expect(find('coordination.k8s.io/v1beta1', 'Lease').removedIn).toBe('1.22');
    expect(find('scheduling.k8s.io/v1beta1', 'PriorityClass').removedIn).toBe('1.22');
    expect(find('discovery.k8s.io/v1beta1', 'EndpointSlice').removedIn).toBe('1.25');
    expect(find('events.k8s.io/v1beta1', 'Event').removedIn).toBe('1.25');
    expect(find('node.k8s.io/v1beta1', 'RuntimeClass').removedIn).toBe('1.25');
  });

  it('chains replacements to a served API', () => {
    const resolve = (apiVersion: string, kind: string): string | null => {
      const seen = new Set<string>();
      let current: Entry | undefined = find(apiVersion, kind);
      let target: string | null = apiVersion;
      while (current) {
        if (seen.has(current.apiVersion)) throw new Error(`replacement cycle at ${current.apiVersion}`);
        seen.add(current.apiVersion);
        target = current.replacement;
        if (!target) return null;
        const k: string = current.replacementKind ?? kind;
        current = data.entries.find((x) => x.apiVersion === target && x.kind === k && x.removedIn !== null && !x.removalPlanned);
      }
      return target;
    };
    expect(resolve('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema')).toBe('flowcontrol.apiserver.k8s.io/v1');
    expect(resolve('extensions/v1beta1', 'PodSecurityPolicy')).toBeNull();
    expect(resolve('certmanager.k8s.io/v1alpha1', 'Certificate')).toBe('cert-manager.io/v1');
    for (const e of data.entries) expect(() => resolve(e.apiVersion, e.kind)).not.toThrow();
  });

  it('marks cert-manager and Istio entries with their own component and versions', () => {
    for (const v of ['v1alpha2', 'v1alpha3', 'v1beta1']) {
      for (const kind of ['Certificate', 'Issuer', 'ClusterIssuer', 'CertificateRequest']) {
        expect(find(`cert-manager.io/${v}`, kind)).toMatchObject({ component: 'cert-manager', removedIn: '1.6', replacement: 'cert-manager.io/v1' });
      }
      expect(find(`acme.cert-manager.io/${v}`, 'Order')).toMatchObject({ component: 'cert-manager', replacement: 'acme.cert-manager.io/v1' });
    }
    expect(find('rbac.istio.io/v1alpha1', 'ServiceRole')).toMatchObject({ component: 'istio', replacementKind: 'AuthorizationPolicy' });
    // Kubernetes API groups never carry a component other than k8s (certmanager.k8s.io
    // was cert-manager's own group before 0.11)
    for (const e of data.entries) {
      const group = e.apiVersion.includes('/') ? e.apiVersion.slice(0, e.apiVersion.indexOf('/')) : '';
      const kubernetesGroup = group === '' || /^(apps|batch|policy|autoscaling|extensions)$/.test(group) || (group.endsWith('.k8s.io') && group !== 'certmanager.k8s.io');
      expect(e.component === 'k8s', `${e.apiVersion} ${e.component}`).toBe(kubernetesGroup);
    }
  });

  it('agrees with the generated schemas: removed APIs are not served by the versions we ship', () => {
    const index = JSON.parse(readFileSync(join(root, 'kubernetes', 'index.json'), 'utf8'));
    for (const v of index.versions as { version: string; directory: string }[]) {
      const defs = JSON.parse(readFileSync(join(root, 'kubernetes', v.directory, '_definitions.json'), 'utf8'));
      const minor = v.version.split('.').slice(0, 2).join('.');
      for (const e of data.entries) {
        // ComponentStatus is read-only: the schemas only carry kinds a user can create
        if (e.component !== 'k8s' || e.kind === 'ComponentStatus') continue;
        const served = Boolean(defs.kinds[e.apiVersion]?.[e.kind]);
        if (e.removedIn && cmp(e.removedIn, minor) <= 0) expect(served, `${e.apiVersion} ${e.kind} in ${v.version}`).toBe(false);
        if (e.removedIn === null || cmp(e.removedIn, minor) > 0) {
          if (e.deprecatedIn && cmp(e.deprecatedIn, minor) <= 0 && defs.kinds[e.apiVersion]) {
            expect(served, `${e.apiVersion} ${e.kind} still served in ${v.version}`).toBe(true);
          }
        }
      }
    }
  });
});
