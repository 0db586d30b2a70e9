/**
 * Characters a terminal acts on instead of printing: C0 controls but tab and newline (ESC starts CSI
 * and OSC sequences: colours, title changes, screen clears, hyperlinks; BEL; CR rewrites the line),
 * DEL, C1 controls (U+009B is a one-character CSI), and the bidirectional overrides and isolates
 * that reorder what is shown ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** How an unsafe character is shown: `\x1b`, `\u202e`. */
export function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function isUnsafeChar(ch: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(ch);
}

/** Text safe to print to a terminal: unsafe characters shown as escapes, tabs and newlines kept. */
export function sanitizeForTerminal(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** One line for a terminal: also shows newlines as escapes (a message must not start a new row). */
export function sanitizeLine(text: string): string {
  return sanitizeForTerminal(text).replace(/\n/g, '\\n');
}

/** At most `max` characters (UTF-16 units), an ellipsis marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
