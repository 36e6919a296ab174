import type { Engine } from "../engine";
import { KernelTcpSocket } from "./kernel-tcp";
import { KernelUdpSocket } from "./kernel-udp";
import { kernelMonitor } from "./monitor";

/** Real kernel sockets through system calls; only where kernelEngineSupport() says ok. */
export const kernelEngine: Engine = {
  name: "kernel",
  socket: (host, family, type) =>
    type === "SOCK_STREAM" ? new KernelTcpSocket(host, family, kernelMonitor()) : new KernelUdpSocket(host, family, kernelMonitor()),
};
