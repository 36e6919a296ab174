/** What each framing's decoder implements; decoder.ts adds poisoning on top. */
export interface StreamDecoder {
  /** Appends the frames `chunk` completes to `out`; throws FramingError. */
  push(chunk: Uint8Array, out: Uint8Array[]): void;
  /** Throws TRUNCATED_FRAME when bytes of an unfinished frame are held. */
  end(): void;
  /** Drops everything held (after an error, so a poisoned decoder frees its memory). */
  reset(): void;
  readonly buffered: number;
  readonly expectedLength: number | null;
}
