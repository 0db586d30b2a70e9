import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../helpers/build.js';

export const PLUGIN_FIXTURES = join(ROOT, 'fixtures/plugins');

export interface Project {
  dir: string;
  write(path: string, text: string): string;
  /** Installs a fixture plugin (fixtures/plugins/<name>) into the project's node_modules, as npm links a local folder. */
  install(name: string): void;
  remove(): void;
}

/** A throw-away project folder with its own node_modules. */
export function project(files: Record<string, string> = {}, plugins: string[] = []): Project {
  const dir = mkdtempSync(join(tmpdir(), 'k8slint-plugins-'));
  const p: Project = {
    dir,
    write(path, text) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      return full;
    },
    install(name) {
      const target = join(dir, 'node_modules', name);
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(join(PLUGIN_FIXTURES, name), target, 'dir');
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const [path, text] of Object.entries(files)) p.write(path, text);
  for (const name of plugins) p.install(name);
  return p;
}

export const DEPLOYMENT_WITHOUT_TEAM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.4.2
`;

export const DEPLOYMENT_WITH_TEAM = DEPLOYMENT_WITHOUT_TEAM.replace('    app: api\nspec', '    app: api\n    team: payments\nspec');

/** Whether this Node.js can require() an ES module synchronously (20.19+, 22.12+). */
export function canRequireEsm(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
}
