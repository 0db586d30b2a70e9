/**
 * Secret detection for environment variables and config keys, shared by the Kubernetes rules and
 * (later) the Compose rules: by name (`DB_PASSWORD`) and by the shape of the value (`ghp_…`).
 */

/** Words of a name: `DB_PASSWORD`, `db-password`, `dbPassword`, `db.password` → db, password. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Last words that say the value itself is a secret. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
  'pat',
]);
/** `key` is a secret only after one of these (`API_KEY`, `SECRET_KEY`), not in `CACHE_KEY` or `S3_KEY`. */
const KEY_QUALIFIERS = new Set([
  'api',
  'secret',
  'private',
  'signing',
  'encryption',
  'master',
  'client',
  'auth',
  'access',
  'license',
  'session',
  'hmac',
  'jwt',
]);
/** Words that make a secret-looking name something else (`PUBLIC_KEY`, `CLIENT_ID`). */
const NOT_SECRET_WORDS = new Set(['public', 'pub', 'id']);
/** Before `secret`, words that make the name one of a Secret object (`IMAGE_PULL_SECRET`, `TLS_SECRET`). */
const SECRET_OBJECT_QUALIFIERS = new Set(['pull', 'tls', 'cert', 'certs', 'certificate', 'ssl']);

/** The secret word a name ends with (`DB_PASSWORD` → `password`), or undefined. */
export function secretNameWord(name: string): string | undefined {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || words.some((w) => NOT_SECRET_WORDS.has(w))) return undefined;
  if (last === 'secret' && SECRET_OBJECT_QUALIFIERS.has(words[words.length - 2] ?? '')) return undefined;
  if (SECRET_WORDS.has(last)) return last;
  const before = words[words.length - 2];
  if (last === 'key' && before !== undefined && KEY_QUALIFIERS.has(before)) return `${before} key`;
  if (last === 'pass' && words.length > 1) return 'pass';
  return undefined;
}

interface SecretShape {
  what: string;
  pattern: RegExp;
}

/** Token formats with a vendor prefix: such a value is a live credential whatever the variable is called. */
const SECRET_SHAPES: SecretShape[] = [
  { what: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { what: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { what: 'a Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/ },
  { what: 'an Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{30,}/ },
  { what: 'an OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}/ },
  { what: 'a Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
];

/** What kind of credential the text contains by its shape (`a GitHub token`), or undefined. */
export function secretShapeOf(text: string): string | undefined {
  return SECRET_SHAPES.find((s) => s.pattern.test(text))?.what;
}

const BOOLEAN_OR_KEYWORD = /^(true|false|yes|no|on|off|enabled?|disabled?|none|null|nil|undefined|empty|required|optional|auto|default)$/i;
const PLACEHOLDER =
  /^(x+|\*+|\.+|-+|_+|<[^>]*>|\[[^\]]*\]|your[-_ ].*|.*[-_ ]here|replace[-_ ]?me.*|change[-_ ]?me.*|changeit|todo|tbd|fixme|dummy|example|sample|placeholder|secret|password|token|redacted|masked|not[-_ ]?set|unset)$/i;
/** A reference to a file, a URL without credentials, or a variable: where the secret comes from, not the secret. */
const REFERENCE =
  /^(\/|\.\.?\/|~\/|file:|[a-z][a-z0-9+.-]*:\/\/[^:@/]+(?:[:/]|$)|vault:|ref\+|arn:|projects\/|secret:|sm:\/\/|azure:|env:)/i;

/**
 * Whether a literal value under a secret-looking name can be a real secret: not empty, not a
 * boolean or keyword, not a placeholder (`<your-token>`, `changeme`), not templated (`${VAR}`,
 * `$(VAR)`, `{{ .Values.x }}`), not a value that names the variable it fills (`INSERT_DB_PASSWORD`), not the
 * name of a Secret object (`webhook-server-cert`, `db-credentials`), not a path, URL or secret-manager reference, not a lone number.
 */
export function isPlausibleSecretValue(value: unknown, name?: string): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  // `INSERT_ETCD_DISCOVERY_TOKEN`, `<DB_PASSWORD>`: the value names what to put there.
  if (name !== undefined && text.toLowerCase().includes(name.toLowerCase())) return false;
  if (/^(insert|enter|replace|put|add|set|fill|provide|specify)[-_ ]/i.test(text)) return false;
  if (text.length < 4) return false;
  if (/\$\{|\$\(|\{\{|%\(|@@|\$[A-Z_]/.test(text)) return false;
  if (BOOLEAN_OR_KEYWORD.test(text) || PLACEHOLDER.test(text) || REFERENCE.test(text)) return false;
  if (/^\d+(\.\d+)?[a-z]{0,2}$/i.test(text)) return false;
  // `webhook-server-cert`, `db-credentials`: the name of a Secret object, not its content.
  if (/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(text) && /(secret|cert|tls|cred)/.test(text) && text.includes('-')) return false;
  return true;
}
