import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/discover/discover.js';
import { contextPath, dockerignoreMatcher } from '../rules/_lib/dockerignore.js';

describe('dockerignoreMatcher (Docker semantics, not gitignore)', () => {
  const m = dockerignoreMatcher('# comment\nnode_modules\n*.log\n./.env\nsecrets/\n!secrets/public.pem\n**/*.tmp\n/dist\n');
  it('anchors patterns at the context root', () => {
    expect(m.ignores('node_modules')).toBe(true);
    expect(m.ignores('node_modules/x/index.js')).toBe(true);
    expect(m.ignores('src/node_modules')).toBe(false);
    expect(m.ignores('app.log')).toBe(true);
    expect(m.ignores('logs/app.log')).toBe(false);
    expect(m.ignores('.env')).toBe(true);
    expect(m.ignores('dist/app.js')).toBe(true);
  });
  it('lets a later negation re-include a file under an excluded directory', () => {
    expect(m.ignores('secrets/key.pem')).toBe(true);
    expect(m.ignores('secrets/public.pem')).toBe(false);
  });
  it('tells whether the file has re-inclusions', () => {
    expect(m.hasExclusions).toBe(true);
    expect(dockerignoreMatcher('node_modules\n').hasExclusions).toBe(false);
  });
  it('matches ** at any depth', () => {
    expect(m.ignores('a/b/c.tmp')).toBe(true);
    expect(m.ignores('c.tmp')).toBe(true);
    expect(m.ignores('package.json')).toBe(false);
  });
});

describe('contextPath', () => {
  it('normalises judgeable sources and refuses the rest', () => {
    expect(contextPath('./node_modules/')).toBe('node_modules');
    expect(contextPath('/src/../.env')).toBe('.env');
    expect(contextPath('.')).toBeUndefined();
    expect(contextPath('../outside')).toBeUndefined();
    expect(contextPath('*.log')).toBeUndefined();
    expect(contextPath('${FILE}')).toBeUndefined();
    expect(contextPath('https://example.com/a')).toBeUndefined();
    expect(contextPath('<<EOF')).toBeUndefined();
  });
});

describe('discovery loads the .dockerignore that applies to a Dockerfile', () => {
  it('prefers <name>.dockerignore, falls back to .dockerignore next to the Dockerfile', () => {
    const root = mkdtempSync(join(tmpdir(), 'k8slint-dockerignore-'));
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    mkdirSync(join(root, 'c'));
    writeFileSync(join(root, 'a', 'Dockerfile'), 'FROM alpine:3.20\n');
    writeFileSync(join(root, 'a', '.dockerignore'), 'secret.txt\n');
    writeFileSync(join(root, 'b', 'app.Dockerfile'), 'FROM alpine:3.20\n');
    writeFileSync(join(root, 'b', '.dockerignore'), 'secret.txt\n');
    writeFileSync(join(root, 'b', 'app.Dockerfile.dockerignore'), 'other.txt\n');
    writeFileSync(join(root, 'c', 'Dockerfile'), 'FROM alpine:3.20\n');
    const { files, errors } = discover([root], { cwd: root, ignorePaths: [] });
    expect(errors).toEqual([]);
    expect(files.find((f) => f.path.endsWith(join('a', 'Dockerfile')))?.dockerignore).toBe('secret.txt\n');
    expect(files.find((f) => f.path.endsWith('app.Dockerfile'))?.dockerignore).toBe('other.txt\n');
    expect(files.find((f) => f.path.endsWith(join('c', 'Dockerfile')))?.dockerignore).toBeUndefined();
  });
});
