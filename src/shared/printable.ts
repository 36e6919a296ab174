/**
 * Control characters (C0, DEL, C1), line and paragraph separators and the
 * bidirectional overrides: what would move a terminal's cursor, recolour it,
 * or reorder the text a person reads.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a file or a peer, made safe to print on a terminal: every unsafe
 * character written as an escape (`\x1b`, `\r`, `\u202e`), and at most
 * `maxLength` characters kept (the rest counted), so a name can neither
 * rewrite the screen nor flood it.
 */
export function printable(text: string, maxLength = 200): string {
  const kept = text.length > maxLength ? text.slice(0, maxLength) : text;
  const safe = kept.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
  return text.length > maxLength ? `${safe}… (${(text.length - maxLength).toLocaleString("en")} more characters)` : safe;
}
