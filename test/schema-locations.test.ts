import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFile, lint, type ParsedFile } from '../src/engine/lint.js';
import { registry, selectRules } from '../src/cli/run.js';
import { DEFAULT_LOCATION, expandLocation, fillLocation } from '../src/schema/location.js';
import { prepareSchemas } from '../src/schema/setup.js';
import { CACHE_FORMAT, entryPath } from '../src/util/data-cache.js';

const WIDGET_SCHEMA = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: { type: 'object', properties: { size: { type: 'integer' } }, additionalProperties: false },
  },
};
const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: "3"\n  colour: red\n';

function parse(text: string, path = 'w.yaml'): ParsedFile[] {
  const result = parseFile({ path, displayPath: path, kind: 'kubernetes', text, explicit: true });
  if ('message' in result) throw new Error(result.message);
  return [result];
}

function findingsWith(
  parsed: ParsedFile[],
  locations: string[],
  extra: { crds?: string[]; cacheDir?: string; timeoutSeconds?: number } = {},
) {
  const { provider, errors } = prepareSchemas(parsed, {
    kubernetesVersion: '1.36',
    locations,
    crds: extra.crds ?? [],
    cwd: process.cwd(),
    cacheDir: extra.cacheDir,
    timeoutSeconds: extra.timeoutSeconds,
  });
  const selection = selectRules({ ignorePaths: [], rules: {} }, ['schema-unknown-field', 'schema-type', 'unknown-kind-schema'], []);
  const { findings } = lint(parsed, { registry, ...selection, kubernetesVersion: '1.36', schemas: provider });
  return { findings: findings.map((f) => `${f.span.line}:${f.span.column} ${f.ruleId}`), errors };
}

describe('kubeconform template variables', () => {
  it('fills the default location like kubeconform', () => {
    expect(expandLocation('default')).toBe(DEFAULT_LOCATION);
    expect(fillLocation(DEFAULT_LOCATION, 'apps/v1', 'Deployment', '1.36')).toBe(
      'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.36.0-standalone-strict/deployment-apps-v1.json',
    );
    expect(fillLocation(DEFAULT_LOCATION, 'v1', 'Service', '1.34.2')).toBe(
      'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.34.2-standalone-strict/service-v1.json',
    );
    expect(fillLocation(expandLocation('schemas'), 'networking.k8s.io/v1', 'Ingress', '1.33')).toBe(
      'schemas/v1.33.0-standalone-strict/ingress-networking-v1.json',
    );
  });

  it('fills the datreeio/CRDs-catalog layout', () => {
    expect(
      fillLocation(
        'https://x/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json',
        'monitoring.coreos.com/v1',
        'ServiceMonitor',
        '1.36',
      ),
    ).toBe('https://x/monitoring.coreos.com/servicemonitor_v1.json');
  });
});

describe('schema locations', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  const hits: string[] = [];

  // The CLI fetches synchronously (in a child process), so the server must not share this process's event loop.
  const SERVER = `
    const schema = ${JSON.stringify(JSON.stringify(WIDGET_SCHEMA))};
    const server = require('node:http').createServer((req, res) => {
      process.stdout.write('hit ' + req.url + '\\n');
      if (req.url === '/v1.36.0-standalone-strict/widget-example-v1.json') res.writeHead(200, { 'content-type': 'application/json' }).end(schema);
      else if (req.url.startsWith('/broken/')) res.writeHead(500).end('oops');
      else if (req.url.startsWith('/self/')) res.writeHead(200).end('{"$ref": "#"}');
      else if (req.url.startsWith('/deep/')) res.writeHead(200).end('{"a":' + '['.repeat(200000) + ']'.repeat(200000) + '}');
      else if (req.url.startsWith('/elsewhere/')) res.writeHead(302, { location: 'http://localhost:' + server.address().port + '/v1.36.0-standalone-strict/widget-example-v1.json' }).end();
      else if (req.url.startsWith('/moved/')) res.writeHead(301, { location: '/v1.36.0-standalone-strict/widget-example-v1.json' }).end();
      else if (req.url.startsWith('/slow/')) {}
      else res.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.address().port + '\\n'));
  `;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'k8slint-schemas-'));
    mkdirSync(join(dir, 'catalog', 'example.com'), { recursive: true });
    writeFileSync(join(dir, 'catalog', 'example.com', 'widget_v1.json'), JSON.stringify(WIDGET_SCHEMA));
    server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
    base = await new Promise<string>((resolve) => {
      let buffer = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let newline: number;
        while ((newline = buffer.indexOf('\n')) !== -1) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line.startsWith('port ')) resolve(`http://127.0.0.1:${line.slice(5)}`);
          if (line.startsWith('hit ')) hits.push(line.slice(4));
        }
      });
    });
  });

  afterAll(() => {
    server.kill();
  });

  /** Lets the server's output arrive. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('reads a local folder in the datreeio/CRDs-catalog layout', () => {
    const result = findingsWith(parse(WIDGET), [join(dir, 'catalog', '{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json')]);
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual(['6:9 schema-type', '7:3 schema-unknown-field']);
  });

  it('without a location, the kind has no schema (bundled schemas only)', () => {
    expect(findingsWith(parse(WIDGET), []).findings).toEqual(['2:1 unknown-kind-schema']);
  });

  it('fetches a URL base in the yannh layout, caches it on disk, and falls back to the bundled schemas', async () => {
    const cacheDir = join(dir, 'cache');
    const parsed = parse(`${WIDGET}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: 1\n`);
    const first = findingsWith(parsed, [base], { cacheDir });
    expect(first.errors).toEqual([]);
    expect(first.findings).toEqual(['6:9 schema-type', '7:3 schema-unknown-field', '14:6 schema-type']);
    await settle();
    expect(hits).toContain('/v1.36.0-standalone-strict/widget-example-v1.json');
    expect(hits).toContain('/v1.36.0-standalone-strict/configmap-v1.json');
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.entry\.json$/)]);
    hits.length = 0;
    const second = findingsWith(parsed, [base], { cacheDir });
    expect(second.findings).toEqual(first.findings);
    await settle();
    expect(hits).not.toContain('/v1.36.0-standalone-strict/widget-example-v1.json');
  });

  it('searches locations in order', () => {
    const result = findingsWith(
      parse(WIDGET),
      [
        `${base}/nothing-here/{{ .ResourceKind }}.json`,
        join(dir, 'catalog', '{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json'),
      ],
      { cacheDir: join(dir, 'cache2') },
    );
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual(['6:9 schema-type', '7:3 schema-unknown-field']);
  });

  it('turns a server error and a timeout into input errors', () => {
    const broken = findingsWith(parse(WIDGET), [`${base}/broken/{{ .ResourceKind }}.json`], { cacheDir: join(dir, 'cache3') });
    expect(broken.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('HTTP 500') })]);
    const slow = findingsWith(parse(WIDGET), [`${base}/slow/{{ .ResourceKind }}.json`], {
      cacheDir: join(dir, 'cache4'),
      timeoutSeconds: 1,
    });
    expect(slow.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('no answer within 1 s') })]);
  }, 20_000);

  it('a self-referencing or 200k-deep schema is an input error naming the URL, without a stack trace', () => {
    // The run goes on: the kind counts as having no usable schema.
    const self = findingsWith(parse(WIDGET), [`${base}/self/{{ .ResourceKind }}.json`], { cacheDir: join(dir, 'cache-self') });
    expect(self.findings).toEqual(['2:1 unknown-kind-schema']);
    const deep = findingsWith(parse(WIDGET), [`${base}/deep/{{ .ResourceKind }}.json`], { cacheDir: join(dir, 'cache-deep') });
    expect(deep.errors).toEqual([
      { file: `${base}/deep/widget.json`, message: `schema ${base}/deep/widget.json nests deeper than 500 levels` },
    ]);
    for (const message of deep.errors.map((e) => e.message)) expect(message).not.toMatch(/\n\s+at /);
  }, 20_000);

  it('follows a redirect on the same host, not to another host', () => {
    const same = findingsWith(parse(WIDGET), [`${base}/moved/{{ .ResourceKind }}.json`], { cacheDir: join(dir, 'cache-moved') });
    expect(same.errors).toEqual([]);
    expect(same.findings).toEqual(['6:9 schema-type', '7:3 schema-unknown-field']);
    const other = findingsWith(parse(WIDGET), [`${base}/elsewhere/{{ .ResourceKind }}.json`], { cacheDir: join(dir, 'cache-elsewhere') });
    expect(other.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/elsewhere\/widget\.json: it redirects to another host \(http:\/\/localhost:\d+\), not followed/),
      }),
    ]);
  }, 20_000);

  it('a timeout names the URL', () => {
    const slow = findingsWith(parse(WIDGET), [`${base}/slow/{{ .ResourceKind }}.json`], {
      cacheDir: join(dir, 'cache-slow2'),
      timeoutSeconds: 1,
    });
    expect(slow.errors[0]?.message).toBe(`cannot fetch schema ${base}/slow/widget.json: no answer within 1 s`);
  }, 20_000);

  it('an unsupported scheme or a folder that does not exist is an error, not silently ignored', () => {
    const ftp = findingsWith(parse(WIDGET), ['ftp://example.com/schemas/{{ .ResourceKind }}.json']);
    expect(ftp.errors).toEqual([
      { file: 'ftp://example.com/schemas/{{ .ResourceKind }}.json', message: expect.stringContaining('ftp:// is not supported') },
    ]);
    const missing = findingsWith(parse(WIDGET), [join(dir, 'no-such-folder', '{{ .ResourceKind }}.json')]);
    expect(missing.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('does not exist') })]);
    expect(
      findingsWith(parse(WIDGET), [join(dir, 'catalog', '{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json')]).errors,
    ).toEqual([]);
  });

  it('cache entries are data with a hash: zero-byte, corrupt, foreign or tampered entries are ignored and rebuilt', () => {
    const cacheDir = join(dir, 'cache-trust');
    const url = `${base}/v1.36.0-standalone-strict/widget-example-v1.json`;
    const expected = ['6:9 schema-type', '7:3 schema-unknown-field'];
    expect(findingsWith(parse(WIDGET), [base], { cacheDir }).findings).toEqual(expected);
    const path = entryPath(cacheDir, url);
    const entry = JSON.parse(readFileSync(path, 'utf8')) as { format: string; key: string; sha256: string; body: string };
    expect([entry.format, entry.key]).toEqual([CACHE_FORMAT, url]);
    const permissive = JSON.stringify({ type: 'object' });
    const poisoned = [
      '',
      JSON.stringify({ ...entry, body: permissive }),
      JSON.stringify({ ...entry, key: 'https://other.example/x.json' }),
    ];
    for (const content of poisoned) {
      writeFileSync(path, content);
      expect(findingsWith(parse(WIDGET), [base], { cacheDir }).findings).toEqual(expected);
      expect((JSON.parse(readFileSync(path, 'utf8')) as { body: string }).body).toBe(entry.body);
    }
  }, 30_000);

  it('--crd adds CustomResourceDefinitions that are not linted', () => {
    const crdPath = join(dir, 'crd.yaml');
    writeFileSync(
      crdPath,
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size: {type: integer}\n',
    );
    const result = findingsWith(parse(WIDGET), [], { crds: [crdPath] });
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual(['6:9 schema-type', '7:3 schema-unknown-field']);
  });

  it('leaves missing fields of kustomize inputs to kustomize build', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: web}]\n';
    const run = (folder: string) => {
      const path = join(dir, folder, 'deployment.yaml');
      const parsed = parse(text, path);
      const { provider } = prepareSchemas(parsed, { kubernetesVersion: '1.36', locations: [], crds: [], cwd: process.cwd() });
      const selection = selectRules({ ignorePaths: [], rules: {} }, ['schema-required-field'], []);
      return lint(parsed, { registry, ...selection, kubernetesVersion: '1.36', schemas: provider }).findings.map((f) => f.message);
    };
    mkdirSync(join(dir, 'plain'));
    mkdirSync(join(dir, 'base'));
    writeFileSync(
      join(dir, 'base', 'kustomization.yaml'),
      'resources: [deployment.yaml]\nlabels: [{pairs: {app: web}, includeSelectors: true}]\n',
    );
    expect(run('plain')).toEqual(['spec is missing the required field "selector"']);
    expect(run('base')).toEqual([]);
  });
});
