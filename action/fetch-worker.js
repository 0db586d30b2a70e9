import { createRequire as __k8slintCreateRequire } from 'node:module';
const require = __k8slintCreateRequire(import.meta.url);

// src/schema/fetch-worker.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/util/data-cache.ts
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname as dirname2, isAbsolute, join as join2 } from "node:path";

// src/util/atomic-write.ts
import { randomBytes } from "node:crypto";
import * as nodeFs from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
var WriteError = class extends Error {
  constructor(message, path, code) {
    super(message);
    this.path = path;
    this.code = code;
  }
  path;
  code;
};
function tempPathFor(target) {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}
function codeOf(error) {
  return error?.code;
}
function describe(error) {
  const code = codeOf(error);
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EDQUOT") return "disk quota exceeded";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "read-only file system";
  if (code === "ENOENT") return "its directory does not exist";
  if (code === "ENOTDIR") return "a parent of it is not a directory";
  if (code === "EISDIR") return "it is a directory";
  return code ?? error?.message ?? String(error);
}
function writeFileAtomic(target, data, fs = nodeFs) {
  const path = resolve(target);
  const temp = tempPathFor(path);
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  let fd;
  try {
    fd = fs.openSync(temp, "wx", 438);
    const mode = existingMode(path, fs);
    if (mode !== void 0) fs.fchmodSync(fd, mode);
    for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = void 0;
    fs.renameSync(temp, path);
  } catch (error) {
    if (fd !== void 0) {
      try {
        fs.closeSync(fd);
      } catch {
      }
    }
    fs.rmSync(temp, { force: true });
    throw new WriteError(`cannot write ${target}: ${describe(error)}`, target, codeOf(error));
  }
  syncDirectory(dirname(path));
}
function existingMode(path, fs) {
  try {
    const stats = fs.statSync(path);
    return stats.isFile() ? stats.mode & 4095 : void 0;
  } catch {
    return void 0;
  }
}
function syncDirectory(dir) {
  let fd;
  try {
    fd = nodeFs.openSync(dir, "r");
    nodeFs.fsyncSync(fd);
  } catch {
  } finally {
    if (fd !== void 0) nodeFs.closeSync(fd);
  }
}

// src/util/data-cache.ts
var CACHE_FORMAT = "k8slint-cache/1";
function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}
function entryPath(dir, key) {
  return join2(dir, `${sha256(key).slice(0, 32)}.entry.json`);
}
function readCacheEntry(dir, key) {
  let entry;
  try {
    entry = JSON.parse(readFileSync(entryPath(dir, key), "utf8"));
  } catch {
    return void 0;
  }
  if (typeof entry !== "object" || entry === null) return void 0;
  if (entry.format !== CACHE_FORMAT || entry.key !== key || typeof entry.body !== "string" || entry.sha256 !== sha256(entry.body))
    return void 0;
  return entry.body;
}
function writeCacheEntry(dir, key, body) {
  try {
    makeDirectory(dir);
    const entry = { format: CACHE_FORMAT, key, sha256: sha256(body), body };
    writeFileAtomic(entryPath(dir, key), JSON.stringify(entry));
    return true;
  } catch {
    return false;
  }
}
function makeDirectory(dir, depth = 0) {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = error.code;
    if (code === "EEXIST") return;
    const parent = dirname2(dir);
    if (code !== "ENOENT" || parent === dir || depth > 100) throw error;
    makeDirectory(parent, depth + 1);
    mkdirSync(dir);
  }
}

// src/schema/fetch-worker.ts
var MAX_REDIRECTS = 5;
var MAX_SCHEMA_BYTES = 32 * 1024 * 1024;
async function fetchText(url, timeoutMs) {
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response;
    try {
      response = await fetch(current, { signal, redirect: "manual", headers: { accept: "application/json" } });
    } catch (error) {
      const e = error;
      const reason = e.name === "TimeoutError" || e.name === "AbortError" ? `no answer within ${timeoutMs / 1e3} s` : e.cause?.message ?? e.message;
      return { status: "error", message: `cannot fetch schema ${url}: ${reason}` };
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
      const next = new URL(response.headers.get("location"), current);
      if (next.origin !== new URL(current).origin)
        return { status: "error", message: `cannot fetch schema ${url}: it redirects to another host (${next.origin}), not followed` };
      current = next.href;
      continue;
    }
    if (response.status === 404 || response.status === 410) return { status: "missing" };
    if (!response.ok) return { status: "error", message: `cannot fetch schema ${url}: HTTP ${response.status} ${response.statusText}` };
    try {
      const text = await response.text();
      if (text.length > MAX_SCHEMA_BYTES)
        return { status: "error", message: `cannot fetch schema ${url}: larger than ${MAX_SCHEMA_BYTES} bytes` };
      return { status: "found", text };
    } catch (error) {
      const e = error;
      return {
        status: "error",
        message: `cannot fetch schema ${url}: ${e.name === "TimeoutError" || e.name === "AbortError" ? `no answer within ${timeoutMs / 1e3} s` : e.message}`
      };
    }
  }
  return { status: "error", message: `cannot fetch schema ${url}: more than ${MAX_REDIRECTS} redirects` };
}
async function main() {
  const request = JSON.parse(readFileSync2(0, "utf8"));
  const results = {};
  await Promise.all(
    request.urls.map(async (url) => {
      const cached = request.cacheDir ? readCacheEntry(request.cacheDir, url) : void 0;
      if (cached !== void 0) {
        results[url] = { status: "found", text: cached };
        return;
      }
      const result = await fetchText(url, request.timeoutMs);
      if (result.status === "found" && request.cacheDir && isJsonObject(result.text)) writeCacheEntry(request.cacheDir, url, result.text);
      results[url] = result;
    })
  );
  return results;
}
function isJsonObject(text) {
  try {
    const value = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
if (/fetch-worker\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) {
  main().then(
    (results) => process.stdout.write(JSON.stringify(results)),
    (error) => {
      process.stdout.write(JSON.stringify({ "": { status: "error", message: error?.message ?? String(error) } }));
    }
  );
}
export {
  fetchText
};
