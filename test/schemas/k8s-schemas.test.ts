import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import AjvModule, { type ErrorObject } from 'ajv';
import { defined } from '../helpers/defined.js';

const Ajv = AjvModule as unknown as typeof AjvModule.default;
const root = join(import.meta.dirname, '..', '..', 'schemas', 'kubernetes');
const VERSIONS = ['1.32.0', '1.33.0', '1.34.0', '1.36.0'];
const LATEST = '1.36.0';

function readSchema(version: string, stem: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, `v${version}-standalone-strict`, `${stem}.json`), 'utf8'));
}

function newAjv() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // OpenAPI formats carried by the schemas; register them so Ajv neither warns
  // nor ignores them.
  const int32 = (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
  ajv.addFormat('int32', { type: 'number', validate: int32 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('date-time', true);
  ajv.addFormat('byte', true);
  return ajv;
}

function validator(version: string, stem: string) {
  const validate = newAjv().compile(readSchema(version, stem));
  return (doc: unknown): ErrorObject[] => (validate(doc) ? [] : (validate.errors ?? []));
}

function goodDeployment() {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'example.com/owner': 'team' }, creationTimestamp: null },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
              resources: {
                limits: { cpu: 1, memory: '512Mi', 'nvidia.com/gpu': 1 },
                requests: { cpu: '500m', memory: '256Mi' },
              },
              livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
              env: [{ name: 'MODE', value: 'prod' }],
            },
          ],
          restartPolicy: 'Always',
        },
      },
    },
  };
}

/** The container that the tests break on purpose. */
function firstContainer(deployment: ReturnType<typeof goodDeployment>) {
  return defined(deployment.spec.template.spec.containers[0]);
}

/** What the tests read of a top-level schema. */
interface TopLevelSchema {
  properties: Record<'apiVersion' | 'kind', { enum: unknown }>;
  required: unknown;
}

describe('generated Kubernetes schemas: layout', () => {
  it('has a standalone-strict directory for each version with the usual kinds', () => {
    for (const v of VERSIONS) {
      const dir = join(root, `v${v}-standalone-strict`);
      expect(existsSync(dir), dir).toBe(true);
      for (const stem of [
        'deployment-apps-v1',
        'service-v1',
        'pod-v1',
        'configmap-v1',
        'ingress-networking-v1',
        'customresourcedefinition-apiextensions-v1',
        'clusterrole-rbac-v1',
        'cronjob-batch-v1',
        'horizontalpodautoscaler-autoscaling-v2',
        'poddisruptionbudget-policy-v1',
        'flowschema-flowcontrol-v1',
        '_definitions',
      ]) {
        expect(existsSync(join(dir, `${stem}.json`)), `${v}/${stem}`).toBe(true);
      }
      // no List kinds and no removed APIs
      const files = readdirSync(dir);
      expect(files.filter((f) => /list-/.test(f))).toEqual([]);
      expect(files).not.toContain('ingress-extensions-v1beta1.json');
      expect(files).not.toContain('poddisruptionbudget-policy-v1beta1.json');
    }
  });

  it('index.json lists every version and its sources', () => {
    const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
    expect(index.versions.map((v: { version: string }) => v.version).sort()).toEqual(VERSIONS);
    for (const v of index.versions) {
      expect(v.sources['@kubernetes/client-node']).toMatch(/^\d+\.\d+\.\d+$/);
      expect(existsSync(join(root, v.directory))).toBe(true);
    }
  });

  it('every schema is standalone: no $ref outside the file', () => {
    for (const v of VERSIONS) {
      const dir = join(root, `v${v}-standalone-strict`);
      for (const f of readdirSync(dir)) {
        if (f.startsWith('_')) continue;
        const text = readFileSync(join(dir, f), 'utf8');
        const refs = [...text.matchAll(/"\$ref":"([^"]*)"/g)].map((m) => defined(m[1]));
        for (const r of refs) expect(r.startsWith('#/definitions/'), `${v}/${f}: ${r}`).toBe(true);
      }
    }
  });

  it('top-level schemas constrain apiVersion and kind', () => {
    const s = readSchema(LATEST, 'ingress-networking-v1') as unknown as TopLevelSchema;
    expect(s.properties.apiVersion.enum).toEqual(['networking.k8s.io/v1']);
    expect(s.properties.kind.enum).toEqual(['Ingress']);
    expect(s.required).toEqual(expect.arrayContaining(['apiVersion', 'kind']));
    const svc = readSchema(LATEST, 'service-v1') as unknown as TopLevelSchema;
    expect(svc.properties.apiVersion.enum).toEqual(['v1']);
  });
});

describe('generated Kubernetes schemas: validation with ajv', () => {
  for (const version of VERSIONS) {
    describe(`v${version}`, () => {
      const validateDeployment = validator(version, 'deployment-apps-v1');

      it('accepts a good Deployment', () => {
        expect(validateDeployment(goodDeployment())).toEqual([]);
      });

      it('rejects an unknown field (resource: typo) in a container', () => {
        const d = goodDeployment();
        const c: { resources?: unknown; resource?: unknown } = firstContainer(d);
        c.resource = c.resources;
        delete c.resources;
        const errors = validateDeployment(d);
        expect(errors).toContainEqual(
          expect.objectContaining({
            keyword: 'additionalProperties',
            instancePath: '/spec/template/spec/containers/0',
            params: { additionalProperty: 'resource' },
          }),
        );
      });

      it('rejects replicas given as a string', () => {
        const d = goodDeployment();
        Object.assign(d.spec, { replicas: '3' });
        expect(validateDeployment(d)).toContainEqual(
          expect.objectContaining({ keyword: 'type', instancePath: '/spec/replicas' }),
        );
      });

      it('rejects a container without a name', () => {
        const d = goodDeployment();
        const c: { name?: unknown } = firstContainer(d);
        delete c.name;
        expect(validateDeployment(d)).toContainEqual(
          expect.objectContaining({
            keyword: 'required',
            instancePath: '/spec/template/spec/containers/0',
            params: { missingProperty: 'name' },
          }),
        );
      });

      it('rejects an unknown protocol', () => {
        const d = goodDeployment();
        defined(firstContainer(d).ports[0]).protocol = 'TCPX';
        expect(validateDeployment(d)).toContainEqual(
          expect.objectContaining({ keyword: 'enum', instancePath: '/spec/template/spec/containers/0/ports/0/protocol' }),
        );
      });

      it('rejects a wrong apiVersion and kind', () => {
        const d = goodDeployment();
        d.apiVersion = 'extensions/v1beta1';
        d.kind = 'Deploymnet';
        const errors = validateDeployment(d);
        expect(errors).toContainEqual(expect.objectContaining({ keyword: 'enum', instancePath: '/apiVersion' }));
        expect(errors).toContainEqual(expect.objectContaining({ keyword: 'enum', instancePath: '/kind' }));
      });

      it('accepts quantities as numbers and strings, rejects malformed quantity strings', () => {
        for (const cpu of [1, 0.5, '500m', '2', '1.5']) {
          const d = goodDeployment();
          Object.assign(firstContainer(d).resources.limits, { cpu });
          expect(validateDeployment(d), String(cpu)).toEqual([]);
        }
        for (const memory of ['512mb', '1GB', 'lots', true]) {
          const d = goodDeployment();
          Object.assign(firstContainer(d).resources.limits, { memory });
          expect(validateDeployment(d), String(memory)).toContainEqual(
            expect.objectContaining({ instancePath: '/spec/template/spec/containers/0/resources/limits/memory' }),
          );
        }
      });

      it('accepts null for optional fields, as the API server does', () => {
        const d = goodDeployment();
        Object.assign(firstContainer(d), { resources: null });
        Object.assign(d.spec, { strategy: null });
        expect(validateDeployment(d)).toEqual([]);
      });

      it('rejects a non-string label value', () => {
        const d = goodDeployment();
        Object.assign(d.metadata.labels, { enabled: true });
        expect(validateDeployment(d)).toContainEqual(
          expect.objectContaining({ keyword: 'type', instancePath: '/metadata/labels/enabled' }),
        );
      });

      it('accepts an integer containerPort and a named or numeric Service targetPort', () => {
        const validateService = validator(version, 'service-v1');
        const svc = {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web' },
          spec: {
            type: 'ClusterIP',
            selector: { app: 'web' },
            ports: [
              { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
              { name: 'metrics', port: 9090, targetPort: 9090 },
            ],
          },
        };
        expect(validateService(svc)).toEqual([]);
        const httpPort = defined(svc.spec.ports[0]);
        Object.assign(httpPort, { targetPort: 80.5 });
        expect(validateService(svc).length).toBeGreaterThan(0);
        Object.assign(httpPort, { targetPort: 'http' });
        svc.spec.type = 'Nodeport';
        expect(validateService(svc)).toContainEqual(expect.objectContaining({ keyword: 'enum', instancePath: '/spec/type' }));
      });
    });
  }

  it('validates a CustomResourceDefinition (recursive JSONSchemaProps kept as local definitions)', () => {
    const validate = validator(LATEST, 'customresourcedefinition-apiextensions-v1');
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { type: 'object', properties: { size: { type: 'integer' } }, 'x-kubernetes-preserve-unknown-fields': true } },
              },
            },
          },
        ],
      },
    };
    expect(validate(crd)).toEqual([]);
    Object.assign(defined(crd.spec.versions[0]).schema.openAPIV3Schema.properties.spec, { propertiez: {} });
    expect(validate(crd)).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'propertiez' } }));
  });

  it('_definitions.json compiles and validates like the standalone files', () => {
    const defs = JSON.parse(readFileSync(join(root, `v${LATEST}-standalone-strict`, '_definitions.json'), 'utf8'));
    expect(defs.kinds['apps/v1'].Deployment).toBe('deployment-apps-v1');
    expect(defs.kinds.v1.Service).toBe('service-v1');
    const ajv = newAjv();
    ajv.addSchema(defs, 'k8s');
    const validate = ajv.getSchema('k8s#/definitions/deployment-apps-v1')!;
    expect(validate(goodDeployment())).toBe(true);
    const d = goodDeployment();
    Object.assign(firstContainer(d), { resource: {} });
    expect(validate(d)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ params: { additionalProperty: 'resource' } }));
  });
});
