import { preview } from "../../shared/bytes";
import type { SocketHost } from "./lab-socket";
import { StreamIndex } from "./stream-index";

/**
 * The program's reads of one stream socket, as read events: which logged
 * bytes each recv() returned, so a view can draw the boundaries the program
 * saw beside the arrivals. Every engine feeds it the same way: each arrival
 * it logs, every byte anyone takes (the program, recv_frame, the Lab's own
 * auto modes), and what each recv returned.
 */
/** A read's span is asked for after its bytes were taken: keep this many taken chunks (a recv of more chunks than this starts where it is not known). */
const TAKEN_CHUNKS_KEPT = 4096;

export class StreamReads {
  private readonly index = new StreamIndex(TAKEN_CHUNKS_KEPT);
  private taken = 0;

  constructor(
    private readonly host: SocketHost,
    private readonly fd: () => number,
  ) {}

  /** Stream offset of the next byte a read would take. */
  get offset(): number {
    return this.taken;
  }

  /** The data event `seq` logged `length` bytes of the stream. */
  arrived(seq: number, length: number): void {
    this.index.push(seq, length);
  }

  /** `length` bytes left the receive queue. */
  took(length: number): void {
    this.taken += length;
    this.index.release(this.taken);
  }

  /** A recv that began at stream offset `from` returned `data` (its bytes already counted by `took`, unless it peeked). */
  returned(op: "recv" | "recvfrom", data: Uint8Array, from: number, peek: boolean): void {
    const start = data.length === 0 ? null : this.index.position(from);
    const end = data.length === 0 ? null : this.index.position(from + data.length - 1);
    this.host.emit({ type: "read", fd: this.fd(), op, len: data.length, preview: preview(data), peek, start, end });
  }
}
