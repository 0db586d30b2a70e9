import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundledSchemas } from '../../src/schema/bundled.js';
import { bundledVersionFor } from '../../src/schema/versions.js';
import { cacheDirectory, readCacheEntry, writeCacheEntry, entryPath } from '../../src/util/data-cache.js';
import { runCli, scratch } from './run-cli.js';

const BAD_SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's' },
  spec: { type: 'Nodeport', ports: [{ port: 3000000000, targetPort: 'x' }], sessionAffinity: 1 },
};

describe('compiled validators', () => {
  it('are loaded precompiled only from the package directory the build wrote, with the same errors', () => {
    const dir = scratch();
    const builder = new BundledSchemas(bundledVersionFor('1.36'), null);
    expect(builder.precompile(dir, ['service-v1'])).toEqual([expect.stringMatching(/^1\.36\.0-[0-9a-f]{16}-service-v1\.cjs$/)]);
    const compiled = builder.validator('v1', 'Service')!;
    expect(builder.cachedKinds).toBe(0);
    const loadedFrom = new BundledSchemas(bundledVersionFor('1.36'), dir);
    const loaded = loadedFrom.validator('v1', 'Service')!;
    expect(loadedFrom.cachedKinds).toBe(1);
    expect(compiled(BAD_SERVICE)).toBe(false);
    expect(loaded(BAD_SERVICE)).toBe(false);
    expect(loaded.errors).toEqual(compiled.errors);
    // Compiling writes nothing anywhere at run time: the directory holds what precompile wrote.
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/-_kinds\.json$/), expect.stringMatching(/-service-v1\.cjs$/)]);
  });

  it('take the kind index from the precompiled directory, not from parsing the definitions', () => {
    const dir = scratch();
    const [validatorName] = new BundledSchemas(bundledVersionFor('1.36'), null).precompile(dir, ['service-v1']);
    const kindsName = readdirSync(dir).find((name) => name.endsWith('-_kinds.json'))!;
    expect(kindsName.replace('-_kinds.json', '')).toBe(validatorName!.replace('-service-v1.cjs', ''));
    expect(new BundledSchemas(bundledVersionFor('1.36'), dir).stem('apps/v1', 'Deployment')).toBe('deployment-apps-v1');
    // An index that knows only Services is the one consulted.
    writeFileSync(join(dir, kindsName), JSON.stringify({ v1: { Service: 'service-v1' } }));
    const fromIndex = new BundledSchemas(bundledVersionFor('1.36'), dir);
    expect(fromIndex.stem('apps/v1', 'Deployment')).toBeUndefined();
    expect(fromIndex.validator('v1', 'Service')).toBeTypeOf('function');
    // Without precompiled files, the definitions answer.
    expect(new BundledSchemas(bundledVersionFor('1.36'), scratch()).stem('apps/v1', 'Deployment')).toBe('deployment-apps-v1');
  });

  it('a module planted in the cache directory is never run, and validation stays on', () => {
    const xdg = scratch();
    const work = scratch();
    const marker = join(work, 'pwned');
    const validators = join(xdg, 'k8slint', 'validators');
    mkdirSync(validators, { recursive: true });
    const payload = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = () => true;`;
    // Every name the old cache used for a Service validator (version, any key, stem).
    for (const name of ['1.36.0-0000000000000000-service-v1.cjs', 'service-v1.cjs']) writeFileSync(join(validators, name), payload);
    writeFileSync(
      join(work, 'svc.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: Nodeport\n  ports: [{port: 80}]\n',
    );
    const run = runCli(['svc.yaml', '--format', 'json'], work);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('schema-');
    expect(existsSync(marker)).toBe(false);
  }, 30_000);
});

describe('data cache', () => {
  it('honours XDG_CACHE_HOME and a cache location', () => {
    expect(cacheDirectory('schemas', { env: { XDG_CACHE_HOME: '/x/cache' } })).toBe('/x/cache/k8slint/schemas');
    expect(cacheDirectory('schemas', { env: { XDG_CACHE_HOME: 'relative' } })).toMatch(/\.cache\/k8slint\/schemas$/);
    expect(cacheDirectory('schemas', { cacheLocation: '/ci/cache', env: { XDG_CACHE_HOME: '/x' } })).toBe('/ci/cache/schemas');
  });

  it('round-trips an entry and ignores zero-byte, truncated, tampered and foreign ones', () => {
    const dir = scratch();
    expect(writeCacheEntry(dir, 'k', '{"a":1}')).toBe(true);
    expect(readCacheEntry(dir, 'k')).toBe('{"a":1}');
    expect(readdirSync(dir)).toHaveLength(1);
    const path = entryPath(dir, 'k');
    for (const content of [
      '',
      '{"format":"k8slint-cache/1","key":"k","sha2',
      '{"format":"k8slint-cache/1","key":"k","sha256":"00","body":"{}"}',
      '[]',
      'null',
    ]) {
      writeFileSync(path, content);
      expect(readCacheEntry(dir, 'k')).toBeUndefined();
    }
    expect(writeCacheEntry(dir, 'k', '{"b":2}')).toBe(true);
    expect(readCacheEntry(dir, 'k')).toBe('{"b":2}');
    expect(writeCacheEntry('/proc/no-cache-here', 'k', 'x')).toBe(false);
  });
});
