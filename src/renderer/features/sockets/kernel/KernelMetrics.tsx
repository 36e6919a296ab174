import type { ReactNode } from "react";
import type { KernelUdpStats, KernelView } from "../../../../shared/socket-model";
import { useT } from "../../../hooks/use-t";
import { useKernelUdpStats } from "../../broadcast/use-kernel-stats";
import { formatRtt, formatSsthresh, formatTimer } from "./kernel-format";

/** One number the kernel gave: its name as `ss` prints it, the value, and a line that says what it means. */
function Metric({ name, value, hint, warn = false }: { name: string; value: ReactNode; hint: string; warn?: boolean }) {
  return (
    <div className={`kmetric${warn ? " warn" : ""}`}>
      <dt className="mono">{name}</dt>
      <dd className="kmetric-value mono num">{value}</dd>
      <dd className="kmetric-hint">{hint}</dd>
    </div>
  );
}

/** The host's RcvbufErrors beside the socket's own drops, counted from when this view opened (other programs' old drops do not show). */
function HostDrops() {
  const t = useT();
  const { stats } = useKernelUdpStats(true);
  const since = (key: keyof KernelUdpStats) => (stats && stats !== "unavailable" ? stats.now[key] - stats.baseline[key] : null);
  const n = since("rcvbufErrors");
  return <Metric name={t("kpanel.rcvbufErrors")} value={n ?? "—"} hint={t("kpanel.rcvbufErrorsHint")} warn={n !== null && n > 0} />;
}

/** tcp_info's numbers for a connection, the accept queue for a listener, drops for UDP; the queues against the kernel's buffers. */
export function KernelMetrics({ kernel, udp }: { kernel: KernelView; udp: boolean }) {
  const t = useT();
  const queues = (
    <>
      <Metric name="Recv-Q" value={`${kernel.recvQ} / ${kernel.rcvbuf} B`} hint={t(udp ? "kpanel.recvQUdp" : "kpanel.recvQ")} />
      <Metric name="Send-Q" value={`${kernel.sendQ} / ${kernel.sndbuf} B`} hint={t(udp ? "kpanel.sendQUdp" : "kpanel.sendQ")} />
    </>
  );
  if (udp) {
    const drops = kernel.drops ?? 0;
    return (
      <dl className="kmetrics" aria-label={t("kpanel.title")}>
        <Metric name={t("kpanel.drops")} value={drops} hint={t("kpanel.dropsHint")} warn={drops > 0} />
        <HostDrops />
        {queues}
      </dl>
    );
  }
  if (kernel.listen) {
    return (
      <dl className="kmetrics" aria-label={t("kpanel.title")}>
        <Metric name={t("kpanel.accept")} value={t("kpanel.acceptValue", { n: kernel.listen.queued, backlog: kernel.listen.backlog })} hint={t("kpanel.acceptHint")} />
      </dl>
    );
  }
  const tcp = kernel.tcp;
  return (
    <>
      <dl className="kmetrics" aria-label={t("kpanel.title")}>
        {queues}
        {tcp && (
          <>
            <Metric name="rtt" value={formatRtt(tcp)} hint={t("kpanel.rtt")} />
            <Metric name="rto" value={formatTimer(tcp.rto)} hint={t("kpanel.rto")} />
            <Metric name="cwnd" value={tcp.cwnd} hint={t("kpanel.cwnd")} />
            <Metric name="ssthresh" value={formatSsthresh(tcp.ssthresh)} hint={t("kpanel.ssthresh")} />
            <Metric name="unacked" value={tcp.unacked} hint={t("kpanel.unacked")} />
            <Metric name="retrans" value={`${tcp.retransmits} / ${tcp.totalRetrans}`} hint={t("kpanel.retrans")} warn={tcp.totalRetrans > 0} />
            <Metric name="mss" value={`${tcp.mss} B`} hint={t("kpanel.mss")} />
          </>
        )}
      </dl>
      {!tcp && <p className="kernel-note">{t("kpanel.noConnection")}</p>}
    </>
  );
}
