/**
 * Bounds on a decoded JSON value, checked without recursion before any
 * schema or serializer recurses into it: a value nested a few thousand deep
 * overflows the stack of JSON.stringify, zod and the exporter alike.
 */
export interface JsonBounds {
  /** Deepest nesting of arrays and objects (a scalar is depth 0). */
  readonly maxDepth: number;
  /** Arrays, objects and scalars counted together. */
  readonly maxNodes: number;
}

/** What a command's input may be: far beyond any real call (a poll of 100,000 fds is ~300,000 nodes). */
export const INPUT_BOUNDS: JsonBounds = { maxDepth: 64, maxNodes: 2_000_000 };

/** Why `value` is out of bounds, or null when it fits. */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    nodes += 1;
    // Typed arrays (IPC can deliver them) are one value: their elements are numbers, never nested.
    if (typeof item !== "object" || item === null || ArrayBuffer.isView(item) || item instanceof ArrayBuffer) continue;
    if (depth >= bounds.maxDepth) return `nested deeper than ${bounds.maxDepth} levels`;
    const size = Array.isArray(item) ? item.length : Object.keys(item).length;
    // Counted before anything is pushed: a 64 MiB array of zeros must not cost a frame per element first.
    if (nodes + stack.length + size > bounds.maxNodes) return `more than ${bounds.maxNodes.toLocaleString("en")} values`;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return null;
}
