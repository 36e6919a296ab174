import { fromHex } from "../../../../shared/bytes";
import type { LabClient } from "../../../api/client";

export type PayloadResult =
  | { readonly status: "ok"; readonly bytes: Uint8Array }
  /** The Lab's packet log no longer holds these bytes; `kept` is how many payloads it holds. */
  | { readonly status: "dropped"; readonly kept: number }
  | { readonly status: "failed"; readonly message: string };

/** Payloads fetched recently, so moving the selection back and forth does not ask the Lab again. */
const MAX_ENTRIES = 64;
const MAX_BYTES = 16 * 1024 * 1024;

class Lru {
  private readonly entries = new Map<number, Uint8Array>();
  private bytes = 0;

  get(seq: number): Uint8Array | undefined {
    const hit = this.entries.get(seq);
    if (hit) {
      this.entries.delete(seq);
      this.entries.set(seq, hit);
    }
    return hit;
  }

  set(seq: number, value: Uint8Array): void {
    this.entries.set(seq, value);
    this.bytes += value.length;
    for (const [key, old] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.entries.delete(key);
      this.bytes -= old.length;
    }
  }
}

/** One cache per connection to a Lab: seqs are that Lab's. */
const caches = new WeakMap<LabClient, Lru>();

/**
 * The full bytes of a data or frame row. A failed `payload` call is logged
 * by the Lab as an error row, so first ask how many payloads its packet log
 * holds: it drops the oldest first, so a row with at least that many
 * payloads after it is gone, and we say so without asking.
 */
export async function fetchPayload(client: LabClient, seq: number, payloadsAfter: number): Promise<PayloadResult> {
  let cache = caches.get(client);
  if (!cache) caches.set(client, (cache = new Lru()));
  const hit = cache.get(seq);
  if (hit) return { status: "ok", bytes: hit };
  const stats = await client.call("log_config", {});
  if (stats.ok && payloadsAfter >= stats.result.entries) return { status: "dropped", kept: stats.result.entries };
  const reply = await client.call("payload", { seq });
  if (!reply.ok) return stats.ok && stats.result.droppedEntries > 0 ? { status: "dropped", kept: stats.result.entries } : { status: "failed", message: reply.error.message };
  const bytes = fromHex(reply.result.hex);
  cache.set(seq, bytes);
  return { status: "ok", bytes };
}
