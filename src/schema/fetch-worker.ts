// Fetches schema URLs for the synchronous CLI path: reads {urls, cacheDir, timeoutMs} on stdin,
// writes {[url]: {status, text?, message?}} on stdout. Run by src/schema/setup.ts with spawnSync.
// It returns the body as text (parsing and depth checks are the caller's), and answers with JSON
// whatever happens: no stack trace ever reaches a message.
import { readFileSync } from 'node:fs';
import { readCacheEntry, writeCacheEntry } from '../util/data-cache.js';

export interface FetchRequest {
  urls: string[];
  cacheDir?: string;
  timeoutMs: number;
}

export type FetchResult = { status: 'found'; text: string } | { status: 'missing' } | { status: 'error'; message: string };

const MAX_REDIRECTS = 5;
/** A schema larger than this is refused (the bundled Kubernetes ones are under 2 MB). */
const MAX_SCHEMA_BYTES = 32 * 1024 * 1024;

/** GET with redirects followed only within the same origin (scheme, host and port). */
export async function fetchText(url: string, timeoutMs: number): Promise<FetchResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await fetch(current, { signal, redirect: 'manual', headers: { accept: 'application/json' } });
    } catch (error) {
      const e = error as Error;
      const reason =
        e.name === 'TimeoutError' || e.name === 'AbortError'
          ? `no answer within ${timeoutMs / 1000} s`
          : ((e.cause as Error | undefined)?.message ?? e.message);
      return { status: 'error', message: `cannot fetch schema ${url}: ${reason}` };
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      const next = new URL(response.headers.get('location')!, current);
      if (next.origin !== new URL(current).origin)
        return { status: 'error', message: `cannot fetch schema ${url}: it redirects to another host (${next.origin}), not followed` };
      current = next.href;
      continue;
    }
    if (response.status === 404 || response.status === 410) return { status: 'missing' };
    if (!response.ok) return { status: 'error', message: `cannot fetch schema ${url}: HTTP ${response.status} ${response.statusText}` };
    try {
      const text = await response.text();
      if (text.length > MAX_SCHEMA_BYTES)
        return { status: 'error', message: `cannot fetch schema ${url}: larger than ${MAX_SCHEMA_BYTES} bytes` };
      return { status: 'found', text };
    } catch (error) {
      const e = error as Error;
      return {
        status: 'error',
        message: `cannot fetch schema ${url}: ${e.name === 'TimeoutError' || e.name === 'AbortError' ? `no answer within ${timeoutMs / 1000} s` : e.message}`,
      };
    }
  }
  return { status: 'error', message: `cannot fetch schema ${url}: more than ${MAX_REDIRECTS} redirects` };
}

async function main(): Promise<Record<string, FetchResult>> {
  const request = JSON.parse(readFileSync(0, 'utf8')) as FetchRequest;
  const results: Record<string, FetchResult> = {};
  await Promise.all(
    request.urls.map(async (url) => {
      const cached = request.cacheDir ? readCacheEntry(request.cacheDir, url) : undefined;
      if (cached !== undefined) {
        results[url] = { status: 'found', text: cached };
        return;
      }
      const result = await fetchText(url, request.timeoutMs);
      // Only bodies that parse as a JSON object are kept: a broken answer is fetched again next time.
      if (result.status === 'found' && request.cacheDir && isJsonObject(result.text)) writeCacheEntry(request.cacheDir, url, result.text);
      results[url] = result;
    }),
  );
  return results;
}

function isJsonObject(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

// Run as a program (not when imported by tests).
if (/fetch-worker\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main().then(
    (results) => process.stdout.write(JSON.stringify(results)),
    (error: unknown) => {
      process.stdout.write(JSON.stringify({ '': { status: 'error', message: (error as Error)?.message ?? String(error) } }));
    },
  );
}
