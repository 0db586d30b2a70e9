/** An invalid or unreadable config file: reported as a message, exit code 2. */
export class ConfigError extends Error {}
