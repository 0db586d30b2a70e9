import { containsVariable } from '../parsers/compose-interpolation.js';
import { scalarText } from '../util/text.js';
import { isMapping, type KNode } from './k8s.js';
import type { ComposeMount, ComposePort } from './compose.js';

/**
 * A `ports:` entry. Short syntax: `[[HOST_IP:][HOST_PORT[-END]]:]CONTAINER_PORT[-END][/PROTOCOL]`
 * (`"80"`, `"8080:80"`, `"127.0.0.1:8080:80"`, `"127.0.0.1::80"`, `"[::1]:8080:80"`,
 * `"8000-8010:8000-8010/udp"`); long syntax: `{target, published, host_ip, protocol, mode}`.
 */
export function parsePort(node: KNode): ComposePort {
  const v = node.value;
  if (isMapping(v)) {
    const text = (key: string): string | undefined => (v[key] === undefined || v[key] === null ? undefined : scalarText(v[key]));
    const parts = [text('target'), text('published'), text('host_ip'), text('protocol')];
    const published = text('published');
    const hostIp = text('host_ip');
    const target = text('target');
    return {
      node,
      syntax: 'long',
      protocol: text('protocol') ?? 'tcp',
      interpolated: parts.some((p) => p !== undefined && containsVariable(p)),
      ...(published !== undefined && published !== '' && { published }),
      ...(hostIp !== undefined && hostIp !== '' && { hostIp }),
      ...(target !== undefined && { target }),
    };
  }
  const raw = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
  const port: ComposePort = { node, syntax: 'short', protocol: 'tcp', interpolated: containsVariable(raw) };
  let rest = raw.trim();
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    port.protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close !== -1) {
      hostIp = rest.slice(1, close);
      rest = rest.slice(close + 1).replace(/^:/, '');
    }
  }
  // Colons inside `${VAR:-default}` do not split.
  const parts = splitColons(rest);
  port.target = parts[parts.length - 1] ?? '';
  if (parts.length >= 2) {
    const published = parts[parts.length - 2] ?? '';
    if (published !== '') port.published = published;
    // An unbracketed IPv6 address (`::1:8080:80`) keeps its colons.
    if (parts.length >= 3 && hostIp === undefined) hostIp = parts.slice(0, -2).join(':');
  }
  if (hostIp !== undefined && hostIp !== '') port.hostIp = hostIp;
  return port;
}

/** A path Compose reads as a host path (bind mount) rather than a volume name. */
function isHostPath(source: string): boolean {
  return /^([./~]|[A-Za-z]:[\\/]|\\\\)/.test(source) || source.startsWith('$');
}

/**
 * A service's `volumes:` entry. Short syntax `[SOURCE:]TARGET[:MODE]` (a source that is a path is
 * a bind mount, a name is a named volume, none is an anonymous volume); long syntax
 * `{type, source, target, read_only, …}`.
 */
export function parseMount(node: KNode): ComposeMount {
  const v = node.value;
  if (isMapping(v)) {
    const source = v.source === undefined || v.source === null ? undefined : scalarText(v.source);
    const target = v.target === undefined || v.target === null ? undefined : scalarText(v.target);
    const type = typeof v.type === 'string' ? v.type : undefined;
    return {
      node,
      syntax: 'long',
      readOnly: v.read_only === true || v.read_only === 'true',
      interpolated: source !== undefined && containsVariable(source),
      ...(type !== undefined && !containsVariable(type) && { type }),
      ...(source !== undefined && { source }),
      ...(target !== undefined && { target }),
    };
  }
  const raw = typeof v === 'string' ? v : '';
  const parts = splitVolume(raw);
  const mount: ComposeMount = { node, syntax: 'short', readOnly: false, interpolated: false };
  if (parts.length === 1) {
    mount.type = 'volume';
    if (parts[0]) mount.target = parts[0];
    return mount;
  }
  const [source = '', target, mode] = parts;
  mount.source = source;
  if (target !== undefined) mount.target = target;
  mount.readOnly = mode !== undefined && mode.split(',').includes('ro');
  mount.interpolated = containsVariable(source);
  // `${DATA_DIR}:/data` is a bind mount once the variable is set to a path, a volume when set to a name.
  if (!mount.interpolated || !source.startsWith('$')) mount.type = isHostPath(source) ? 'bind' : 'volume';
  else if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?-[./~])/.test(source)) mount.type = 'bind';
  return mount;
}

/** Splits at colons outside `${…}`. */
function splitColons(raw: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (const c of raw) {
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (c === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Splits `SOURCE:TARGET:MODE` at colons, keeping a Windows drive letter (`C:\data:/data`) whole. */
function splitVolume(raw: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (c === ':' && depth === 0) {
      const drive = current.length === 1 && /[A-Za-z]/.test(current) && parts.length === 0 && /[\\/]/.test(raw[i + 1] ?? '');
      if (!drive) {
        parts.push(current);
        current = '';
        continue;
      }
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

/**
 * Cheap content test for a Compose file (for files named explicitly, or stdin, whose name does not
 * say): a top-level `services:` mapping, and no Kubernetes `apiVersion` + `kind` at the top level.
 */
export function looksLikeCompose(text: string): boolean {
  if (!/^services[ \t]*:/m.test(text)) return false;
  if (/^apiVersion[ \t]*:/m.test(text) && /^kind[ \t]*:/m.test(text)) return false;
  // The entries of services are mappings: an indented `name:` line follows `services:`.
  return (
    /^services[ \t]*:[ \t]*(#.*)?\r?\n(?:[ \t]*(#.*)?\r?\n)*[ \t]+["']?[\w.-]+["']?[ \t]*:/m.test(text) ||
    /^services[ \t]*:[ \t]*\{/m.test(text)
  );
}
