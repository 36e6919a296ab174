import type { QueueGauge, SocketSnapshot } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";

/** `unit` is what the queue counts: bytes for data, connections for a listener's backlog. */
function Gauge({ label, gauge, unit }: { label: string; gauge: QueueGauge; unit: string }) {
  const pct = gauge.capacity > 0 ? Math.min(100, (gauge.used / gauge.capacity) * 100) : 0;
  return (
    <div className="gauge">
      <span className="gauge-label">{label}</span>
      <div className="bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={gauge.capacity} aria-valuenow={gauge.used}>
        <div className="fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="mono num">
        {gauge.used} / {gauge.capacity} {unit}
      </span>
    </div>
  );
}

/** The queues that matter for this socket: accept for a listener, receive (and drops) for UDP, both directions for a connection. */
export function Gauges({ socket }: { socket: SocketSnapshot }) {
  const t = useT();
  if (socket.state === "LISTEN") return <Gauge label={t("detail.acceptQueue")} gauge={socket.acceptQueue} unit={t("detail.connections")} />;
  const udp = socket.type === "SOCK_DGRAM";
  return (
    <>
      <Gauge label={t("detail.recvQueue")} gauge={socket.recvQueue} unit="B" />
      {!udp && <Gauge label={t("detail.sendQueue")} gauge={socket.sendQueue} unit="B" />}
      {udp && socket.drops > 0 && (
        <p className="warn-count">
          <span className="mono num">{socket.drops}</span> {t("detail.drops", { count: socket.drops })}
        </p>
      )}
    </>
  );
}
