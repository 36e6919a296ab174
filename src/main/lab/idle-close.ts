import type { LabSocket, SocketHost } from "./lab-socket";

/**
 * The tutorial's "timeout closes the connection", as an explicit policy:
 * after this many seconds without data in either direction the Lab closes
 * the socket. Python's settimeout never does this; the UI labels it a policy.
 */
export class IdleClose {
  seconds: number | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly host: SocketHost,
    private readonly sock: LabSocket,
  ) {}

  set(seconds: number | null): void {
    this.seconds = seconds;
    this.touch();
  }

  /** Data moved: the silence starts again. */
  touch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.seconds === null) return;
    this.timer = setTimeout(() => {
      this.host.emit({ type: "policy", fd: this.sock.fd, policy: "idle-close", detail: `${this.seconds ?? 0} s without data` });
      this.host.closeFd(this.sock.fd);
    }, this.seconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
