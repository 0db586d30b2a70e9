import { existsSync } from 'node:fs';
import { readFileBounded } from '../discover/read.js';
import { dirname, join, resolve } from 'node:path';
import { findConfig } from '../config/load.js';
import type { loadCustomRules } from '../policy/custom/index.js';

export type CustomRuleLoader = typeof loadCustomRules;

let loader: CustomRuleLoader | undefined;

/**
 * The custom-rule loader (and the CEL runtime behind it) is loaded only by runs that have custom
 * rules, so that every other run starts as fast as before. The command line loads it ahead of its
 * synchronous run ({@link loadCustomRuleSupport}); the library and the action import
 * `custom-rules-eager.ts`, which sets it.
 */
export function setCustomRuleLoader(load: CustomRuleLoader): void {
  loader = load;
}

export function customRuleLoader(): CustomRuleLoader | undefined {
  return loader;
}

/** Why the last {@link loadCustomRuleSupport} failed, for the run that then needs the rules. */
let loadFailure: string | undefined;

export async function loadCustomRuleSupport(): Promise<void> {
  try {
    loader ??= (await import('../policy/custom/index.js')).loadCustomRules;
  } catch (error) {
    loadFailure = String((error as Error)?.message ?? error);
    throw error;
  }
}

export function customRuleLoadFailure(): string | undefined {
  return loadFailure;
}

/** The folder of custom rule files, relative to the config file's folder (or the working directory without one). */
export const CUSTOM_RULES_DIR = join('.k8slint', 'rules');

export function hasCustomRulesFolder(configDir: string): boolean {
  return existsSync(join(configDir, CUSTOM_RULES_DIR));
}

/**
 * Whether a run with this config may have custom rules: a `.k8slint/rules/` folder, or a config file
 * that mentions `customRules` (a cheap test on the text; the loader decides).
 */
export function mayHaveCustomRules(configPath: string | undefined, configDir: string): boolean {
  if (hasCustomRulesFolder(configDir)) return true;
  if (configPath === undefined) return false;
  // An unreadable file is reported by the config load.
  const read = readFileBounded(configPath, 1024 * 1024);
  return 'text' in read && read.text.includes('customRules');
}

/** Before a synchronous run of the project at `cwd` (`config`: the `--config` value): loads the custom-rule support it may need. */
export async function prepareCustomRules(cwd: string, config?: string): Promise<void> {
  const configPath = config !== undefined ? resolve(cwd, config) : findConfig(cwd);
  if (mayHaveCustomRules(configPath, configPath !== undefined ? dirname(configPath) : cwd)) await loadCustomRuleSupport();
}
