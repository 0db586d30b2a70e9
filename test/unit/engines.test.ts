import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.js';

// semver comes with npm's own tree (a dependency of several dev dependencies); it is what npm uses for EBADENGINE.
const semver = createRequire(import.meta.url)('semver') as { satisfies: (version: string, range: string) => boolean };

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

/** The Node versions the README promises (20+): the oldest 20 our tool chain supports, and the one running the tests. */
const NODE_VERSIONS = ['20.19.0', process.version.replace(/^v/, '')];

describe('npm ci on Node 20 prints no EBADENGINE warning', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
  const ranges = Object.entries(lock.packages).flatMap(([path, pkg]) => {
    const node = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
    return node ? [{ path, version: pkg.version, node }] : [];
  });

  it('reads the engines of the locked packages', () => {
    expect(ranges.length).toBeGreaterThan(10);
  });

  for (const nodeVersion of NODE_VERSIONS) {
    it(`every locked package accepts Node ${nodeVersion}`, () => {
      const refusing = ranges.filter((r) => !semver.satisfies(nodeVersion, r.node)).map((r) => `${r.path}@${r.version}: node ${r.node}`);
      expect(refusing).toEqual([]);
    });
  }
});
