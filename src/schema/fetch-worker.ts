// Fetches schema URLs for the synchronous CLI path: reads {urls, cacheDir, timeoutMs} on stdin,
// writes {[url]: {status, text?, message?}} on stdout. Run by src/schema/setup.ts with spawnSync.
import { readFileSync } from 'node:fs';
import { fetchSchema } from './location.js';

interface Request {
  urls: string[];
  cacheDir?: string;
  timeoutMs: number;
}

const request = JSON.parse(readFileSync(0, 'utf8')) as Request;
const results: Record<string, { status: 'found' | 'missing' | 'error'; schema?: unknown; message?: string }> = {};
await Promise.all(request.urls.map(async (url) => {
  try {
    const found = await fetchSchema(url, { cacheDir: request.cacheDir, timeoutMs: request.timeoutMs });
    results[url] = found ? { status: 'found', schema: found.schema } : { status: 'missing' };
  } catch (error) {
    results[url] = { status: 'error', message: (error as Error).message };
  }
}));
process.stdout.write(JSON.stringify(results));
