import { packageVersion } from '../util/package-version.js';

export { packageVersion };

/** This package's version (read once). */
export const VERSION = packageVersion();
