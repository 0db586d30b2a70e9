import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerfileModel, DockerInstruction, ShellcheckComment } from '../model/dockerfile.js';
import { paddedText } from '../parsers/dockerfile.js';

/**
 * Runs ShellCheck over the shell-form RUN scripts of Dockerfiles and attaches its comments to each
 * model (`model.shellcheck`), where the `shellcheck` rule reports them. This is the only step of a
 * lint that runs another program; it runs only when the `shellcheck` rule is enabled.
 *
 * Each RUN becomes one script: `export NAME=1` lines for the ARG/ENV names the RUN sees (so
 * ShellCheck does not call them unassigned, as hadolint does), then the RUN's own lines with
 * everything before the script blanked, so ShellCheck's line/column map straight back.
 */
export const SHELLCHECK_EXCLUDED = ['SC1090', 'SC1091', 'SC2187'];
const PROXY_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

export function shellcheckAvailable(binary = 'shellcheck'): boolean {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.status === 0;
}

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

export function runShellcheck(models: DockerfileModel[], binary = 'shellcheck'): void {
  const scripts = models.flatMap((model) => {
    model.shellcheck = [];
    return model.instructions.filter((i) => i.keyword === 'RUN').flatMap((run) => scriptsOf(model, run));
  });
  if (scripts.length === 0) return;
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
      const result = spawnSync(binary, ['--format=json1', `--shell=${dialect}`, `--exclude=${SHELLCHECK_EXCLUDED.join(',')}`, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      if (result.error) throw new Error(`cannot run ${binary}: ${result.error.message}`);
      if (result.status !== 0 && result.status !== 1) throw new Error(`${binary} failed (exit ${result.status}): ${result.stderr.trim().split('\n')[0]}`);
      const output = JSON.parse(result.stdout || '{"comments":[]}') as { comments: Array<{ file: string; line: number; endLine: number; column: number; endColumn: number; level: ShellcheckComment['level']; code: number; message: string }> };
      for (const c of output.comments) {
        const script = batch[files.indexOf(c.file)];
        if (!script || c.line <= script.prefix) continue;
        const line = script.firstLine + c.line - script.prefix - 1;
        const endLine = Math.max(line, script.firstLine + c.endLine - script.prefix - 1);
        script.model.shellcheck!.push({
          code: `SC${c.code}`, level: c.level, message: c.message, run: script.run,
          span: { line, column: c.column, endLine, endColumn: endLine === line ? Math.max(c.endColumn, c.column + 1) : c.endColumn },
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function scriptsOf(model: DockerfileModel, run: DockerInstruction): Script[] {
  if (run.args.length === 0 || run.argsText.trimStart().startsWith('[') || model.shellOf(run).skipped || model.escapeChar === '`') return [];
  const program = (model.shellFor(run).argv[0] ?? '/bin/sh').replace(/^.*\//, '');
  const dialect = program === 'bash' ? 'bash' : program === 'ksh' || program === 'mksh' ? 'ksh' : ['sh', 'ash', 'dash'].includes(program) ? 'sh' : undefined;
  if (!dialect) return []; // zsh and others: ShellCheck does not support them
  const names = visibleNames(model, run);
  const prefixLines = names.map((n) => `export ${n}=1`);
  const first = run.args[0];
  const make = (text: string, firstLine: number, d: Script['dialect']): Script => ({ model, run, dialect: d, text: [...prefixLines, text].join('\n') + '\n', prefix: prefixLines.length, firstLine });
  if (first.value.startsWith('<<')) {
    // `RUN <<EOF … EOF`: the heredoc bodies are the scripts.
    return model.heredocsOf(run).flatMap((body) => {
      const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body.text);
      let d: Script['dialect'] | undefined = dialect;
      if (shebang) {
        const interpreter = (shebang[1].endsWith('/env') ? shebang[2] ?? '' : shebang[1]).replace(/^.*\//, '');
        d = interpreter === 'bash' ? 'bash' : interpreter === 'ksh' ? 'ksh' : ['sh', 'ash', 'dash'].includes(interpreter) ? 'sh' : undefined;
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
