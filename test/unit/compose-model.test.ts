import { describe, expect, it } from 'vitest';
import { interpolate, containsVariable } from '../../src/parsers/compose-interpolation.js';
import { buildComposeModel } from '../../src/model/compose-build.js';
import { looksLikeCompose } from '../../src/model/compose-syntax.js';
import { classify } from '../../src/discover/discover.js';
import type { SourceFile } from '../../src/types.js';

function model(text: string, path = 'compose.yaml') {
  const source: SourceFile = { path, displayPath: path, kind: 'compose', text, explicit: true };
  return buildComposeModel(source);
}

describe('Compose interpolation', () => {
  it('reads every operator, defaults and escapes', () => {
    expect(interpolate('nginx:1.27')).toMatchObject({ literal: true, withDefaults: 'nginx:1.27', variables: [] });
    expect(interpolate('$$HOME')).toMatchObject({ literal: true, withDefaults: '$HOME', variables: [] });
    const v = interpolate('${REG:-docker.io}/app:${TAG-1.0}');
    expect(v.literal).toBe(false);
    expect(v.withDefaults).toBe('docker.io/app:1.0');
    expect(v.variables.map((x) => [x.name, x.operator, x.argument])).toEqual([
      ['REG', ':-', 'docker.io'],
      ['TAG', '-', '1.0'],
    ]);
    expect(interpolate('${A:?A is required}').variables[0]).toMatchObject({ name: 'A', operator: ':?', argument: 'A is required' });
    expect(interpolate('${A:?err}').withDefaults).toBeUndefined();
    expect(interpolate('${A?err}').variables[0]?.operator).toBe('?');
    expect(interpolate('${A:+x}').variables[0]?.operator).toBe(':+');
    expect(interpolate('$PORT:80').variables[0]).toMatchObject({ name: 'PORT', braced: false, start: 0, end: 5 });
    expect(interpolate('${A:-${B:-b}}').withDefaults).toBe('b');
    expect(interpolate('${A:-${B}}').withDefaults).toBeUndefined();
    expect(interpolate('cost $ 5').literal).toBe(true);
  });

  it('reports malformed text', () => {
    expect(interpolate('${').error).toMatch(/invalid interpolation/);
    expect(interpolate('${1A}').error).toMatch(/variable name/);
    expect(interpolate('${A:-x').error).toMatch(/missing "}"/);
    expect(interpolate('${A!}').error).toMatch(/unexpected "!"/);
    expect(containsVariable('${A')).toBe(true);
    expect(containsVariable('a$$b')).toBe(false);
  });
});

describe('Compose model', () => {
  const m = model(
    [
      'version: "3.8"', // 1
      'x-base: &base', // 2
      '  restart: always', // 3
      'services:', // 4
      '  web:', // 5
      '    <<: *base', // 6
      '    image: nginx:${TAG:-1.27}', // 7
      '    build:', // 8
      '      context: ./web', // 9
      '      args:', // 10
      '        - VERSION=1', // 11
      '    ports:', // 12
      '      - "8080:80"', // 13
      '      - "127.0.0.1:9000:9000/udp"', // 14
      '      - "[::1]:5432:5432"', // 15
      '      - "8000-8010:8000-8010"', // 16
      '      - "127.0.0.1::80"', // 17
      '      - 3000', // 18
      '      - target: 443', // 19
      '        published: "${HTTPS_PORT}"', // 20
      '        host_ip: 0.0.0.0', // 21
      '    volumes:', // 22
      '      - ./data:/data:ro', // 23
      '      - cache:/cache', // 24
      '      - /anon', // 25
      '      - type: bind', // 26
      '        source: /var/run/docker.sock', // 27
      '        target: /var/run/docker.sock', // 28
      '      - ${DATA:-./d}:/d', // 29
      '    environment:', // 30
      '      - A=1', // 31
      '      - FROM_SHELL', // 32
      '    depends_on:', // 33
      '      db:', // 34
      '        condition: service_healthy', // 35
      '    networks: [front]', // 36
      '    secrets:', // 37
      '      - source: token', // 38
      '  db:', // 39
      '    image: postgres:16', // 40
      '    environment:', // 41
      '      POSTGRES_PASSWORD: ${PW:?set it}', // 42
      '      EMPTY:', // 43
      '    deploy:', // 44
      '      replicas: ${N}', // 45
      '  x-ignored:', // 46
      '    image: nothing', // 47
      'networks:', // 48
      '  front: {}', // 49
      'volumes:', // 50
      '  cache:', // 51
      '',
    ].join('\n'),
  );

  it('holds services, resources and the obsolete version', () => {
    expect(m.services.map((s) => s.name)).toEqual(['web', 'db']);
    expect(m.version?.span.line).toBe(1);
    expect([...m.networks.keys()]).toEqual(['front']);
    expect([...m.volumes.keys()]).toEqual(['cache']);
    expect(m.partial).toBe(false);
    expect(model('services: {}\n', 'compose.override.yaml').partial).toBe(true);
  });

  it('reads a service with exact positions and merged anchors', () => {
    const web = m.services[0]!;
    expect(web.object.id).toBe('service/web');
    expect(web.node.key().span).toMatchObject({ line: 5, column: 3 });
    expect(web.restart?.text).toBe('always');
    expect(web.image?.interpolation.withDefaults).toBe('nginx:1.27');
    expect(web.image?.node.span).toMatchObject({ line: 7, column: 5 });
    expect(web.build?.context?.text).toBe('./web');
    expect(web.build?.args.map((a) => [a.name, a.value?.text])).toEqual([['VERSION', '1']]);
    expect(web.environment.map((e) => [e.name, e.value?.text, e.node.span.line])).toEqual([
      ['A', '1', 31],
      ['FROM_SHELL', undefined, 32],
    ]);
    expect(web.dependsOn).toMatchObject([{ service: 'db', condition: 'service_healthy', required: true }]);
    expect(web.dependsOn[0]?.node.span.line).toBe(34);
    expect(web.networks.map((n) => n.name)).toEqual(['front']);
    expect(web.secrets.map((n) => n.name)).toEqual(['token']);
  });

  it('parses short and long port syntax', () => {
    const ports = m.services[0]!.ports.map(({ hostIp, published, target, protocol, interpolated, syntax }) => ({
      hostIp,
      published,
      target,
      protocol,
      interpolated,
      syntax,
    }));
    expect(ports).toEqual([
      { hostIp: undefined, published: '8080', target: '80', protocol: 'tcp', interpolated: false, syntax: 'short' },
      { hostIp: '127.0.0.1', published: '9000', target: '9000', protocol: 'udp', interpolated: false, syntax: 'short' },
      { hostIp: '::1', published: '5432', target: '5432', protocol: 'tcp', interpolated: false, syntax: 'short' },
      { hostIp: undefined, published: '8000-8010', target: '8000-8010', protocol: 'tcp', interpolated: false, syntax: 'short' },
      { hostIp: '127.0.0.1', published: undefined, target: '80', protocol: 'tcp', interpolated: false, syntax: 'short' },
      { hostIp: undefined, published: undefined, target: '3000', protocol: 'tcp', interpolated: false, syntax: 'short' },
      { hostIp: '0.0.0.0', published: '${HTTPS_PORT}', target: '443', protocol: 'tcp', interpolated: true, syntax: 'long' },
    ]);
    expect(m.services[0]!.ports[0]!.node.span).toMatchObject({ line: 13, column: 9 });
    const one = (text: string) => model(`services:\n  a:\n    ports:\n      - "${text}"\n`).services[0]!.ports[0]!;
    expect(one('${PORT:-5432}:5432').hostIp).toBeUndefined();
    expect(one('${PORT:-5432}:5432')).toMatchObject({ published: '${PORT:-5432}', target: '5432', interpolated: true });
    expect(one('${IP:-127.0.0.1}:${P}:80/udp')).toMatchObject({
      hostIp: '${IP:-127.0.0.1}',
      published: '${P}',
      target: '80',
      protocol: 'udp',
    });
    expect(one('::1:6379:6379')).toMatchObject({ hostIp: '::1', published: '6379', target: '6379' });
  });

  it('tells bind mounts from volumes', () => {
    const mounts = m.services[0]!.volumes.map(({ type, source, target, readOnly, interpolated }) => ({
      type,
      source,
      target,
      readOnly,
      interpolated,
    }));
    expect(mounts).toEqual([
      { type: 'bind', source: './data', target: '/data', readOnly: true, interpolated: false },
      { type: 'volume', source: 'cache', target: '/cache', readOnly: false, interpolated: false },
      { type: 'volume', source: undefined, target: '/anon', readOnly: false, interpolated: false },
      { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: false, interpolated: false },
      { type: 'bind', source: '${DATA:-./d}', target: '/d', readOnly: false, interpolated: true },
    ]);
  });

  it('keeps variables out of literal values', () => {
    const db = m.services[1]!;
    expect(db.environment.map((e) => [e.name, e.value?.interpolation.literal])).toEqual([
      ['POSTGRES_PASSWORD', false],
      ['EMPTY', undefined],
    ]);
    expect(db.deploy.replicas?.interpolation.variables.map((v) => v.name)).toEqual(['N']);
  });
});

describe('Compose file detection', () => {
  it('classifies Compose names', () => {
    for (const name of [
      'compose.yaml',
      'compose.yml',
      'docker-compose.yaml',
      'docker-compose.yml',
      'compose.override.yaml',
      'docker-compose.prod.yml',
      'docker-compose-gpu.yml',
      'gpu.compose.yaml',
      'deploy/Docker-Compose.YML',
    ])
      expect(classify(name), name).toBe('compose');
    for (const name of ['composer.yaml', 'decompose.yaml', 'deployment.yaml', 'compose.json', 'compose.yaml.orig'])
      expect(classify(name), name).not.toBe('compose');
  });

  it('recognises Compose content', () => {
    expect(looksLikeCompose('services:\n  web:\n    image: nginx\n')).toBe(true);
    expect(looksLikeCompose('# stack\nservices:\n\n  web:\n    image: nginx\n')).toBe(true);
    expect(looksLikeCompose('services: {web: {image: nginx}}\n')).toBe(true);
    expect(looksLikeCompose('apiVersion: v1\nkind: List\nservices:\n  a: 1\n')).toBe(false);
    expect(looksLikeCompose('name: x\nvalues:\n  services: 1\n')).toBe(false);
  });
});
