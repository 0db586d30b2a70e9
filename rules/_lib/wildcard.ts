/**
 * Whether `text` matches `pattern`, where `*` stands for any run of characters and every other
 * character for itself. Greedy with one backtrack point (the last `*`), so the time is at most
 * the product of the two lengths, never exponential as a regex of several `.*` can be
 * (`*.*.example.com` against a long host name).
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let starText = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      starText = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++starText;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
