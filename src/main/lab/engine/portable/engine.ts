import { TcpSocket } from "./tcp-socket";
import { UdpSocket } from "./udp-socket";
import type { Engine } from "../engine";

/** Sockets on Node's `net`/`dgram`, with the model of Linux on top (see README's known differences). */
export const portableEngine: Engine = {
  name: "portable",
  socket: (host, family, type) => (type === "SOCK_STREAM" ? new TcpSocket(host, family) : new UdpSocket(host, family)),
  syncReadiness: () => {},
};
