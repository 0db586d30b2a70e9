import ignore from 'ignore';

/**
 * A `.dockerignore` with Docker's semantics: every pattern is anchored at the context root
 * (`node_modules` excludes only `./node_modules`), a pattern also matches everything under a
 * matching directory, and the last matching pattern decides, so `!secrets/public.pem` re-includes
 * a file under an excluded `secrets/` (which gitignore would not allow).
 */
export interface Matcher {
  ignores(path: string): boolean;
  /** The file has `!` re-inclusions. BuildKit's CopyIgnoredFile then judges nothing, since an excluded directory may still send re-included files. */
  hasExclusions: boolean;
}
export function dockerignoreMatcher(text: string): Matcher {
  const patterns = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      let pattern = (negated ? line.slice(1) : line)
        .trim()
        .replace(/^(\.\/)+/, '')
        .replace(/^\/+/, '')
        .replace(/\/+$/, '');
      if (pattern === '' || pattern === '.') pattern = '**';
      return { negated, matcher: ignore().add(`/${pattern}`) };
    });
  return {
    hasExclusions: patterns.some((p) => p.negated),
    ignores(path: string): boolean {
      let excluded = false;
      for (const p of patterns) if (p.matcher.ignores(path)) excluded = !p.negated;
      return excluded;
    },
  };
}

/**
 * The context path a COPY/ADD source names, when it can be judged against a `.dockerignore`:
 * undefined for wildcards, variables, URLs, heredocs and the context root itself.
 */
export function contextPath(source: string): string | undefined {
  if (source.startsWith('<<') || /[$*?[\]{}\\]/.test(source) || /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@'))
    return undefined;
  const parts: string[] = [];
  for (const part of source.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? undefined : parts.join('/');
}
