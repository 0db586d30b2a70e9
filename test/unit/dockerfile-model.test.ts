import { describe, expect, it } from 'vitest';
import { buildDockerfileModel } from '../../src/parsers/dockerfile.js';
import { MODEL_NODE } from '../../src/model/node.js';
import { defined, take } from '../helpers/defined.js';

function model(text: string) {
  return buildDockerfileModel({ path: 'Dockerfile', displayPath: 'Dockerfile', kind: 'dockerfile', text, explicit: true });
}

describe('Dockerfile model', () => {
  const df = model(
    [
      'ARG REGISTRY=docker.io',
      'ARG BASE=${REGISTRY}/library/python:3.12',
      'FROM ${BASE} AS build',
      'ENV APP=/app',
      'RUN pip install -r req.txt \\',
      '    && echo "$APP"',
      'FROM build AS test',
      'RUN echo test',
      'FROM gcr.io/distroless/python3',
      'COPY --from=build /app /app',
      '',
    ].join('\n'),
  );

  it('splits stages, marks the final one and links stages built FROM another', () => {
    expect(df.stages.map((s) => [s.name, s.isFinal, s.parent?.name])).toEqual([
      ['build', false, undefined],
      ['test', false, 'build'],
      [undefined, true, undefined],
    ]);
  });

  it('resolves global ARGs in FROM, which dockerfile-ast does not', () => {
    expect(defined(df.stages[0]).image).toMatchObject({
      written: '${BASE}',
      resolved: 'docker.io/library/python:3.12',
      fullyResolved: true,
    });
    expect(defined(df.stages[0]).image.span).toEqual({ line: 3, column: 6, endLine: 3, endColumn: 13 });
  });

  it('resolves ENV and ARG in a stage and through its parent stages', () => {
    const echo = defined(defined(df.stages[1]).instructions[1]);
    expect(df.resolve('$APP/bin', echo)).toEqual({ value: '/app/bin', complete: true });
    expect(df.resolve('${MISSING:-x}', echo)).toEqual({ value: 'x', complete: true });
    expect(df.resolve('$MISSING', echo).complete).toBe(false);
  });

  it('gives instructions, flags and arguments 1-based spans', () => {
    const copy = df.instructions.find((i) => i.keyword === 'COPY')!;
    expect(copy.keywordSpan).toEqual({ line: 10, column: 1, endLine: 10, endColumn: 5 });
    expect(copy.flags.map((f) => [f.name, f.value, f.span.column])).toEqual([['from', 'build', 6]]);
    expect(copy.args.map((a) => [a.value, a.span.column])).toEqual([
      ['/app', 19],
      ['/app', 24],
    ]);
  });

  it('builds the shell model of RUN across line continuations with Dockerfile positions', () => {
    const run = df.instructions.find((i) => i.keyword === 'RUN')!;
    const commands = df.shellOf(run).commands;
    expect(commands.map((c) => [c.name, c.span.line, c.span.column])).toEqual([
      ['pip', 5, 5],
      ['echo', 6, 8],
    ]);
    expect(defined(commands[1]).words[1]).toMatchObject({
      text: '"$APP"',
      value: undefined,
      span: { line: 6, column: 13, endLine: 6, endColumn: 19 },
    });
  });

  it('parses heredoc scripts, ONBUILD RUN and exec-form RUN as shell', () => {
    const m = model('FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\nONBUILD RUN apk add git\nRUN ["apk", "add", "jq"]\n');
    const runs = m.instructions.filter((i) => i.keyword === 'RUN');
    expect(runs.map((r) => r.onbuild)).toEqual([false, true, false]);
    expect(
      runs.map((r) => m.shellOf(r).commands.map((c) => `${c.words.map((w) => w.value).join(' ')}@${c.span.line}:${c.span.column}`)),
    ).toEqual([['apk add curl@3:1'], ['apk add git@5:13'], ['apk add jq@6:6']]);
  });

  it('honours the escape directive', () => {
    const m = model('# escape=`\nFROM mcr.microsoft.com/windowsservercore:ltsc2022\nRUN echo a `\n    && echo b\n');
    expect(m.escapeChar).toBe('`');
    expect(m.shellOf(defined(m.instructions[1])).commands.map((c) => c.span.line)).toEqual([3, 4]);
  });

  it('reports shell syntax errors with their Dockerfile position instead of throwing', () => {
    const m = model("FROM alpine:3.20\nRUN echo 'unterminated\n");
    expect(m.shellOf(defined(m.instructions[1])).parseError).toMatchObject({ line: 2, column: 10 });
  });

  it('locates each flag, its value and the options of --mount', () => {
    const m = model('FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache go build\n');
    const [from, run] = take(m.instructions, 2);
    const platform = defined(from.flags[0]);
    expect(platform).toMatchObject({ name: 'platform', value: '$BUILDPLATFORM', span: { line: 1, column: 6, endLine: 1, endColumn: 31 } });
    expect(platform.nameNode).toMatchObject({ value: 'platform', span: { line: 1, column: 8, endLine: 1, endColumn: 16 } });
    expect(platform.valueNode).toMatchObject({ value: '$BUILDPLATFORM', span: { line: 1, column: 17, endLine: 1, endColumn: 31 } });
    const [stage] = take(m.stages, 1);
    expect(stage.platform).toBe(platform);
    expect(stage.alias).toMatchObject({ value: 'build', span: { line: 1, column: 47, endLine: 1, endColumn: 52 } });
    expect(defined(run.flags[0]).options.map((o) => [o.name, o.value, o.nameNode.span.column, o.valueNode?.span.column])).toEqual([
      ['type', 'cache', 13, 18],
      ['target', '/root/.cache', 24, 31],
    ]);
  });

  it('gives ENV, ARG and LABEL properties located names and values, quotes resolved and raw text kept', () => {
    const m = model('FROM alpine:3.20\nENV A=1 B="two words"\nARG NAME\nLABEL "org.example.key"=\'v\'\n');
    const [, env, arg, label] = take(m.instructions, 4);
    expect(env.properties.map((p) => [p.name, p.value, p.rawValue, p.legacy])).toEqual([
      ['A', '1', '1', false],
      ['B', 'two words', '"two words"', false],
    ]);
    expect(defined(env.properties[1]).nameNode.span).toEqual({ line: 2, column: 9, endLine: 2, endColumn: 10 });
    expect(defined(env.properties[1]).valueNode?.span).toEqual({ line: 2, column: 11, endLine: 2, endColumn: 22 });
    expect(arg.properties).toMatchObject([{ name: 'NAME', value: undefined, rawValue: undefined, legacy: false }]);
    expect(label.properties).toMatchObject([{ key: 'org.example.key', value: 'v', rawValue: "'v'" }]);
    const legacy = defined(model('FROM alpine:3.20\nENV PATH /opt/bin\n').instructions[1]);
    expect(legacy.properties).toMatchObject([{ name: 'PATH', value: '/opt/bin', legacy: true }]);
  });

  it('parses exec-form strings once, decoded and located', () => {
    const m = model('FROM alpine:3.20\nCMD ["echo", "hi"]\nCMD echo shell\n');
    expect(defined(m.instructions[1]).execForm.map((s) => [s.value, s.raw, s.span.column, s.span.endColumn])).toEqual([
      ['echo', '"echo"', 6, 12],
      ['hi', '"hi"', 14, 18],
    ]);
    expect(defined(m.instructions[2]).execForm).toEqual([]);
  });

  it('gives heredocs their delimiter, body and COPY destination', () => {
    const m = model('FROM alpine:3.20\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\nRUN <<SH\necho hi\nSH\n');
    const [, copy, run] = take(m.instructions, 3);
    expect(copy.heredocs).toMatchObject([
      { name: 'EOF', text: 'key=value', span: { line: 3, column: 1 }, destination: { value: '/etc/app.conf' } },
    ]);
    expect(copy.copyOperands).toBeUndefined();
    expect(run.heredocs).toMatchObject([{ name: 'SH', text: 'echo hi', destination: undefined }]);
    expect(m.heredocsOf(run)).toBe(run.heredocs);
  });

  it('splits COPY and ADD operands into sources and destination, in shell and exec form', () => {
    const m = model('FROM alpine:3.20\nCOPY --chown=app a.txt $B /dst/\nADD ["x.tar.gz", "/opt/"]\nCOPY only\n');
    const [, copy, add, single] = take(m.instructions, 4);
    expect(copy.copyOperands?.sources.map((s) => [s.value, s.variable, s.span.column])).toEqual([
      ['a.txt', false, 18],
      ['$B', true, 24],
    ]);
    expect(copy.copyOperands?.dest).toMatchObject({ value: '/dst/', span: { line: 2, column: 27, endLine: 2, endColumn: 32 } });
    expect(add.copyOperands?.sources.map((s) => s.value)).toEqual(['x.tar.gz']);
    expect(add.copyOperands?.dest.value).toBe('/opt/');
    expect(single.copyOperands).toBeUndefined();
    expect(defined(m.instructions[0]).copyOperands).toBeUndefined();
  });

  it('locates variable references', () => {
    const m = model('ARG V=1\nFROM alpine:${V:-3}\nWORKDIR /app/$DIR\n');
    expect(defined(m.instructions[1]).variables).toMatchObject([
      { name: 'V', hasModifier: true, span: { line: 2, column: 15, endLine: 2, endColumn: 16 } },
    ]);
    expect(defined(m.instructions[2]).variables).toMatchObject([{ name: 'DIR', hasModifier: false }]);
  });

  it('makes every node a rule can point at a model node of its file', () => {
    const m = model(
      'FROM --platform=linux/amd64 alpine:3.20 AS a\nENV A=1\nCOPY --from=a x /y\nRUN <<EOF\necho $A | cat\nEOF\nCMD ["sh"]\n',
    );
    const [from, env, copy, run, cmd] = take(m.instructions, 5);
    const [stage] = take(m.stages, 1);
    const script = m.shellOf(run);
    const nodes = [
      from,
      from.keywordNode,
      ...from.flags,
      ...from.flags.map((f) => f.nameNode),
      ...from.flags.flatMap((f) => (f.valueNode ? [f.valueNode] : [])),
      stage,
      stage.image,
      stage.alias!,
      ...env.properties,
      ...env.properties.map((p) => p.nameNode),
      ...env.properties.map((p) => p.valueNode!),
      ...copy.args,
      copy.copyOperands!.dest,
      ...copy.copyOperands!.sources,
      ...run.heredocs,
      ...cmd.execForm,
      ...env.variables,
      ...run.variables,
      ...script.commands,
      ...script.commands.flatMap((c) => c.words),
      ...(script.pipes ?? []),
    ];
    for (const node of nodes) {
      expect(node[MODEL_NODE]).toBe(true);
      expect(node.sourceFile).toBe(m.source);
    }
  });

  it('derives parts of nodes without rules building spans', () => {
    const m = model('FROM alpine:3.20\nEXPOSE 53/UDP 80\n');
    const expose = defined(m.instructions[1]);
    const [port, secondPort] = take(expose.args, 2);
    expect(m.parts.slice(port, 3, 6).span).toEqual({ line: 2, column: 11, endLine: 2, endColumn: 14 });
    expect(m.parts.covering(expose.keywordNode, secondPort).span).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 17 });
    expect(m.parts.arguments(expose).span).toEqual({ line: 2, column: 8, endLine: 2, endColumn: 17 });
    expect(m.parts.restOfLine(port).span).toEqual({ line: 2, column: 8, endLine: 2, endColumn: 17 });
    expect(m.parts.lineStart(2).span).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 1 });
    expect(m.parts.character(2, 3).span).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 4 });
    expect(m.parts.slice(port, 3, 6)[MODEL_NODE]).toBe(true);
  });

  it('answers what comes before an instruction in its stage chain, as the builder sees it', () => {
    const m = model(
      [
        'ARG G=global',
        'FROM alpine:3.20 AS base',
        'ARG G',
        'ENV A=1',
        'SHELL ["/bin/bash", "-c"]',
        'WORKDIR /w',
        'ENV A=$A-2 B=x',
        'ONBUILD ENV LATE=1',
        'FROM base',
        'ENV C=$B',
        'RUN echo',
        'FROM alpine:3.20',
        'RUN echo',
        '',
      ].join('\n'),
    );
    const byLine = (line: number) => m.instructions.find((i) => i.span.line === line && !i.onbuild)!;
    expect(m.resolve('$G', byLine(4)).value).toBe('global');
    expect(m.resolve('$A', byLine(7))).toEqual({ value: '1', complete: true });
    expect(m.resolve('$A/$B/$C', byLine(11))).toEqual({ value: '1-2/x/x', complete: true });
    expect(m.resolve('$A', byLine(13)).complete).toBe(false);
    expect(m.declaredBefore('B', byLine(11))).toBe(true);
    expect(m.declaredBefore('LATE', byLine(11))).toBe(false);
    expect(m.declaredBefore('C', byLine(10))).toBe(false);
    expect(m.declarationsBefore('A', byLine(11)).map((p) => p.value)).toEqual(['1', '$A-2']);
    expect(m.hasBefore('WORKDIR', byLine(6))).toBe(false);
    expect(m.hasBefore('WORKDIR', byLine(11))).toBe(true);
    expect(m.hasBefore('WORKDIR', byLine(13))).toBe(false);
    expect(m.shellFor(byLine(11)).argv).toEqual(['/bin/bash', '-c']);
    expect(m.shellFor(byLine(4)).argv).toEqual(['/bin/sh', '-c']);
    expect(m.shellFor(byLine(13)).argv).toEqual(['/bin/sh', '-c']);
    expect(m.instructionsBefore(byLine(11)).map((i) => i.span.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
