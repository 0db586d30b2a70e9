import { describe, expect, it } from 'vitest';
import { buildDockerfileModel } from '../../src/parsers/dockerfile.js';

function model(text: string) {
  return buildDockerfileModel({ path: 'Dockerfile', displayPath: 'Dockerfile', kind: 'dockerfile', text, explicit: true });
}

describe('Dockerfile model', () => {
  const df = model([
    'ARG REGISTRY=docker.io', 'ARG BASE=${REGISTRY}/library/python:3.12', 'FROM ${BASE} AS build',
    'ENV APP=/app', 'RUN pip install -r req.txt \\', '    && echo "$APP"', 'FROM build AS test', 'RUN echo test',
    'FROM gcr.io/distroless/python3', 'COPY --from=build /app /app', '',
  ].join('\n'));

  it('splits stages, marks the final one and links stages built FROM another', () => {
    expect(df.stages.map((s) => [s.name, s.isFinal, s.parent?.name])).toEqual([['build', false, undefined], ['test', false, 'build'], [undefined, true, undefined]]);
  });

  it('resolves global ARGs in FROM, which dockerfile-ast does not', () => {
    expect(df.stages[0].image).toMatchObject({ written: '${BASE}', resolved: 'docker.io/library/python:3.12', fullyResolved: true });
    expect(df.stages[0].image.span).toEqual({ line: 3, column: 6, endLine: 3, endColumn: 13 });
  });

  it('resolves ENV and ARG in a stage and through its parent stages', () => {
    const echo = df.stages[1].instructions[1];
    expect(df.resolve('$APP/bin', echo)).toEqual({ value: '/app/bin', complete: true });
    expect(df.resolve('${MISSING:-x}', echo)).toEqual({ value: 'x', complete: true });
    expect(df.resolve('$MISSING', echo).complete).toBe(false);
  });

  it('gives instructions, flags and arguments 1-based spans', () => {
    const copy = df.instructions.find((i) => i.keyword === 'COPY')!;
    expect(copy.keywordSpan).toEqual({ line: 10, column: 1, endLine: 10, endColumn: 5 });
    expect(copy.flags.map((f) => [f.name, f.value, f.span.column])).toEqual([['from', 'build', 6]]);
    expect(copy.args.map((a) => [a.value, a.span.column])).toEqual([['/app', 19], ['/app', 24]]);
  });

  it('builds the shell model of RUN across line continuations with Dockerfile positions', () => {
    const run = df.instructions.find((i) => i.keyword === 'RUN')!;
    const commands = df.shellOf(run).commands;
    expect(commands.map((c) => [c.name, c.span.line, c.span.column])).toEqual([['pip', 5, 5], ['echo', 6, 8]]);
    expect(commands[1].words[1]).toMatchObject({ text: '"$APP"', value: undefined, span: { line: 6, column: 13, endLine: 6, endColumn: 19 } });
  });

  it('parses heredoc scripts, ONBUILD RUN and exec-form RUN as shell', () => {
    const m = model('FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\nONBUILD RUN apk add git\nRUN ["apk", "add", "jq"]\n');
    const runs = m.instructions.filter((i) => i.keyword === 'RUN');
    expect(runs.map((r) => r.onbuild)).toEqual([false, true, false]);
    expect(runs.map((r) => m.shellOf(r).commands.map((c) => `${c.words.map((w) => w.value).join(' ')}@${c.span.line}:${c.span.column}`))).toEqual([
      ['apk add curl@3:1'], ['apk add git@5:13'], ['apk add jq@6:6'],
    ]);
  });

  it('honours the escape directive', () => {
    const m = model('# escape=`\nFROM mcr.microsoft.com/windowsservercore:ltsc2022\nRUN echo a `\n    && echo b\n');
    expect(m.escapeChar).toBe('`');
    expect(m.shellOf(m.instructions[1]).commands.map((c) => c.span.line)).toEqual([3, 4]);
  });

  it('reports shell syntax errors with their Dockerfile position instead of throwing', () => {
    const m = model("FROM alpine:3.20\nRUN echo 'unterminated\n");
    expect(m.shellOf(m.instructions[1]).parseError).toMatchObject({ line: 2, column: 10 });
  });
});
