/**
 * First index >= `from` where `needle` occurs in `haystack`, or -1. The native
 * single-byte indexOf does the scanning; only candidate positions are
 * compared byte by byte, which is cheap for the short delimiters framing uses.
 */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const m = needle.length;
  const first = needle[0];
  if (first === undefined) return from <= haystack.length ? from : -1;
  const last = haystack.length - m;
  let i = haystack.indexOf(first, from);
  while (i !== -1 && i <= last) {
    let k = 1;
    while (k < m && haystack[i + k] === needle[k]) k++;
    if (k === m) return i;
    i = haystack.indexOf(first, i + 1);
  }
  return -1;
}
