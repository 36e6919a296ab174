// Framing codec throughput, each against a naive decoder measured in the same run.
import { createDecoder, encodeFrames, type FramingConfig } from "../src/shared/framing/index";
import type { Figure } from "./figure";

const KiB = 1024;
const MiB = 1024 * KiB;
const CHUNK = 64 * KiB;
const STREAM = 32 * MiB;

const U32BE: FramingConfig = { kind: "length-prefix", encoding: "u32be" };
const NEWLINE: FramingConfig = { kind: "delimiter", delimiter: "\n" };

/** Decodes a whole stream and returns how many frames it found (checked, so no work is dead code). */
type Decode = (chunks: readonly Uint8Array[]) => number;

/** The stream cut into fixed-size chunks, each with its own memory, as socket reads arrive. */
function chunked(stream: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < stream.length; at += size) out.push(stream.slice(at, at + size));
  return out;
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The usual first attempt: append every chunk to the whole pending buffer, then cut frames. */
const naiveU32be: Decode = (chunks) => {
  let pending: Uint8Array = new Uint8Array(0);
  let frames = 0;
  for (const chunk of chunks) {
    pending = join(pending, chunk);
    const view = new DataView(pending.buffer, pending.byteOffset, pending.length);
    const out: Uint8Array[] = [];
    let pos = 0;
    while (pending.length - pos >= 4) {
      const length = view.getUint32(pos);
      if (pending.length - pos - 4 < length) break;
      out.push(pending.subarray(pos + 4, pos + 4 + length));
      pos += 4 + length;
    }
    pending = pending.subarray(pos);
    frames += out.length;
  }
  return frames;
};

const naiveNewline: Decode = (chunks) => {
  let pending: Uint8Array = new Uint8Array(0);
  let frames = 0;
  for (const chunk of chunks) {
    pending = join(pending, chunk);
    const out: Uint8Array[] = [];
    let pos = 0;
    for (let at = pending.indexOf(0x0a, pos); at !== -1; at = pending.indexOf(0x0a, pos)) {
      out.push(pending.subarray(pos, at));
      pos = at + 1;
    }
    pending = pending.subarray(pos);
    frames += out.length;
  }
  return frames;
};

const streaming =
  (config: FramingConfig): Decode =>
  (chunks) => {
    const decoder = createDecoder(config);
    let frames = 0;
    for (const chunk of chunks) frames += decoder.push(chunk).length;
    decoder.end();
    return frames;
  };

/** Median wall time of `run` in ms, over at least `minRuns` runs and about `budgetMs` of work. */
function medianMs(run: () => number, expected: number, minRuns = 5, budgetMs = 1500): number {
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < 200)) {
    const t0 = performance.now();
    const got = run();
    times.push(performance.now() - t0);
    if (got !== expected) throw new Error(`decoded ${got} frames, expected ${expected}`);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

/** Median and fastest time of several cases run in turn, `runs` times each. */
function interleavedMs(cases: readonly (() => number)[], expected: number, runs: number): { median: number; min: number }[] {
  const times = cases.map((): number[] => []);
  for (let r = 0; r < runs; r++) {
    cases.forEach((run, i) => {
      const t0 = performance.now();
      const got = run();
      times[i]!.push(performance.now() - t0);
      if (got !== expected) throw new Error(`decoded ${got} frames, expected ${expected}`);
    });
  }
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return { median: t[t.length >> 1]!, min: t[0]! };
  });
}

function gbps(bytes: number, ms: number): number {
  return bytes / (ms / 1000) / 1e9;
}

function throughput(name: string, config: FramingConfig, naive: Decode, payloadSize: number): Figure {
  const count = Math.floor(STREAM / payloadSize);
  const payload = new Uint8Array(payloadSize).fill(0x61);
  const stream = encodeFrames(config, Array.from({ length: count }, () => payload));
  const chunks = chunked(stream, CHUNK);
  const decode = streaming(config);
  // Warm both paths so neither is measured while the JIT is still compiling.
  decode(chunks);
  naive(chunks);
  const value = gbps(stream.length, medianMs(() => decode(chunks), count));
  const baseline = gbps(stream.length, medianMs(() => naive(chunks), count));
  return { name, value, unit: "GB/s", baseline, ratio: value / baseline, frames: count, frameBytes: payloadSize, chunkBytes: CHUNK };
}

/**
 * One 16 MiB frame in 64 KiB chunks versus in one chunk. A frame in one chunk
 * comes back as a zero-copy view, so its decode costs next to nothing; the
 * split frame must be assembled by one copy. The fair comparison is with the
 * whole chunk plus that one copy (what owning the frame costs), so `value`
 * uses it; the zero-copy time and the naive decoder are reported beside it.
 * What remains of the gap is mostly `new Uint8Array` zero-filling the
 * destination, which `slice` skips and plain JS cannot avoid.
 */
function bigFrame(): Figure {
  const size = 16 * MiB;
  const stream = encodeFrames(U32BE, [new Uint8Array(size).fill(0x62)]);
  const chunks = chunked(stream, CHUNK);
  const whole = [stream];
  const decode = streaming(U32BE);
  const wholeOwned: Decode = (c) => {
    const frames = createDecoder(U32BE).push(c[0]!);
    return frames.map((f) => f.slice()).length;
  };
  for (let i = 0; i < 3; i++) {
    decode(chunks);
    decode(whole);
    wholeOwned(whole);
  }
  // Each run allocates 16 MiB, so garbage collections land on some runs and
  // not others; alternating the two cases gives both the same share of them.
  const [split, wholeCopy] = interleavedMs([() => decode(chunks), () => wholeOwned(whole)], 1, 60);
  const splitMs = split!.median;
  const wholeCopyMs = wholeCopy!.median;
  const wholeViewMs = medianMs(() => decode(whole), 1, 20, 200);
  const naiveSplitMs = medianMs(() => naiveU32be(chunks), 1, 1, 0);
  const ratio = splitMs / wholeCopyMs;
  return {
    name: "codec.bigframe.split-vs-whole",
    value: ratio,
    unit: "ratio",
    baseline: null,
    ratio,
    splitMs,
    wholeWithCopyMs: wholeCopyMs,
    // Fastest runs: the intrinsic cost, less exposed to other processes on a busy machine.
    ratioOfFastest: split!.min / wholeCopy!.min,
    wholeZeroCopyMs: wholeViewMs,
    naiveSplitMs,
    frameBytes: size,
    chunkBytes: CHUNK,
  };
}

export default async function (): Promise<Figure[]> {
  return [
    throughput("codec.u32be.decode", U32BE, naiveU32be, 4 * KiB),
    throughput("codec.delimiter.decode", NEWLINE, naiveNewline, KiB - 1),
    bigFrame(),
  ];
}
