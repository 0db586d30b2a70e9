// The report formats, for the command line and the action (which reach the layers below only through src/app).
export { formatters, type FormatName } from '../format/index.js';
export { formatGithub, escapeData, escapeProperty } from '../format/github.js';
export { formatSarif } from '../format/sarif.js';
export type { Report, FormatOptions } from '../format/types.js';
export { sanitizeLine } from '../format/sanitize.js';
