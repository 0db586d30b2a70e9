import { createRequire as __k8slintCreateRequire } from 'node:module';
const require = __k8slintCreateRequire(import.meta.url);

// src/schema/fetch-worker.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/schema/location.ts
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
var SchemaFetchError = class extends Error {
};
function cachePath(cacheDir, url) {
  return join(cacheDir, `${createHash("sha256").update(url).digest("hex").slice(0, 32)}.json`);
}
function parseSchema(text, source) {
  try {
    const schema = JSON.parse(text);
    if (typeof schema !== "object" || schema === null || Array.isArray(schema)) throw new Error("not a JSON object");
    return schema;
  } catch (error) {
    throw new SchemaFetchError(`schema ${source} is not valid JSON: ${error.message}`);
  }
}
function cachedSchema(url, cacheDir) {
  if (!cacheDir) return void 0;
  const path = cachePath(cacheDir, url);
  if (!existsSync(path)) return void 0;
  try {
    return { schema: parseSchema(readFileSync(path, "utf8"), url), source: url };
  } catch {
    return void 0;
  }
}
async function fetchSchema(url, options) {
  const cached = cachedSchema(url, options.cacheDir);
  if (cached) return cached;
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs), headers: { accept: "application/json" } });
  } catch (error) {
    const e = error;
    const reason = e.name === "TimeoutError" || e.name === "AbortError" ? `no answer within ${options.timeoutMs / 1e3} s` : e.cause?.message ?? e.message;
    throw new SchemaFetchError(`cannot fetch schema ${url}: ${reason}`);
  }
  if (response.status === 404 || response.status === 410) return void 0;
  if (!response.ok) throw new SchemaFetchError(`cannot fetch schema ${url}: HTTP ${response.status} ${response.statusText}`);
  const text = await response.text();
  const schema = parseSchema(text, url);
  if (options.cacheDir) {
    try {
      mkdirSync(options.cacheDir, { recursive: true });
      writeFileSync(cachePath(options.cacheDir, url), text);
    } catch {
    }
  }
  return { schema, source: url };
}

// src/schema/fetch-worker.ts
var request = JSON.parse(readFileSync2(0, "utf8"));
var results = {};
await Promise.all(request.urls.map(async (url) => {
  try {
    const found = await fetchSchema(url, { cacheDir: request.cacheDir, timeoutMs: request.timeoutMs });
    results[url] = found ? { status: "found", schema: found.schema } : { status: "missing" };
  } catch (error) {
    results[url] = { status: "error", message: error.message };
  }
}));
process.stdout.write(JSON.stringify(results));
