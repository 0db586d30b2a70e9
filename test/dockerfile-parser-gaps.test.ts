import { describe, expect, it } from 'vitest';
import { buildDockerfileModel, repairSpacedHeredocs } from '../src/parsers/dockerfile.js';
import { commandsOf } from '../rules/_lib/shell.js';
import { defined, take } from './helpers/defined.js';

function model(text: string) {
  return buildDockerfileModel({ path: 'Dockerfile', displayPath: 'Dockerfile', kind: 'dockerfile', text, explicit: true });
}

describe('dockerfile-ast gaps', () => {
  it("repairs `<< 'EOF'` with a space before the delimiter (dockerfile-ast #120), keeping columns", () => {
    const text = "FROM alpine\nRUN cat << 'EOF' > /x\nhello world\nRUN foo\nEOF\nRUN echo hi\n";
    expect(
      repairSpacedHeredocs(text)
        .split('\n')
        .map((l) => l.length),
    ).toEqual(text.split('\n').map((l) => l.length));
    const m = model(text);
    expect(m.instructions.map((i) => `${i.keyword}@${i.span.line}`)).toEqual(['FROM@1', 'RUN@2', 'RUN@6']);
    expect(m.heredocsOf(defined(m.instructions[1])).map((h) => h.text)).toEqual(['hello world\nRUN foo']);
  });

  it('leaves shifts and unterminated `<<` alone', () => {
    const text = 'FROM alpine\nRUN echo $((1 << 2)) && cat << EOF\n';
    expect(repairSpacedHeredocs(text)).toBe(text);
  });

  it('resolves global ARGs in FROM', () => {
    const m = model('ARG BASE=debian\nARG TAG=12\nFROM ${BASE}:${TAG} AS build\n');
    expect(defined(m.stages[0]).image.resolved).toBe('debian:12');
    expect(defined(m.stages[0]).image.fullyResolved).toBe(true);
  });

  it('turns shell analysis off under SHELL pwsh/cmd, per stage', () => {
    const m = model(
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Install-Package x\nFROM debian:12\nRUN apt-get install -y x\n',
    );
    const [first, second] = take(
      m.instructions.filter((i) => i.keyword === 'RUN'),
      2,
    );
    expect(m.shellOf(first).commands).toEqual([]);
    expect(m.shellOf(first).skipped).toMatch(/powershell/);
    expect(commandsOf(m, second).map((c) => c.name)).toEqual(['apt-get']);
    const cmd = model('FROM x\nSHELL ["cmd", "/S", "/C"]\nRUN dir\n');
    expect(cmd.shellOf(defined(cmd.instructions[2])).skipped).toMatch(/cmd/);
  });

  it('inherits SHELL through FROM <stage>', () => {
    const m = model('FROM x AS base\nSHELL ["pwsh", "-c"]\nFROM base\nRUN Get-Thing | Out-Null\n');
    expect(m.shellOf(defined(m.instructions[3])).skipped).toMatch(/pwsh/);
  });

  it('honours `# hadolint shell=powershell` for the whole file', () => {
    const m = model('# hadolint shell=powershell\nFROM x\nRUN Get-Thing | Out-Null\n');
    expect(m.shellOf(defined(m.instructions[1])).skipped).toMatch(/hadolint shell=powershell/);
    expect(m.shellFor(defined(m.instructions[1])).nonPosix).toBeDefined();
  });

  it('handles the backtick escape directive', () => {
    const m = model('# escape=`\nFROM x\nRUN apt-get update && `\n    apt-get install -y curl\n');
    expect(commandsOf(m, defined(m.instructions[1])).map((c) => `${c.name}@${c.span.line}`)).toEqual(['apt-get@3', 'apt-get@4']);
  });

  it('keeps a RUN together across comment lines, empty lines and blanks after the escape', () => {
    const m = model('FROM x\nRUN apt-get install -y \\  \n# a comment\n\n    curl \\\n    wget\n');
    const commands = commandsOf(m, defined(m.instructions[1]));
    expect(commands.map((c) => c.words.map((w) => w.value).join(' '))).toEqual(['apt-get install -y curl wget']);
    expect(defined(defined(commands[0]).words[3]).span).toEqual({ line: 5, column: 5, endLine: 5, endColumn: 9 });
  });

  it('records pipes', () => {
    const m = model('FROM x\nRUN curl -s x | sh && a || b\n');
    expect(m.shellOf(defined(m.instructions[1])).pipes?.map((p) => p.span)).toEqual([{ line: 2, column: 15, endLine: 2, endColumn: 16 }]);
  });
});

describe('heredoc scripts', () => {
  const model2 = (text: string) =>
    buildDockerfileModel({ path: 'Dockerfile', displayPath: 'Dockerfile', kind: 'dockerfile', text, explicit: true });
  it('parses the bodies a RUN runs, with their pipes and separate pipelines', () => {
    const m = model2('FROM x\nRUN a | b && <<EOF\ncurl -s y | sh\nEOF\n'.replace('a | b && <<EOF', '<<EOF'));
    const script = m.shellOf(defined(m.instructions[1]));
    expect(script.commands.map((c) => c.name)).toEqual(['curl', 'sh']);
    expect(script.pipes?.map((p) => p.span)).toEqual([{ line: 3, column: 11, endLine: 3, endColumn: 12 }]);
  });

  it('keeps pipeline ids of the main script and of each body apart', () => {
    const m = model2('FROM x\nRUN bash <<A <<B\necho 1 | cat\nA\necho 2 | cat\nB\n');
    const ids = m
      .shellOf(defined(m.instructions[1]))
      .commands.filter((c) => c.name === 'echo')
      .map((c) => c.pipeline!.id);
    expect(new Set(ids).size).toBe(2);
  });

  it('leaves bodies with a foreign shebang alone', () => {
    const m = model2('FROM x\nRUN <<EOF\n#!/usr/bin/env python3\nprint("apt-get install x")\nEOF\n');
    expect(m.shellOf(defined(m.instructions[1])).commands).toEqual([]);
  });
});
