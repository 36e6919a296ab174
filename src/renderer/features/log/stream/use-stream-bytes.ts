import { useEffect, useState } from "react";
import { useLabClient } from "../../../store/context";
import { fetchPayload } from "../detail/payload-cache";

export interface ChunkRequest {
  readonly seq: number;
  readonly payloadsAfter: number;
}

/** Bytes fetched for a stream so far: per chunk id, the bytes, or null when they are gone. */
export type StreamBytes = ReadonlyMap<number, Uint8Array | null>;

/**
 * Fetches the full bytes of the chunks on show (by id), newest first, a
 * few at a time, each once: this Lab's from its log, another host's
 * through that host (the Hosts view's stream).
 */
export function useFetchedBytes(ids: readonly number[], fetchOne: (id: number) => Promise<Uint8Array | null>, source: unknown): StreamBytes {
  const [bytes, setBytes] = useState<StreamBytes>(() => new Map());
  const missing = ids.filter((id) => !bytes.has(id));
  const wanted = missing.join(",");
  useEffect(() => {
    if (missing.length === 0) return;
    let live = true;
    void (async () => {
      const found = new Map<number, Uint8Array | null>();
      for (const id of [...missing].reverse().slice(0, 32)) found.set(id, await fetchOne(id));
      if (live) setBytes((old) => new Map([...old, ...found]));
    })();
    return () => {
      live = false;
    };
    // `wanted` names the missing chunks and `source` where they come from; the array and the function are new every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, wanted]);
  return bytes;
}

/** This Lab's chunks, by seq, from its packet log. */
export function useStreamBytes(chunks: readonly ChunkRequest[]): StreamBytes {
  const client = useLabClient();
  const after = new Map(chunks.map((c) => [c.seq, c.payloadsAfter]));
  return useFetchedBytes(
    chunks.map((c) => c.seq),
    async (seq) => {
      const result = await fetchPayload(client, seq, after.get(seq) ?? 0);
      return result.status === "ok" ? result.bytes : null;
    },
    client,
  );
}
