// Placeholder of branch h-plugins for the custom-rule loader of branch h-custom, which replaces this
// file at merge. Same signature; it loads no rule yet.
import type { Rule } from '../../engine/rule.js';
import type { ConfigError } from '../../config/errors.js';

/** Custom rules as data: the config's `customRules:` entries (`inline`) and the files of `<configDir>/.k8slint/rules/`. */
export function loadCustomRules(input: { configDir: string; configPath?: string; inline: readonly unknown[] }): {
  rules: Rule[];
  errors: ConfigError[];
} {
  void input;
  return { rules: [], errors: [] };
}
