import { useEffect, useState } from "react";
import { useLabClient } from "../../../store/context";
import { fetchPayload } from "../detail/payload-cache";

export interface ChunkRequest {
  readonly seq: number;
  readonly payloadsAfter: number;
}

/** Bytes fetched for the stream so far: per seq, the bytes, or null when the Lab has dropped them. */
export type StreamBytes = ReadonlyMap<number, Uint8Array | null>;

/** Fetches the full bytes of the chunks on show, newest first, a few at a time, each once. */
export function useStreamBytes(chunks: readonly ChunkRequest[]): StreamBytes {
  const client = useLabClient();
  const [bytes, setBytes] = useState<StreamBytes>(() => new Map());
  const missing = chunks.filter((chunk) => !bytes.has(chunk.seq));
  const wanted = missing.map((c) => c.seq).join(",");
  useEffect(() => {
    if (missing.length === 0) return;
    let live = true;
    void (async () => {
      const found = new Map<number, Uint8Array | null>();
      for (const chunk of [...missing].reverse().slice(0, 32)) {
        const result = await fetchPayload(client, chunk.seq, chunk.payloadsAfter);
        found.set(chunk.seq, result.status === "ok" ? result.bytes : null);
      }
      if (live) setBytes((old) => new Map([...old, ...found]));
    })();
    return () => {
      live = false;
    };
    // `wanted` names the missing chunks; the array itself is new every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, wanted]);
  return bytes;
}
