import { errnoNumber, LabError, osError, type LabErrorInfo } from "../../../../shared/errors";
import { MSG_FLAG_NAMES, MSG_FLAGS } from "../../../../shared/msg-flags";
import type { SockoptLevel, SockoptName } from "../../../../shared/scenario/sockopts";
import type { Family, SocketType } from "../../../../shared/socket-model";
import { LabSocket, type SocketHost } from "../../lab-socket";
import { SocketOptions, type OptionValue } from "../../socket-options";

/**
 * A socket of the portable engine, which runs on Node's `net`/`dgram` and so
 * cannot ask the kernel: it keeps the options and the pending error
 * (SO_ERROR) itself, with Linux's rules (socket-options.ts).
 */
export abstract class PortableSocket extends LabSocket {
  readonly options: SocketOptions;
  /** SO_ERROR: reported once by the next call that can fail, then cleared. */
  protected pendingError: LabErrorInfo | null = null;

  constructor(host: SocketHost, family: Family, type: SocketType) {
    super(host, family);
    this.options = new SocketOptions(type, family);
  }

  /** Whether the socket has a local port (bind, listen, connect or a send bound it). */
  protected abstract isBound(): boolean;

  setsockopt(level: SockoptLevel, name: SockoptName, value: OptionValue): void {
    this.assertOpen();
    this.applyOption(name, this.options.set(level, name, value, this.isBound()));
    this.changed();
  }

  getsockopt(level: SockoptLevel, name: SockoptName): OptionValue {
    this.assertOpen();
    if (name === "SO_ERROR") {
      this.options.get(level, name);
      return errnoNumber(this.takeError()?.errno ?? null);
    }
    return this.options.get(level, name);
  }

  /**
   * The flags this engine honours: MSG_DONTWAIT; the others need the
   * kernel's own queues (a peek, urgent data, a wait for all bytes), which
   * Node does not expose. Refused with a clear error, never ignored.
   * Returns whether this call must not wait.
   */
  protected dontWait(flags: number): boolean {
    const refused = MSG_FLAG_NAMES.filter((name) => name !== "MSG_DONTWAIT" && (flags & MSG_FLAGS[name]) !== 0);
    if (refused.length > 0) throw new LabError(osError("EOPNOTSUPP", `${refused.join(" | ")} needs the kernel engine (Linux); the portable engine cannot reach the kernel's queues`));
    return (flags & MSG_FLAGS.MSG_DONTWAIT) !== 0;
  }

  /** Pushes an option to the real socket where Node can; the model is already updated. */
  protected applyOption(_name: SockoptName, _value: OptionValue): void {}

  /** Reads and clears SO_ERROR; clearing it changes readiness (POLLERR goes out). */
  protected takeError(): LabErrorInfo | null {
    const error = this.pendingError;
    this.pendingError = null;
    if (error) this.changed();
    return error;
  }
}
