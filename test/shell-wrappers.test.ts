import { describe, expect, it } from 'vitest';
import { buildDockerfileModel } from '../src/parsers/dockerfile.js';
import { commandsOf } from '../rules/_lib/shell.js';
import { packageCommandsOf, literalOperands, hasCacheMount } from '../rules/_lib/packages.js';
import { defined, take } from './helpers/defined.js';

function model(text: string) {
  return buildDockerfileModel({ path: 'Dockerfile', displayPath: 'Dockerfile', kind: 'dockerfile', text, explicit: true });
}
function runs(text: string) {
  const m = model(text);
  return { m, runs: m.instructions.filter((i) => i.keyword === 'RUN') };
}
function firstRun(text: string) {
  const { m, runs: all } = runs(text);
  return { m, run: defined(all[0], 'a RUN instruction') };
}
function names(text: string): string[] {
  const { m, runs: r } = runs(text);
  return r.flatMap((run) => commandsOf(m, run).map((c) => c.words.map((w) => w.value ?? w.text).join(' ')));
}

describe('effective commands', () => {
  it('sees through sudo, env, nice, nohup, command, exec, xargs, timeout', () => {
    expect(names('FROM a\nRUN sudo -E -u root apt-get install -y x\n')).toEqual(['apt-get install -y x']);
    expect(names('FROM a\nRUN env -i A=1 B=2 apk add curl\n')).toEqual(['apk add curl']);
    expect(names('FROM a\nRUN nice -n 5 nohup exec command pip install x\n')).toEqual(['pip install x']);
    expect(names('FROM a\nRUN echo a b | xargs -r -n 1 npm install\n')).toEqual(['echo a b', 'npm install']);
    expect(names('FROM a\nRUN timeout 30 yum install -y x\n')).toEqual(['yum install -y x']);
  });

  it('keeps the assignments given through env', () => {
    const { m, run } = firstRun('FROM a\nRUN env DEBIAN_FRONTEND=noninteractive apt-get install -y x\n');
    expect(defined(commandsOf(m, run)[0]).assignments.map((a) => `${a.name}=${a.value}`)).toEqual(['DEBIAN_FRONTEND=noninteractive']);
    expect(defined(commandsOf(m, run)[0]).via.map((v) => v.name)).toEqual(['env']);
  });

  it('does not unwrap `command -v`', () => {
    expect(names('FROM a\nRUN command -v curl\n')).toEqual(['command -v curl']);
  });

  it('parses sh -c and bash -c scripts, with exact positions for single-line literals', () => {
    const { m, run } = firstRun(`FROM a\nRUN sh -ec 'apt-get update && apt-get install -y curl'\n`);
    const commands = commandsOf(m, run);
    expect(commands.map((c) => c.name)).toEqual(['apt-get', 'apt-get']);
    const curl = defined(defined(commands[1]).words[3]);
    expect(curl.value).toBe('curl');
    expect(curl.span).toEqual({ line: 2, column: 50, endLine: 2, endColumn: 54 });
    expect(m.lines.lineText(2).slice(49, 53)).toBe('curl');
    expect(defined(commands[1]).via.map((v) => v.name)).toEqual(['sh']);
  });

  it('parses bash -o pipefail -c "…" and su -c', () => {
    expect(names('FROM a\nRUN bash -o pipefail -c "pip install flask"\n')).toEqual(['pip install flask']);
    expect(names(`FROM a\nRUN su postgres -c 'initdb -D /data'\n`)).toEqual(['initdb -D /data']);
  });

  it('approximates positions for a script with escapes: the quoted string start', () => {
    const { m, run } = firstRun('FROM a\nRUN sh -c "echo \\"x\\" && apk add curl"\n');
    const apk = commandsOf(m, run).find((c) => c.name === 'apk')!;
    expect(defined(apk.words[2]).span.line).toBe(2);
    expect(defined(apk.words[2]).span.column).toBe(11);
  });

  it('never treats arguments as commands', () => {
    expect(names('FROM a\nRUN echo "apt-get install x" && printf \'%s\' "sudo rm"\n')).toEqual([
      'echo apt-get install x',
      'printf %s sudo rm',
    ]);
  });

  it('keeps sh without -c as it is; parses a double-quoted script with expansions as written', () => {
    expect(names('FROM a\nRUN sh ./install.sh && sh -c "$CMD"\n')).toEqual(['sh ./install.sh', '$CMD']);
  });
});

describe('package command parser', () => {
  it('separates options, option values and packages', () => {
    const { m, run } = firstRun(
      'FROM a\nRUN apt-get -o Dpkg::Options::=--force-confnew -t bookworm install -y --no-install-recommends curl=7.0 "$PKG" ${OTHER}\n',
    );
    const [p] = take(packageCommandsOf(m, run), 1);
    expect(p.manager).toBe('apt-get');
    expect(p.action).toBe('install');
    expect(p.operands.map((w) => w.text)).toEqual(['curl=7.0', '"$PKG"', '${OTHER}']);
    expect(literalOperands(p).map((w) => w.value)).toEqual(['curl=7.0']);
    expect(p.options.map((o) => o.name)).toEqual(['-o', '-t', '-y', '--no-install-recommends']);
  });

  it('recognises python -m pip and bundled short options', () => {
    const { m, run } = firstRun('FROM a\nRUN python3 -m pip install -qU -r req.txt flask==3.0\n');
    const [p] = take(packageCommandsOf(m, run), 1);
    expect(p.manager).toBe('pip');
    expect(p.options.map((o) => `${o.name}=${o.value ?? ''}`)).toEqual(['-q=', '-U=', '-r=req.txt']);
    expect(p.operands.map((w) => w.value)).toEqual(['flask==3.0']);
  });

  it('reads cache mounts', () => {
    const { run } = firstRun('FROM a\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get install -y x\n');
    expect(hasCacheMount(run, ['/var/cache/apt'])).toBe(true);
    expect(hasCacheMount(run, ['/var/lib/apt/lists'])).toBe(false);
    const { run: pip } = firstRun('FROM a\nRUN --mount=type=cache,target=/home/app/.cache/pip pip install x\n');
    expect(hasCacheMount(pip, ['*/.cache/pip'])).toBe(true);
  });
});
