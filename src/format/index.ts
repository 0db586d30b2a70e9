import { formatCheckstyle } from './checkstyle.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { Formatter } from './types.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | 'junit' | 'checkstyle' | 'gitlab';

export const formatters: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  checkstyle: formatCheckstyle,
  gitlab: formatGitlab,
};

export type { Formatter, FormatOptions, Report } from './types.js';
