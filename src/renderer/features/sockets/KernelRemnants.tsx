import { useT } from "../../hooks/use-t";
import { endpoint } from "../../model/endpoint";
import { useKernelRemnants } from "./use-kernel-remnants";

/** Dimmed rows for what a close() left in the kernel: "kernel still holds 127.0.0.1:47321 → :9000 in TIME_WAIT, 58 s". */
export function KernelRemnants({ watching }: { watching: boolean }) {
  const t = useT();
  const rows = useKernelRemnants(watching);
  if (rows.length === 0) return null;
  return (
    <ul className="kernel-remnants" aria-label={t("kernel.remnants")}>
      {rows.map((r) => {
        const remote = r.remote[0] === r.local[0] ? `:${r.remote[1]}` : endpoint(r.remote);
        const text = t("kernel.holds", { local: endpoint(r.local), remote, state: r.state, n: Math.ceil(r.timer?.secondsLeft ?? 0) });
        return (
          <li key={`${endpoint(r.local)}-${endpoint(r.remote)}`} className="socket-row remnant" title={t(r.state === "TIME_WAIT" ? "kernel.timeWaitHint" : "kernel.orphanHint")}>
            <span className="dot closed" aria-hidden />
            <span className="mono remnant-text">{text}</span>
          </li>
        );
      })}
    </ul>
  );
}
