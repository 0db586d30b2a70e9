import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { FAIL_ON, isFailOn, normalizeKubernetesVersion } from '../app/defaults.js';
import { ConfigError, UsageError } from '../app/errors.js';
import { escapeData, formatGithub, formatSarif } from '../app/formats.js';
import { lintProject, type LintProjectOptions } from '../app/lint-project.js';
import { ActionInputError, getBooleanInput, getInput, getListInput } from './inputs.js';
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
  'sarif-file': string;
  'exit-code': number;
};

/**
 * The GitHub Action: lints once, then renders every output from that one result: the SARIF file
 * for code scanning, annotations on stdout, the Markdown job summary, and the step outputs.
 * Returns the process exit code (0 passed, 1 findings at or above fail-on, 2 input or usage errors).
 */
export function runAction(io: ActionIO): number {
  const { env } = io;
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  try {
    const options = optionsFromInputs(env, workspace);
    const sarifInput = getInput('sarif-file', env) || 'k8slint.sarif';
    const annotations = getBooleanInput('annotations', true, env);
    const run = lintProject({ ...options, version: io.version });
    const sarifPath = isAbsolute(sarifInput) ? sarifInput : resolve(workspace, sarifInput);
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, formatSarif(run.report, { color: false }));
    if (annotations) io.stdout(formatGithub(run.report, { color: false }));
    const count = (severity: string) => run.report.findings.filter((f) => f.severity === severity).length;
    const outputs: ActionOutputs = {
      findings: run.report.findings.length,
      errors: count('error'),
      warnings: count('warning'),
      'input-errors': run.report.errors.length,
      'sarif-file': sarifInput,
      'exit-code': run.exitCode,
    };
    setOutputs(env, outputs);
    if (env.GITHUB_STEP_SUMMARY) {
      const blobUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/` : undefined;
      appendFileSync(env.GITHUB_STEP_SUMMARY, markdownSummary(run.report, { failOn: run.failOn, exitCode: run.exitCode, sarifFile: sarifInput, ...(blobUrl && { blobUrl }) }));
    }
    const total = `${outputs.findings} finding${outputs.findings === 1 ? '' : 's'} (${outputs.errors} errors, ${outputs.warnings} warnings, ${outputs.findings - outputs.errors - outputs.warnings} info)`;
    // Never a silent pass: say why nothing was linted (Helm charts skipped, a path with no lintable file).
    for (const notice of run.notices) io.stdout(`::notice title=k8slint::${escapeData(notice)}\n`);
    if (run.nothingLinted !== undefined) {
      const allowed = run.exitCode !== 2;
      io.stdout(`::${allowed ? 'warning' : 'error'} title=k8slint::${escapeData(`${run.nothingLinted}${allowed ? ' (allowEmpty: true)' : '; set allowEmpty: true in the config to pass'}`)}\n`);
      if (!allowed) return run.exitCode;
    }
    if (run.exitCode === 1) io.stdout(`::error title=k8slint::${escapeData(`${total}; failing because of findings at or above fail-on "${run.failOn}"`)}\n`);
    else if (run.exitCode === 2) io.stdout(`::error title=k8slint::${escapeData(`${outputs['input-errors']} input error(s); ${total}`)}\n`);
    else io.stdout(`k8slint: ${total}; nothing at or above fail-on "${run.failOn}"\n`);
    return run.exitCode;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof ActionInputError) {
      io.stdout(`::error title=k8slint::${escapeData(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}

/** The lint the inputs stand for, each input checked as the command line checks its flag. */
export function optionsFromInputs(env: NodeJS.ProcessEnv, workspace: string = process.cwd()): LintProjectOptions {
  const options: LintProjectOptions = { cwd: workspace, paths: ['.'] };
  // Preset names are checked by the lint itself (an unknown one is a UsageError naming the closest).
  const presets = getListInput('preset', env);
  if (presets.length > 0) options.presets = presets;
  const config = getInput('config', env);
  if (config) options.configPath = resolve(workspace, config);
  const version = getInput('kubernetes-version', env);
  if (version) {
    const normalized = normalizeKubernetesVersion(version);
    if (normalized === undefined) throw new ActionInputError(`input "kubernetes-version" must look like 1.36, not "${version}"`);
    options.kubernetesVersion = normalized;
  }
  const failOn = getInput('fail-on', env);
  if (failOn) {
    if (!isFailOn(failOn)) throw new ActionInputError(`input "fail-on" must be one of ${FAIL_ON.join(', ')}`);
    options.failOn = failOn;
  }
  const paths = getListInput('paths', env);
  if (paths.includes('-')) throw new ActionInputError('input "paths" cannot read stdin ("-") in the action');
  if (paths.length > 0) options.paths = paths;
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
