import chalk, { Chalk, supportsColor } from 'chalk';
import { HELP, parseCli, UsageError } from './args.js';
import { runLint } from './run.js';
import { ConfigError } from '../app/errors.js';
import { projectRules } from '../app/run-rules.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runTestRules } from './test-rules.js';
import { VERSION } from '../app/version.js';
import { ruleMarkdown, ruleSummary, rulesMarkdownList, rulesTable, ruleTerminalText, plainStyle, type TerminalStyle } from './docs.js';

/** Everything the command line touches outside itself, so it can run in-process (tests, embedders). */
export interface CliIO {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  readStdin: (limitBytes: number) => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours by default). */
  stdoutIsTTY?: boolean;
  /** Columns of the terminal stdout is (`process.stdout.columns`); the stylish report fits them (80 when unknown). */
  columns?: number;
  /** Whether stderr is a terminal (progress indicator on long runs). */
  stderrIsTTY?: boolean;
  /** Colours when neither --color/--no-color nor NO_COLOR/FORCE_COLOR decide; default: stdoutIsTTY and a colour-capable terminal. */
  colorDefault?: boolean;
}

export { VERSION };

function colorDefault(io: CliIO): boolean {
  const { NO_COLOR, FORCE_COLOR } = io.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== '0') return true;
  return io.colorDefault ?? (Boolean(io.stdoutIsTTY) && supportsColor !== false);
}

function terminalStyle(color: boolean): TerminalStyle {
  if (!color) return plainStyle;
  const c = new Chalk({ level: chalk.level || 1 });
  return { heading: c.bold, code: c.cyan, inlineCode: c.cyan, bad: c.red, good: c.green, dim: c.dim };
}

/** The terminal's width: stdout's when it is a terminal, else `COLUMNS` when set (80 is the formatter's default). */
function terminalColumns(io: CliIO): number | undefined {
  if (io.columns !== undefined && io.columns > 0) return io.columns;
  const columns = Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

function dispatch(argv: string[], io: CliIO): number {
  const args = parseCli(argv);
  switch (args.command) {
    case 'help':
      io.stdout(HELP);
      return 0;
    case 'version':
      io.stdout(`${VERSION}\n`);
      return 0;
    case 'rules': {
      const rules = projectRules(io.cwd, configPathOf(args.config, io.cwd)).all;
      if (args.format === 'json') io.stdout(JSON.stringify(rules.map(ruleSummary), null, 2) + '\n');
      else if (args.format === 'markdown') io.stdout(rulesMarkdownList(rules));
      else io.stdout(rulesTable(rules));
      return 0;
    }
    case 'explain': {
      const rule = projectRules(io.cwd, configPathOf(args.config, io.cwd)).resolve(args.id);
      if (!rule) throw new UsageError(`unknown rule "${args.id}"; see k8slint rules`);
      if (args.format === 'markdown') io.stdout(ruleMarkdown(rule));
      else io.stdout(ruleTerminalText(rule, terminalStyle(args.color ?? colorDefault(io)), 80));
      return 0;
    }
    case 'test-rules':
      return runTestRules(io, args.dir, configPathOf(args.config, io.cwd));
    case 'lint':
      return runLint(args, {
        cwd: io.cwd,
        readStdin: io.readStdin,
        stdout: io.stdout,
        stderr: io.stderr,
        colorDefault: colorDefault(io),
        version: VERSION,
        progress: Boolean(io.stderrIsTTY) && !io.env.CI && !args.quiet,
        ...(terminalColumns(io) !== undefined && { columns: terminalColumns(io) }),
      });
  }
}

/** `--config FILE` of the rules, explain and test-rules commands, as an absolute path; a missing file is a UsageError. */
function configPathOf(config: string | undefined, cwd: string): string | undefined {
  if (config === undefined) return undefined;
  const path = resolve(cwd, config);
  if (!existsSync(path))
    throw new UsageError(`--config ${config}: no such file (the config file to use instead of the nearest .k8slint.yaml)`);
  return path;
}

/**
 * The whole command line, in-process: runs `k8slint <argv>` against the given IO and returns the exit code
 * (0 clean, 1 findings at or above --fail-on, 2 usage, config, input or unexpected errors). Never throws.
 */
export function runCli(argv: string[], io: CliIO): number {
  try {
    return dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`k8slint: ${error.message}\n${error instanceof UsageError ? 'Run k8slint --help for usage.\n' : ''}`);
    } else {
      io.stderr(`k8slint: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    }
    return 2;
  }
}
