import type { EngineName, Family, SocketType } from "../../../shared/socket-model";
import type { LabSocket, SocketHost } from "../lab-socket";

/** What makes the Lab's sockets. The Lab keeps the fd table, the log and readiness waits; an engine answers the calls. */
export interface Engine {
  readonly name: EngineName;
  socket(host: SocketHost, family: Family, type: SocketType): LabSocket;
  /**
   * Brings the sockets' revents up to now before poll()/select() reads them:
   * the kernel may know of a change (the peer's bytes, sent on loopback a
   * step ago) that its monitor has not reported yet. A model is always up to date.
   */
  syncReadiness(sockets: readonly LabSocket[]): void;
}
