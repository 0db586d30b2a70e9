#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { supportsColor } from 'chalk';
import { HELP, parseCli, UsageError } from './args.js';
import { registry, readStdinSync, runLint } from './run.js';
import { ConfigError } from '../config/load.js';
import { ruleMarkdown, ruleSummary, rulesMarkdownList, rulesTable } from './docs.js';

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function colorDefault(): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY) && supportsColor !== false;
}

function main(argv: string[]): number {
  const args = parseCli(argv);
  switch (args.command) {
    case 'help':
      process.stdout.write(HELP);
      return 0;
    case 'version':
      process.stdout.write(`${version}\n`);
      return 0;
    case 'rules': {
      const rules = registry.all;
      if (args.format === 'json') process.stdout.write(JSON.stringify(rules.map(ruleSummary), null, 2) + '\n');
      else if (args.format === 'markdown') process.stdout.write(rulesMarkdownList(rules));
      else process.stdout.write(rulesTable(rules));
      return 0;
    }
    case 'explain': {
      const rule = registry.resolve(args.id);
      if (!rule) throw new UsageError(`unknown rule "${args.id}"; see k8slint rules`);
      process.stdout.write(ruleMarkdown(rule));
      return 0;
    }
    case 'lint':
      return runLint(args, {
        cwd: process.cwd(),
        readStdin: readStdinSync,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        colorDefault: colorDefault(),
        version,
        progress: Boolean(process.stderr.isTTY) && !process.env.CI && !args.quiet,
      });
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError) {
    process.stderr.write(`k8slint: ${error.message}\n${error instanceof UsageError ? 'Run k8slint --help for usage.\n' : ''}`);
  } else {
    process.stderr.write(`k8slint: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
  }
  process.exitCode = 2;
}
