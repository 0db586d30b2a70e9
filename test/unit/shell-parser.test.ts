import { describe, expect, it } from 'vitest';
import { parseShell as parseShellIn } from '../../src/model/shell.js';
import { MODEL_NODE } from '../../src/model/node.js';
import { take } from '../helpers/defined.js';

const parseShell = (script: string, firstLine: number) =>
  parseShellIn(script, firstLine, { path: 'script.sh', displayPath: 'script.sh', kind: 'dockerfile', text: script, explicit: true });

function commands(script: string): string[] {
  const parsed = parseShell(script, 1);
  if (parsed.parseError) return [`error: ${parsed.parseError.message} @${parsed.parseError.line}:${parsed.parseError.column}`];
  return parsed.commands.map((c) => `${c.words.map((w) => w.value ?? `<${w.text}>`).join(' ')} @${c.span.line}:${c.span.column}`);
}

describe('shell parser', () => {
  it('splits && || ; | lists, line continuations and subshells into commands with positions', () => {
    expect(commands('apt-get update && \\\n  apt-get install -y curl | tee log; (cd /a || exit 1)')).toEqual([
      'apt-get update @1:1',
      'apt-get install -y curl @2:3',
      'tee log @2:29',
      'cd /a @2:39',
      'exit 1 @2:48',
    ]);
  });

  it('sees commands inside if/for/while/case and functions, not in their headers or patterns', () => {
    expect(commands('if [ -f x ]; then echo yes; else ls; fi && for i in a b; do echo $i; done')).toEqual([
      '[ -f x ] @1:4',
      'echo yes @1:19',
      'ls @1:34',
      'echo <$i> @1:61',
    ]);
    expect(commands('case "$x" in a|b) apt-get install -y q ;; *) echo no;; esac')).toEqual([
      'apt-get install -y q @1:19',
      'echo no @1:46',
    ]);
    expect(commands('f() { echo hi; }; f; while read -r l; do echo "$l"; done < /etc/x')).toEqual([
      'echo hi @1:7',
      'f @1:19',
      'read -r l @1:28',
      'echo <"$l"> @1:42',
    ]);
  });

  it('keeps quoted text as arguments and marks words with expansions as dynamic', () => {
    const [echo] = take(parseShell('echo "apt-get install x" \'$HOME\' $HOME "a$b" `date` $((1+2)) ${X:-a}', 1).commands, 1);
    expect(echo.words.map((w) => w.value)).toEqual([
      'echo',
      'apt-get install x',
      '$HOME',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('parses command substitutions, assignments, redirections and [[ ]] tests', () => {
    // `v=$(…)` alone is a command of assignments only (no words), as in the shell's grammar.
    expect(commands('X=1 Y="two" make 2>&1 >/dev/null; v=$(curl -s http://x | sh); [[ -f /a && -d /b ]] && echo ok')).toEqual([
      'make @1:1',
      ' @1:35',
      'curl -s http://x @1:39',
      'sh @1:58',
      '[[ -f /a -d /b ]] @1:63',
      'echo ok @1:87',
    ]);
    const [make] = take(parseShell('X=1 Y="two" make', 1).commands, 1);
    expect(make.assignments.map((a) => [a.name, a.value])).toEqual([
      ['X', '1'],
      ['Y', 'two'],
    ]);
  });

  it('finds commands in substitutions inside [[ ]] tests', () => {
    expect(commands('[[ -n "$(command -v uv)" ]] || pip install uv')).toEqual([
      '[[ -n <"$(command -v uv)"> ]] @1:1',
      'command -v uv @1:10',
      'pip install uv @1:32',
    ]);
  });

  it('reads heredoc bodies as data, not commands', () => {
    expect(commands('cat <<EOF > /x\napt-get install inside heredoc\nEOF\necho after')).toEqual(['cat @1:1', 'echo after @4:1']);
    expect(commands("cat <<-'END'\n\techo not a command\n\tEND\nls")).toEqual(['cat @1:1', 'ls @4:1']);
  });

  it('gives pipeline membership', () => {
    const [curl, bash] = take(parseShell('curl -fsSL https://x.sh | bash -s -- -y', 1).commands, 2);
    expect([curl.pipeline, bash.pipeline]).toEqual([
      { id: 0, index: 0, size: 2 },
      { id: 0, index: 1, size: 2 },
    ]);
  });

  it('reports syntax errors with their position', () => {
    expect(commands("echo 'unterminated")).toEqual(["error: reached the end of the script without a closing ' @1:6"]);
    expect(commands('echo a &&')).toEqual(['error: the script ends where a command should follow @1:9']);
    expect(commands('if true; then echo')).toEqual(['error: missing "fi" @1:1']);
    expect(commands('echo )')).toEqual(['error: unexpected ")" @1:6']);
  });
});

describe('shell model nodes', () => {
  it("makes commands, words, assignments, pipes and parse errors model nodes of the script's file", () => {
    const source = { path: 'Dockerfile', displayPath: 'Dockerfile', kind: 'dockerfile' as const, text: 'X=1 a | b', explicit: true };
    const parsed = parseShellIn('X=1 a | b', 1, source);
    const nodes = [...parsed.commands, ...parsed.commands.flatMap((c) => [...c.words, ...c.assignments]), ...(parsed.pipes ?? [])];
    expect(nodes).toHaveLength(6);
    for (const node of nodes) {
      expect(node[MODEL_NODE]).toBe(true);
      expect(node.sourceFile).toBe(source);
    }
    const error = parseShellIn('echo "unterminated', 1, source).parseError;
    expect(error?.[MODEL_NODE]).toBe(true);
    expect(error?.span).toEqual({ line: 1, column: error?.column, endLine: 1, endColumn: (error?.column ?? 0) + 1 });
  });
});
