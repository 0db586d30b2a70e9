import { describe, expect, it } from 'vitest';
import { k8slint } from './helpers/cli.js';

interface Finding {
  ruleId: string;
  line: number;
  column: number;
  object?: string;
}

function findings(argv: string[], stdin?: string): { code: number | null; list: Finding[] } {
  const run = k8slint(['--format', 'json', ...argv], stdin === undefined ? {} : { stdin });
  return { code: run.code, list: (JSON.parse(run.stdout) as { findings: Finding[] }).findings };
}

describe('Compose targets of the security rules (issue 13)', () => {
  it('reports the issue example once per problem, at its line', () => {
    const { code, list } = findings(['fixtures/compose-top/docker-compose.yml']);
    expect(list.map((f) => [f.ruleId, f.line, f.column, f.object])).toEqual([
      ['unpinned-image', 4, 5, 'service/ollama'],
      ['privileged-container', 5, 5, 'service/ollama'],
      ['sensitive-host-mount', 7, 9, 'service/ollama'],
      ['env-literal-secret', 10, 9, 'service/ollama'],
    ]);
    expect(code).toBe(1);
  });

  it('finds nothing in a clean AI stack', () => {
    const { code, list } = findings(['fixtures/scenarios/ai-stack.compose.yaml']);
    expect(list).toEqual([]);
    expect(code).toBe(0);
  });

  it('never reads a variable as a literal value', () => {
    const text = [
      'services:',
      '  app:',
      '    image: ollama/ollama:${TAG}',
      '    network_mode: ${NET:-bridge}',
      '    environment:',
      '      OPENAI_API_KEY: ${OPENAI_API_KEY}',
      '      DB_PASSWORD: ${DB_PASSWORD:-}',
      '    build:',
      '      context: .',
      '      args:',
      '        - NPM_TOKEN=${NPM_TOKEN}',
      '    volumes:',
      '      - ${DOCKER_SOCK}:/var/run/docker.sock',
      '    mem_limit: 1g',
      '',
    ].join('\n');
    const { list } = findings(['--stdin-filename', 'compose.yaml', '-'], text);
    expect(list).toEqual([]);
  });

  it('reports host namespaces, capabilities, unconfined profiles, SSH ports, build-arg secrets and missing memory limits', () => {
    const text = [
      'services:',
      '  box:',
      '    image: alpine:3.20',
      '    network_mode: host',
      '    pid: host',
      '    ipc: host',
      '    cap_add: [NET_ADMIN, CHOWN]',
      '    security_opt:',
      '      - seccomp:unconfined',
      '      - apparmor=unconfined',
      '      - no-new-privileges:true',
      '    ports:',
      '      - "2222:22"',
      '    build:',
      '      context: .',
      '      args:',
      '        GITHUB_TOKEN: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
      '',
    ].join('\n');
    const { list } = findings(['--stdin-filename', 'compose.yaml', '-'], text);
    expect(list.map((f) => [f.ruleId, f.line])).toEqual(
      expect.arrayContaining([
        ['host-network', 4],
        ['host-pid', 5],
        ['host-ipc', 6],
        ['capabilities-added', 7],
        ['seccomp-unconfined', 9],
        ['apparmor-unconfined', 10],
        ['ssh-port-exposed', 13],
        ['env-literal-secret', 17],
      ]),
    );
    expect(list.filter((f) => f.ruleId === 'capabilities-added')).toHaveLength(1);
    // Compose memory limits are judged only with the option `compose: true`.
    expect(list.filter((f) => f.ruleId === 'missing-memory-limit')).toEqual([]);
  });
});
