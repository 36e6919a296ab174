import net from "node:net";
import { LabError } from "../../../../shared/errors";
import { toLabErrorInfo } from "../../node-errors";

/**
 * Node binds a TCP socket only when it listens or connects, but Python's
 * bind() reserves the address at once (and fails there with EADDRINUSE).
 * Briefly listening finds the port the kernel would give and surfaces the
 * same errors at bind time.
 */
export async function reservePort(host: string, port: number): Promise<number> {
  const probe = net.createServer();
  try {
    return await new Promise<number>((resolve, reject) => {
      probe.once("error", reject);
      probe.listen({ host, port, exclusive: true }, () => {
        const where = probe.address();
        resolve(where && typeof where === "object" ? where.port : port);
      });
    });
  } catch (err) {
    throw new LabError(toLabErrorInfo(err));
  } finally {
    if (probe.listening) await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}
