import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintProject } from '../src/app/lint-project.js';

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'k8slint-compose-build-'));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const DOCKERFILE = 'ARG BASE=python:latest\nFROM ${BASE} AS runtime\nRUN pip install flask==3.0.0\nUSER 10001\nFROM golang:1.22 AS tools\n';
const COMPOSE =
  'services:\n  app:\n    build:\n      context: app\n      args:\n        BASE: python:3.12-slim\n        TOKEN: ${TOKEN}\n      target: runtime\n';

function findings(files: Record<string, string>): string[] {
  const root = tree(files);
  return lintProject({ cwd: root, paths: ['.'] })
    .report.findings.filter((f) => f.file === 'app/Dockerfile')
    .map((f) => `${f.ruleId} ${f.span.line}:${f.span.column}`)
    .sort();
}

describe('a Dockerfile a Compose service builds', () => {
  it('is judged with the build args and the target stage Compose passes, findings on its own lines', () => {
    const alone = findings({ 'app/Dockerfile': DOCKERFILE });
    const built = findings({ 'app/Dockerfile': DOCKERFILE, 'compose.yaml': COMPOSE });
    // Alone: the ARG default `python:latest` is the base, and the last stage (golang, no USER) is the image.
    expect(alone).toContain('unpinned-image 2:6');
    expect(alone).toContain('missing-user 5:6');
    // Built by Compose: BASE is python:3.12-slim, the image is the `runtime` stage (with its USER), whose RUN ships.
    expect(built).not.toContain('unpinned-image 2:6');
    expect(built).not.toContain('missing-user 5:6');
    expect(built).toContain('pip-install-cache 3:5');
  });

  it('a build arg taken from the environment without a default is left to the Dockerfile', () => {
    const root = tree({
      'app/Dockerfile': 'ARG TAG=latest\nFROM nginx:${TAG}\nUSER 101\n',
      'compose.yaml': 'services:\n  app:\n    build:\n      context: app\n      args: [TAG=${TAG}]\n',
    });
    const ids = lintProject({ cwd: root, paths: ['.'] }).report.findings.map((f) => f.ruleId);
    expect(ids).toContain('unpinned-image');
  });
});
