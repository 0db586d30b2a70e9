/** The caller's mistake (an unknown rule id, a bad option value, a missing program): reported as a message, exit code 2. */
export class UsageError extends Error {}

export { ConfigError } from '../config/errors.js';
