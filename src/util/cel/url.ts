/**
 * URLs as Kubernetes' CEL `url()` library reads them (Go's `url.ParseRequestURI`): an absolute URI
 * with a scheme, or an absolute path. Nothing is normalised: the port is kept as written, the host
 * keeps its case, and a `#` is part of the path or query (a request URI has no fragment).
 */

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
/** Characters a path keeps unescaped (RFC 3986 pchar, plus `/`), besides `%XX` escapes. */
const PATH_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const ESCAPE = /^%[0-9A-Fa-f]{2}/;

export class CelUrl {
  private constructor(
    readonly text: string,
    readonly scheme: string,
    /** Host and port as written (`example.com:8080`, `[::1]:80`). */
    readonly host: string,
    readonly rawPath: string,
    readonly rawQuery: string,
  ) {}

  /** The URL `text` denotes, or a message saying why it is not one. */
  static parse(text: string): CelUrl | string {
    const invalid = `'${text}' is not an absolute URI or absolute path`;
    if (text === '' || hasControlCharacter(text)) return invalid;
    const queryAt = text.indexOf('?');
    const beforeQuery = queryAt === -1 ? text : text.slice(0, queryAt);
    const rawQuery = queryAt === -1 ? '' : text.slice(queryAt + 1);
    if (beforeQuery.startsWith('/')) return new CelUrl(text, '', '', beforeQuery, rawQuery);
    const colon = beforeQuery.indexOf(':');
    if (colon <= 0 || !SCHEME.test(beforeQuery.slice(0, colon))) return invalid;
    const scheme = beforeQuery.slice(0, colon);
    const rest = beforeQuery.slice(colon + 1);
    if (!rest.startsWith('//')) {
      // `mailto:x` is an opaque URI: Go accepts it with an empty host and path.
      if (rest.startsWith('/') || rest === '') return new CelUrl(text, scheme, '', rest, rawQuery);
      return new CelUrl(text, scheme, '', '', rawQuery);
    }
    const authorityEnd = rest.indexOf('/', 2);
    const authority = authorityEnd === -1 ? rest.slice(2) : rest.slice(2, authorityEnd);
    const path = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
    const host = authority.slice(authority.lastIndexOf('@') + 1);
    if (!validHost(host)) return invalid;
    return new CelUrl(text, scheme, host, path, rawQuery);
  }

  hostname(): string {
    if (this.host.startsWith('[')) return this.host.slice(1, this.host.indexOf(']'));
    const colon = this.host.lastIndexOf(':');
    return colon === -1 ? this.host : this.host.slice(0, colon);
  }

  port(): string {
    const afterBracket = this.host.startsWith('[') ? this.host.slice(this.host.indexOf(']') + 1) : this.host;
    const colon = afterBracket.lastIndexOf(':');
    return colon === -1 ? '' : afterBracket.slice(colon + 1);
  }

  /** The path with every character a path may not hold percent-escaped; valid escapes kept. */
  escapedPath(): string {
    let out = '';
    for (let i = 0; i < this.rawPath.length; i++) {
      const char = this.rawPath[i] ?? '';
      if (char === '%' && ESCAPE.test(this.rawPath.slice(i, i + 3))) out += char;
      else if (PATH_SAFE.test(char)) out += char;
      else out += encodeURIComponent(char);
    }
    return out;
  }

  /** The query as Go's `url.ParseQuery` reads it: `+` is a space; pairs it cannot decode are dropped. */
  query(): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const pair of this.rawQuery.split('&')) {
      if (pair === '' || pair.includes(';')) continue;
      const equals = pair.indexOf('=');
      const key = unescapeQuery(equals === -1 ? pair : pair.slice(0, equals));
      const value = unescapeQuery(equals === -1 ? '' : pair.slice(equals + 1));
      if (key === undefined || value === undefined) continue;
      const values = result.get(key);
      if (values) values.push(value);
      else result.set(key, [value]);
    }
    return result;
  }

  toString(): string {
    return this.text;
  }
}

/** Go refuses a URL with an ASCII control character; spaces are allowed (and escaped in the path). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function validHost(host: string): boolean {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close === -1) return false;
    const after = host.slice(close + 1);
    return after === '' || /^:\d*$/.test(after);
  }
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && !/^\d*$/.test(host.slice(colon + 1))) return false;
  return !/[\s/?#[\]]/.test(colon === -1 ? host : host.slice(0, colon));
}

function unescapeQuery(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
