import type { EngineName, Family, SocketType } from "../../../shared/socket-model";
import type { LabSocket, SocketHost } from "../lab-socket";

/** What makes the Lab's sockets. The Lab keeps the fd table, the log and readiness waits; an engine answers the calls. */
export interface Engine {
  readonly name: EngineName;
  socket(host: SocketHost, family: Family, type: SocketType): LabSocket;
}
