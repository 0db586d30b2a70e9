import type { SourceFile } from '../types.js';

/**
 * A report's texts by display path, each taken from its file only when first asked for: the files
 * of a run answered by the result cache's metadata check read their text lazily, and a report that
 * shows no line of a file (JSON, a file without findings) never reads it.
 */
export class SourceTexts extends Map<string, string> {
  private readonly pending = new Map<string, SourceFile>();

  constructor(files: readonly SourceFile[]) {
    super();
    for (const file of files) {
      // The key takes its place in the order now, its text when asked for (the last file of a display path wins, as in a Map).
      super.set(file.displayPath, '');
      this.pending.set(file.displayPath, file);
    }
  }

  override get(key: string): string | undefined {
    this.load(key);
    return super.get(key);
  }

  override set(key: string, value: string): this {
    this.pending?.delete(key);
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.pending.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.pending.clear();
    super.clear();
  }

  override values(): MapIterator<string> {
    this.loadAll();
    return super.values();
  }

  override entries(): MapIterator<[string, string]> {
    this.loadAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  override forEach(callback: (value: string, key: string, map: Map<string, string>) => void, thisArg?: unknown): void {
    this.loadAll();
    super.forEach(callback, thisArg);
  }

  private load(key: string): void {
    const file = this.pending.get(key);
    if (file === undefined) return;
    this.pending.delete(key);
    super.set(key, file.text);
  }

  private loadAll(): void {
    for (const key of [...this.pending.keys()]) this.load(key);
  }
}
