/** Chunks shorter than this are copied into a shared piece rather than held as views. */
const SMALL = 1024;

/**
 * The bytes of one unfinished frame. Large chunks are kept as the views the
 * caller pushed and copied once, when the frame completes: joining on every
 * push would make a big frame quadratic. Small chunks are copied into
 * `SMALL`-byte pieces instead, so a peer trickling bytes one per read cannot
 * make the list (and its per-view overhead) grow with every byte: there are
 * at most about 2 * length / SMALL pieces.
 *
 * Held views alias the caller's chunks, so a caller must not reuse a chunk's
 * memory after pushing it (Node's socket chunks are never reused).
 */
export class ChunkList {
  private chunks: Uint8Array[] = [];
  private total = 0;
  /** The piece small chunks are being copied into (the last entry of `chunks`), or null. */
  private spare: Uint8Array | null = null;
  private spareUsed = 0;

  get length(): number {
    return this.total;
  }

  /** How many pieces are held (for the memory tests). */
  get pieces(): number {
    return this.chunks.length;
  }

  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.total += chunk.length;
    if (chunk.length >= SMALL) {
      this.chunks.push(chunk);
      this.spare = null;
      return;
    }
    let from = 0;
    while (from < chunk.length) {
      if (this.spare === null || this.spareUsed === this.spare.length) {
        this.spare = new Uint8Array(SMALL);
        this.spareUsed = 0;
        this.chunks.push(this.spare.subarray(0, 0));
      }
      const take = Math.min(chunk.length - from, this.spare.length - this.spareUsed);
      this.spare.set(chunk.subarray(from, from + take), this.spareUsed);
      this.spareUsed += take;
      from += take;
      this.chunks[this.chunks.length - 1] = this.spare.subarray(0, this.spareUsed);
    }
  }

  /** The first `n` bytes as one array: a view when they lie in one piece, else a copy. */
  prefix(n: number): Uint8Array {
    const first = this.chunks[0];
    if (first === undefined) return new Uint8Array(0);
    if (n <= first.length) return first.subarray(0, n);
    const out = new Uint8Array(n);
    let at = 0;
    for (const chunk of this.chunks) {
      const take = Math.min(chunk.length, n - at);
      out.set(take === chunk.length ? chunk : chunk.subarray(0, take), at);
      at += take;
      if (at === n) break;
    }
    return out;
  }

  /** Everything held, followed by `last`; a view when only one piece is non-empty. */
  concat(last: Uint8Array): Uint8Array {
    if (this.chunks.length === 0) return last;
    if (last.length === 0 && this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.total + last.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    out.set(last, at);
    return out;
  }

  /** Forgets everything; a returned view of the spare piece stays valid because the piece is never written again. */
  clear(): void {
    this.chunks = [];
    this.total = 0;
    this.spare = null;
    this.spareUsed = 0;
  }
}
