import { useEffect, useState } from "react";
import type { KernelSocketRow } from "../../../shared/socket-model";
import { useLabClient } from "../../store/context";

const POLL_MS = 1000;

/**
 * What the kernel still holds on the Lab's ports with no fd behind it (a
 * TIME_WAIT after a close), read every second while `watching`. The kernel
 * is the clock here: each reading carries the time left.
 */
export function useKernelRemnants(watching: boolean): readonly KernelSocketRow[] {
  const client = useLabClient();
  const [rows, setRows] = useState<readonly KernelSocketRow[]>([]);
  const active = watching || rows.length > 0;
  useEffect(() => {
    if (!active) return;
    let live = true;
    const tick = () =>
      void client.call("kernel_sockets", {}).then((reply) => {
        if (!live || !reply.ok) return;
        setRows(reply.result?.rows.filter((r) => r.fd === null && r.proto === "tcp" && r.state !== "LISTEN") ?? []);
      });
    tick();
    const timer = setInterval(tick, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, active]);
  return rows;
}
