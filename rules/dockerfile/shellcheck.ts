import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineRule } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import { paddedText } from '../../src/model/dockerfile-text.js';
import type { Severity, Span } from '../../src/types.js';

type Level = 'error' | 'warning' | 'info' | 'style';
const LEVELS: Record<Level, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

export default defineRule({
  meta: {
    id: 'shellcheck',
    title: 'ShellCheck finding in a RUN script',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: [],
    rationale:
      "A RUN is a shell script, with the bugs shell scripts have: unquoted variables that split, `cd` that fails silently, bashisms under /bin/sh. ShellCheck finds them. This rule hands each shell-form RUN (and each heredoc script) to the `shellcheck` program and reports its findings at their place in the Dockerfile, with ShellCheck's code first in the message and its level as the severity (style counts as info).",
    remediation:
      "Fix what ShellCheck says (see https://www.shellcheck.net/wiki/<code>). Turn the rule on with `--shellcheck` or `shellcheck: true` in .k8slint.yaml; it needs a `shellcheck` binary on PATH (Debian/Ubuntu: `apt-get install shellcheck`). The script runs under the stage's SHELL (sh, bash or ksh; other shells are skipped) with the ARG and ENV names it sees declared, as hadolint does; SC1090, SC1091 and SC2187 are never reported. Suppress one code with `# hadolint ignore=SC2086` or `# k8slint-disable-next-line SC2086 -- reason` above the RUN.",
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN cd /app; make\n',
        good: 'FROM debian:12\nWORKDIR /app\nRUN make\n',
        requires: ['shellcheck'],
      },
    ],
    references: ['https://www.shellcheck.net/', 'https://github.com/hadolint/hadolint#shellcheck'],
  },
  codes: /^SC\d{4}$/i,
  requires: { program: 'shellcheck', enabledBy: 'shellcheck' },
  handlers: {
    // One batch for the whole run: starting ShellCheck once per Dockerfile costs more than the checks.
    'dockerfile:all': (models, ctx) => {
      for (const c of runShellcheck(models)) {
        ctx.report({
          at: nodeAt(c.model, c.span),
          message: `${c.code}: ${c.message}`,
          severity: LEVELS[c.level] ?? 'warning',
          code: c.code,
        });
      }
    },
  },
});

/** The characters ShellCheck points at, as a node of the Dockerfile. */
function nodeAt(model: DockerfileModel, span: Span) {
  const first = model.parts.character(span.line, span.column);
  const lastColumn = Math.max(span.endLine === span.line ? span.column : 1, span.endColumn - 1);
  return model.parts.covering(first, model.parts.character(span.endLine, lastColumn));
}

/** One ShellCheck comment, positioned in its Dockerfile. */
interface ShellcheckComment {
  model: DockerfileModel;
  /** `SC2086`. */
  code: string;
  level: Level;
  message: string;
  span: Span;
}

const SHELLCHECK_EXCLUDED = ['SC1090', 'SC1091', 'SC2187'];
const PROXY_ARGS = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
];

/**
 * Each RUN becomes one script: `export NAME=1` lines for the ARG/ENV names the RUN sees (so
 * ShellCheck does not call them unassigned, as hadolint does), then the RUN's own lines with
 * everything before the script blanked, so ShellCheck's line/column map straight back.
 */
interface Script {
  model: DockerfileModel;
  run: DockerInstruction;
  dialect: 'sh' | 'bash' | 'ksh';
  text: string;
  /** Lines of the prefix before the script's first line. */
  prefix: number;
  /** Dockerfile line of the script's first line. */
  firstLine: number;
}

/** ShellCheck's comments on the RUN scripts of the Dockerfiles, in ShellCheck's order, one `shellcheck` process per dialect. */
function runShellcheck(models: readonly DockerfileModel[], binary = 'shellcheck'): ShellcheckComment[] {
  const found: ShellcheckComment[] = [];
  const scripts = models.flatMap((model) => model.instructions.filter((i) => i.keyword === 'RUN').flatMap((run) => scriptsOf(model, run)));
  if (scripts.length === 0) return found;
  const dir = mkdtempSync(join(tmpdir(), 'k8slint-shellcheck-'));
  try {
    for (const dialect of ['sh', 'bash', 'ksh'] as const) {
      const batch = scripts.filter((s) => s.dialect === dialect);
      if (batch.length === 0) continue;
      const files = batch.map((s, i) => {
        const file = join(dir, `${dialect}-${i}.sh`);
        writeFileSync(file, s.text);
        return file;
      });
      const result = spawnSync(binary, ['--format=json1', `--shell=${dialect}`, `--exclude=${SHELLCHECK_EXCLUDED.join(',')}`, ...files], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      if (result.error) throw new Error(`cannot run ${binary}: ${result.error.message}`);
      if (result.status !== 0 && result.status !== 1)
        throw new Error(`${binary} failed (exit ${result.status}): ${result.stderr.trim().split('\n')[0]}`);
      const output = JSON.parse(result.stdout || '{"comments":[]}') as {
        comments: Array<{
          file: string;
          line: number;
          endLine: number;
          column: number;
          endColumn: number;
          level: Level;
          code: number;
          message: string;
        }>;
      };
      for (const c of output.comments) {
        const script = batch[files.indexOf(c.file)];
        if (!script || c.line <= script.prefix) continue;
        const line = script.firstLine + c.line - script.prefix - 1;
        const endLine = Math.max(line, script.firstLine + c.endLine - script.prefix - 1);
        found.push({
          model: script.model,
          code: `SC${c.code}`,
          level: c.level,
          message: c.message,
          span: { line, column: c.column, endLine, endColumn: endLine === line ? Math.max(c.endColumn, c.column + 1) : c.endColumn },
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return found;
}

function scriptsOf(model: DockerfileModel, run: DockerInstruction): Script[] {
  const first = run.args[0];
  if (!first || run.argsText.trimStart().startsWith('[') || model.shellOf(run).skipped || model.escapeChar === '`') return [];
  const program = (model.shellFor(run).argv[0] ?? '/bin/sh').replace(/^.*\//, '');
  const dialect =
    program === 'bash'
      ? 'bash'
      : program === 'ksh' || program === 'mksh'
        ? 'ksh'
        : ['sh', 'ash', 'dash'].includes(program)
          ? 'sh'
          : undefined;
  if (!dialect) return []; // zsh and others: ShellCheck does not support them
  const names = visibleNames(model, run);
  const prefixLines = names.map((n) => `export ${n}=1`);
  const make = (text: string, firstLine: number, d: Script['dialect']): Script => ({
    model,
    run,
    dialect: d,
    text: [...prefixLines, text].join('\n') + '\n',
    prefix: prefixLines.length,
    firstLine,
  });
  if (first.value.startsWith('<<')) {
    // `RUN <<EOF … EOF`: the heredoc bodies are the scripts.
    return model.heredocsOf(run).flatMap((body) => {
      const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body.text);
      let d: Script['dialect'] | undefined = dialect;
      if (shebang) {
        const program = shebang[1]!; // the group always participates in a match
        const interpreter = (program.endsWith('/env') ? (shebang[2] ?? '') : program).replace(/^.*\//, '');
        d =
          interpreter === 'bash' ? 'bash' : interpreter === 'ksh' ? 'ksh' : ['sh', 'ash', 'dash'].includes(interpreter) ? 'sh' : undefined;
      }
      if (!d) return [];
      return [make(paddedText(model.lines, body.span.line, body.span.column, body.span.endLine, '\0'), body.span.line, d)];
    });
  }
  return [make(paddedText(model.lines, first.span.line, first.span.column, run.span.endLine, model.escapeChar), first.span.line, dialect)];
}

/** ARG and ENV names a RUN sees (its stage chain before it, global ARGs it redeclares), and the predefined proxy ARGs. */
function visibleNames(model: DockerfileModel, run: DockerInstruction): string[] {
  const names = new Set<string>(PROXY_ARGS);
  const chain = [];
  for (let s = run.stage; s; s = s.parent) chain.unshift(s);
  outer: for (const stage of chain) {
    for (const inst of stage.instructions) {
      if (inst === run) break outer;
      if (inst.onbuild || (inst.keyword !== 'ARG' && inst.keyword !== 'ENV')) continue;
      for (const p of inst.properties) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.name)) names.add(p.name);
    }
  }
  return [...names];
}
