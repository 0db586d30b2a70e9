import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { FAIL_ON, isFailOn, normalizeKubernetesVersion } from '../app/defaults.js';
import { ConfigError, UsageError } from '../app/errors.js';
import { escapeData, escapeProperty, formatGithub, formatSarif, formatters, type FormatName, type Report } from '../app/formats.js';
import { fixProject } from '../app/fix-project.js';
import { writeFixes } from '../app/fix-write.js';
import { lintProject, type LintProjectOptions } from '../app/lint-project.js';
import { ActionInputError, getBooleanInput, getInput, getListInput, getRuleListInput } from './inputs.js';
import { markdownSummary } from './summary.js';

export interface ActionIO {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  version: string;
}

export type ActionOutputs = {
  findings: number;
  errors: number;
  warnings: number;
  'input-errors': number;
  baselined: number;
  'sarif-file': string;
  /** Files the `fix` input changed. */
  fixed: number;
  'output-file': string;
  version: string;
  'exit-code': number;
};

/** Columns the report printed in the job log is laid out for (logs are wider than a terminal's 80). */
const LOG_WIDTH = 120;

/** What the inputs ask for beyond the lint itself. */
export interface ActionInputs {
  options: LintProjectOptions;
  sarifFile: string;
  annotations: boolean;
  /** The report format for `output-file`, or for the job log when no file is given; undefined: none. */
  format?: FormatName;
  outputFile?: string;
  /** `fix: true` applies the safe fixes to the checked-out files (`unsafe`: all fixes), for a later commit step. */
  fix?: 'safe' | 'unsafe';
}

/**
 * The GitHub Action: lints once, then renders every output from that one result: the SARIF file
 * for code scanning, annotations on stdout, the report in `format` (to `output-file` or the log),
 * the Markdown job summary, and the step outputs. Every output is written, `exit-code` included,
 * even when an input is invalid or the run fails unexpectedly.
 * Returns the process exit code (0 passed, 1 new findings at or above fail-on, 2 input or usage errors).
 */
export function runAction(io: ActionIO): number {
  const { env } = io;
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const outputs: ActionOutputs = {
    findings: 0,
    errors: 0,
    warnings: 0,
    'input-errors': 0,
    baselined: 0,
    'sarif-file': '',
    fixed: 0,
    'output-file': '',
    version: io.version,
    'exit-code': 2,
  };
  try {
    const inputs = readInputs(env, workspace, io.version);
    const run = inputs.fix ? fixAndWrite(inputs, io, outputs) : lintProject({ ...inputs.options, version: io.version });
    const { report } = run;
    const baselined = report.baseline?.unchanged;
    const fresh = baselined ? report.findings.filter((f) => !baselined.has(f)) : report.findings;
    const sarifPath = inWorkspace(workspace, inputs.sarifFile);
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, formatSarif(report, { color: false }));
    outputs['sarif-file'] = inputs.sarifFile;
    if (inputs.format !== undefined) {
      const text = formatters[inputs.format](report, { color: false, width: LOG_WIDTH });
      if (inputs.outputFile !== undefined) {
        const outputPath = inWorkspace(workspace, inputs.outputFile);
        mkdirSync(dirname(outputPath), { recursive: true });
        writeFileSync(outputPath, text);
        outputs['output-file'] = inputs.outputFile;
      } else if (!(inputs.format === 'github' && inputs.annotations)) io.stdout(text);
    }
    if (inputs.annotations) io.stdout(formatGithub(report, { color: false }));
    const count = (severity: string) => fresh.filter((f) => f.severity === severity).length;
    Object.assign(outputs, {
      findings: fresh.length,
      errors: count('error'),
      warnings: count('warning'),
      'input-errors': report.errors.length,
      baselined: baselined?.size ?? 0,
      'exit-code': run.exitCode,
    });
    if (env.GITHUB_STEP_SUMMARY) {
      const blobUrl =
        env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA
          ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/`
          : undefined;
      const shown: Report = { ...report, findings: fresh };
      appendFileSync(
        env.GITHUB_STEP_SUMMARY,
        markdownSummary(shown, {
          failOn: run.failOn,
          exitCode: run.exitCode,
          sarifFile: inputs.sarifFile,
          ...(blobUrl && { blobUrl }),
          ...(report.baseline && { baseline: { file: relative(workspace, report.baseline.file) || report.baseline.file, findings: outputs.baselined } }),
        }),
      );
    }
    const inBaseline = outputs.baselined > 0 ? `; ${outputs.baselined} more in the baseline` : '';
    const total = `${outputs.findings} ${report.baseline ? 'new ' : ''}finding${outputs.findings === 1 ? '' : 's'} (${outputs.errors} errors, ${outputs.warnings} warnings, ${outputs.findings - outputs.errors - outputs.warnings} info)${inBaseline}`;
    // Never a silent pass: say why nothing was linted (Helm charts skipped, a path with no lintable file).
    for (const notice of run.notices) io.stdout(`::notice title=k8slint::${escapeData(notice)}\n`);
    if (run.nothingLinted !== undefined) {
      const allowed = run.exitCode !== 2;
      io.stdout(`::${allowed ? 'warning' : 'error'} title=k8slint::${escapeData(`${run.nothingLinted}${allowed ? ' (allowEmpty: true)' : '; set allowEmpty: true in the config to pass'}`)}\n`);
      if (!allowed) return run.exitCode;
    }
    if (run.exitCode === 1)
      io.stdout(`::error title=k8slint::${escapeData(`${total}; failing because of findings at or above fail-on "${run.failOn}"`)}\n`);
    else if (run.exitCode === 2) io.stdout(`::error title=k8slint::${escapeData(`${outputs['input-errors']} input error(s); ${total}`)}\n`);
    else io.stdout(`k8slint: ${total}; nothing at or above fail-on "${run.failOn}"\n`);
    return run.exitCode;
  } catch (error) {
    outputs['exit-code'] = 2;
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof ActionInputError) {
      const problems = error instanceof ActionInputError ? error.problems : [error.message];
      for (const problem of problems) io.stdout(`::error title=k8slint::${escapeData(problem)}\n`);
      if (env.GITHUB_STEP_SUMMARY)
        appendFileSync(env.GITHUB_STEP_SUMMARY, `## k8slint: ❌ failed (invalid input)\n\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
      return 2;
    }
    throw error;
  } finally {
    setOutputs(env, outputs);
  }
}

function inWorkspace(workspace: string, path: string): string {
  return isAbsolute(path) ? path : resolve(workspace, path);
}

/**
 * Every input, each checked as the command line checks its flag; all invalid inputs are reported
 * together (an ActionInputError with one problem per input).
 */
export function readInputs(env: NodeJS.ProcessEnv, workspace: string = process.cwd(), actionVersion?: string): ActionInputs {
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ActionInputError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const options = attempt(() => optionsFromInputs(env, workspace));
  const annotations = attempt(() => getBooleanInput('annotations', true, env));
  const format = getInput('format', env);
  const names = Object.keys(formatters);
  if (format !== '' && !names.includes(format)) problems.push(`input "format" must be one of ${names.join(', ')}, not "${format}"`);
  const outputFile = getInput('output-file', env);
  const fix = getInput('fix', env);
  if (!['', 'false', 'true', 'unsafe'].includes(fix)) problems.push(`input "fix" must be true, false or unsafe, not "${fix}"`);
  const version = getInput('version', env);
  if (actionVersion !== undefined && version !== '' && !versionMatches(version, actionVersion))
    problems.push(
      `input "version" asks for k8slint ${version}, but this action runs k8slint ${actionVersion}; use k8slint/k8slint@v${version.replace(/^v/, '')} instead`,
    );
  if (problems.length > 0 || options === undefined || annotations === undefined) throw new ActionInputError(problems);
  return {
    options,
    sarifFile: getInput('sarif-file', env) || 'k8slint.sarif',
    annotations,
    ...((format !== '' || outputFile !== '') && { format: (format || 'stylish') as FormatName }),
    ...(outputFile !== '' && { outputFile }),
    ...((fix === 'true' || fix === 'unsafe') && { fix: fix === 'true' ? ('safe' as const) : ('unsafe' as const) }),
  };
}

/** Lints with the fixes applied and writes the fixed files into the workspace; the report is of what is left. */
function fixAndWrite(inputs: ActionInputs, io: ActionIO, outputs: ActionOutputs) {
  const result = fixProject({ ...inputs.options, version: io.version, ...(inputs.fix === 'unsafe' && { unsafeFixes: true }) });
  const failures = writeFixes(result.changes, inputs.options.cwd);
  outputs.fixed = result.changes.length - failures.length;
  for (const change of result.changes) io.stdout(`::notice file=${escapeProperty(change.file)},title=k8slint::fixed ${[...change.applied.values()].reduce((a, b) => a + b, 0)} problem(s)\n`);
  for (const problem of [...failures, ...result.rejected.map((r) => `${r.file}: ${r.ruleId} fix not applied: ${r.reason}`)])
    io.stdout(`::warning title=k8slint::${escapeData(problem)}\n`);
  return result.run;
}

/** `latest`, the version itself, or a prefix of it by whole numbers (`0.1` and `v0` match 0.1.0). */
export function versionMatches(asked: string, actual: string): boolean {
  if (asked === 'latest') return true;
  const want = asked.replace(/^v/, '').split('.');
  const have = actual.split('.');
  return want.length <= have.length && want.every((part, i) => part === have[i]);
}

/** The lint the inputs stand for, each input checked as the command line checks its flag. */
export function optionsFromInputs(env: NodeJS.ProcessEnv, workspace: string = process.cwd()): LintProjectOptions {
  const options: LintProjectOptions = { cwd: workspace, paths: ['.'] };
  const problems: string[] = [];
  // Preset names and rule ids are checked by the lint itself (an unknown one is a UsageError naming the closest).
  const presets = getListInput('preset', env);
  if (presets.length > 0) options.presets = presets;
  const disabled = getRuleListInput('disable', env);
  if (disabled.length > 0) options.disabled = disabled;
  const only = getRuleListInput('only', env);
  if (only.length > 0) options.rules = only;
  const config = getInput('config', env);
  if (config) options.configPath = resolve(workspace, config);
  const baseline = getInput('baseline', env);
  if (baseline) options.baseline = inWorkspace(workspace, baseline);
  const version = getInput('kubernetes-version', env);
  if (version) {
    const normalized = normalizeKubernetesVersion(version);
    if (normalized === undefined) problems.push(`input "kubernetes-version" must look like 1.36, not "${version}"`);
    else options.kubernetesVersion = normalized;
  }
  const failOn = getInput('fail-on', env);
  if (failOn) {
    if (!isFailOn(failOn)) problems.push(`input "fail-on" must be one of ${FAIL_ON.join(', ')}`);
    else options.failOn = failOn;
  }
  const paths = getListInput('paths', env);
  if (paths.includes('-')) problems.push('input "paths" cannot read stdin ("-") in the action');
  if (paths.length > 0) options.paths = paths;
  if (problems.length > 0) throw new ActionInputError(problems);
  return options;
}

/** Appends `name=value` lines (or heredoc-style blocks for multi-line values) to `$GITHUB_OUTPUT`. */
export function setOutputs(env: NodeJS.ProcessEnv, outputs: Record<string, string | number>): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  let text = '';
  for (const [name, raw] of Object.entries(outputs)) {
    const value = String(raw);
    if (!value.includes('\n')) text += `${name}=${value}\n`;
    else {
      const delimiter = `k8slint_${Math.random().toString(36).slice(2)}`;
      text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    }
  }
  appendFileSync(file, text);
}
