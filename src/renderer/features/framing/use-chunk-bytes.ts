import { useEffect, useRef, useState } from "react";
import { fromHex } from "../../../shared/bytes";
import { useLabClient } from "../../store/context";
import type { StreamLayout } from "./layout";

/** Chunks kept in memory: a screenful of headers needs a few, and one chunk may be 64 KiB. */
export const CACHE_SIZE = 24;

/**
 * The full bytes of some data events, fetched from the Lab's packet log on
 * demand (events carry only a preview). A chunk the log has already let go
 * of maps to null, and is not asked for again.
 */
export function useChunkBytes(seqs: readonly number[]): ReadonlyMap<number, Uint8Array | null> {
  const client = useLabClient();
  const [cache, setCache] = useState<ReadonlyMap<number, Uint8Array | null>>(() => new Map());
  const inFlight = useRef(new Set<number>());
  const key = [...new Set(seqs)].sort((a, b) => a - b).join(",");

  useEffect(() => {
    const wanted = key === "" ? [] : key.split(",").map(Number);
    const missing = wanted.filter((seq) => !cache.has(seq) && !inFlight.current.has(seq));
    if (missing.length === 0) return;
    for (const seq of missing) inFlight.current.add(seq);
    void Promise.all(
      missing.map(async (seq) => {
        const reply = await client.call("payload", { seq });
        return [seq, reply.ok ? fromHex(reply.result.hex) : null] as const;
      }),
    ).then((results) => {
      for (const [seq] of results) inFlight.current.delete(seq);
      setCache((previous) => {
        const next = new Map(previous);
        for (const [seq, bytes] of results) next.set(seq, bytes);
        // Evict the oldest chunks nobody shows now; the ones on screen stay (the caller asks for fewer than fit).
        const keep = new Set(wanted);
        for (const seq of next.keys()) {
          if (next.size <= CACHE_SIZE) break;
          if (!keep.has(seq)) next.delete(seq);
        }
        return next;
      });
    });
  }, [client, key, cache]);

  return cache;
}

/** How many bytes from a frame's start are enough to read any header (15 ASCII digits and a separator). */
export const HEADER_PEEK = 24;

/** The chunks needed to read HEADER_PEEK bytes from stream offset `from`. */
export function chunksFor(layout: StreamLayout, from: number): number[] {
  const seqs: number[] = [];
  for (const cell of layout.chunks) {
    const start = layout.chunkStart.get(cell.chunk.seq)!;
    if (start + cell.chunk.len <= from) continue;
    if (start >= from + HEADER_PEEK) break;
    seqs.push(cell.chunk.seq);
  }
  return seqs;
}

/** Up to HEADER_PEEK bytes from stream offset `from`, or null while a chunk they need is missing. */
export function bytesFrom(layout: StreamLayout, bytes: ReadonlyMap<number, Uint8Array | null>, from: number): Uint8Array | null {
  const out: number[] = [];
  for (const seq of chunksFor(layout, from)) {
    const chunk = bytes.get(seq);
    if (!chunk) return out.length > 0 ? Uint8Array.from(out) : null;
    const start = layout.chunkStart.get(seq)!;
    for (let i = Math.max(0, from - start); i < chunk.length && out.length < HEADER_PEEK; i++) out.push(chunk[i]!);
  }
  return out.length > 0 ? Uint8Array.from(out) : null;
}
