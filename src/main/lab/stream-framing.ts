import { preview } from "../../shared/bytes";
import type { Direction } from "../../shared/events";
import type { FramingConfig } from "../../shared/framing";
import { FrameReader } from "./frame-reader";
import { FrameTracker } from "./frame-tracker";
import type { SocketHost } from "./lab-socket";
import { toLabErrorInfo } from "./node-errors";

/**
 * A stream socket's framing, whichever engine runs it: the configuration the
 * Lab decodes both directions with (frame events), and the reader that
 * recv_frame keeps across calls like the program's own buffer.
 */
export class StreamFraming {
  private tracking: { config: FramingConfig; in: FrameTracker; out: FrameTracker } | null = null;
  private reading: { key: string; reader: FrameReader } | null = null;

  constructor(
    private readonly host: SocketHost,
    private readonly fd: () => number,
  ) {}

  get config(): FramingConfig | null {
    return this.tracking?.config ?? null;
  }

  set(config: FramingConfig | null): void {
    this.tracking = config ? { config, in: new FrameTracker(config), out: new FrameTracker(config) } : null;
  }

  /** The reader for `config`: a new one when recv_frame is called with another framing. */
  reader(config: FramingConfig): FrameReader {
    const key = JSON.stringify(config);
    if (this.reading?.key !== key) this.reading = { key, reader: new FrameReader(config) };
    return this.reading.reader;
  }

  /**
   * Frames the chunk (the data event `seq`) completes in this direction, as
   * frame events. A framing error is this connection's protocol error:
   * logged, the framing dropped, the socket and the Lab carry on. Returns
   * false when it dropped the framing.
   */
  track(dir: Direction, seq: number, chunk: Uint8Array): boolean {
    if (!this.tracking) return true;
    try {
      for (const frame of this.tracking[dir].push(seq, chunk)) {
        const { payload, start, end } = frame;
        this.host.emitData({ type: "frame", fd: this.fd(), dir, len: payload.length, preview: preview(payload), start, end }, payload);
      }
      return true;
    } catch (err) {
      this.tracking = null;
      this.host.emit({ type: "error", fd: this.fd(), op: `framing (${dir})`, error: toLabErrorInfo(err) });
      return false;
    }
  }
}
