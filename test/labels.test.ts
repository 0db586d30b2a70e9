import { describe, expect, it } from 'vitest';
import { formatProblem } from '../rules/_lib/labels.js';
import { labelKeyProblem } from '../rules/dockerfile/invalid-label-key.js';

describe('label schema formats', () => {
  const ok = (format: Parameters<typeof formatProblem>[0], value: string) => formatProblem(format, value) === undefined;
  it('url', () => {
    expect(ok('url', 'https://github.com/org/repo')).toBe(true);
    expect(ok('url', 'github.com/org/repo')).toBe(false);
  });
  it('rfc3339', () => {
    expect(ok('rfc3339', '2024-05-01T12:00:00Z')).toBe(true);
    expect(ok('rfc3339', '2024-05-01T12:00:00.123+02:00')).toBe(true);
    expect(ok('rfc3339', '2024-13-01T12:00:00Z')).toBe(false);
    expect(ok('rfc3339', '2024-05-01')).toBe(false);
  });
  it('semver', () => {
    expect(ok('semver', '1.4.2-rc.1+build.5')).toBe(true);
    expect(ok('semver', 'v1.4.2')).toBe(true);
    expect(ok('semver', '1.4')).toBe(false);
    expect(ok('semver', '01.4.2')).toBe(false);
  });
  it('hash', () => {
    expect(ok('hash', '3f2a9c1')).toBe(true);
    expect(ok('hash', 'a'.repeat(40))).toBe(true);
    expect(ok('hash', 'main')).toBe(false);
  });
  it('spdx (syntax)', () => {
    expect(ok('spdx', 'Apache-2.0')).toBe(true);
    expect(ok('spdx', '(MIT OR Apache-2.0) AND BSD-3-Clause')).toBe(true);
    expect(ok('spdx', 'GPL-2.0-or-later WITH Classpath-exception-2.0')).toBe(true);
    expect(ok('spdx', 'Apache 2.0')).toBe(false);
    expect(ok('spdx', 'MIT OR')).toBe(false);
    expect(ok('spdx', '(MIT')).toBe(false);
  });
  it('email', () => {
    expect(ok('email', 'team@example.com')).toBe(true);
    expect(ok('email', 'team at example.com')).toBe(false);
  });
});

describe('label keys', () => {
  it("follows Docker's key conventions", () => {
    expect(labelKeyProblem('org.opencontainers.image.source')).toBeUndefined();
    expect(labelKeyProblem('maintainer')).toBeUndefined();
    expect(labelKeyProblem('app_name')).toBeUndefined();
    expect(labelKeyProblem('Version')).toMatch(/lower-case/);
    expect(labelKeyProblem('com.docker.compose.project')).toMatch(/reserved/);
    expect(labelKeyProblem('a..b')).toMatch(/consecutive/);
    expect(labelKeyProblem('${KEY}')).toBeUndefined();
  });
});
