import type { Engine } from "../engine";
import { KernelSocket } from "./kernel-socket";
import { KernelTcpSocket } from "./kernel-tcp";
import { pollSync } from "./syscalls";
import { KernelUdpSocket } from "./kernel-udp";
import { kernelMonitor } from "./monitor";

/** Real kernel sockets through system calls; only where kernelEngineSupport() says ok. */
export const kernelEngine: Engine = {
  name: "kernel",
  socket: (host, family, type) =>
    type === "SOCK_STREAM" ? new KernelTcpSocket(host, family, kernelMonitor()) : new KernelUdpSocket(host, family, kernelMonitor()),
  // One poll(2) for all of them: a poll over 1000 sockets is one system call, as in the program it models.
  syncReadiness: (sockets) => {
    const kernel = sockets.filter((s): s is KernelSocket => s instanceof KernelSocket);
    if (kernel.length === 0) return;
    const revents = pollSync(kernel.map((s) => s.pollRequest), 0);
    kernel.forEach((s, i) => s.absorb(revents[i] ?? 0));
  },
};
