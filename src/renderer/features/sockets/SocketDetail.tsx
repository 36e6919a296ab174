import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import type { LabState } from "../../store/state/lab-state";
import { ActionBar } from "../actions/ActionBar";
import { FramingSection } from "../framing/FramingSection";
import { PythonConsole } from "../console/PythonConsole";
import { pyName } from "../console/python";
import { BlockedIndicator } from "./BlockedIndicator";
import { useInterrupt } from "../console/use-interrupt";
import { endpoint } from "../../model/endpoint";
import { Gauges } from "./Gauges";
import { KernelSection } from "./kernel/KernelSection";
import { StateView } from "./StateView";
import "./sockets.css";

const selectedSocket = (s: LabState) => (s.selectedFd === null ? undefined : s.sockets.get(s.selectedFd));

export function SocketDetail() {
  const t = useT();
  const socket = useLabStore(selectedSocket);
  const interrupt = useInterrupt();
  if (!socket) {
    return (
      <section className="panel detail" aria-label={t("detail.title")}>
        <div className="detail-body">
          <p className="empty-detail">{t("detail.none")}</p>
        </div>
        <PythonConsole />
      </section>
    );
  }

  return (
    <section className="panel detail" aria-label={`fd ${socket.fd}`}>
      {/* Keyed by fd: another socket's views start at their top, not where the last one was scrolled to. */}
      <div className="detail-body" key={socket.fd}>
        <header className="detail-head">
          <h2>
            <span className="py-name mono">{pyName(socket.fd)}</span>
            <span className="mono">
              fd {socket.fd} · {socket.type === "SOCK_STREAM" ? "TCP" : "UDP"}
              {socket.family === "AF_INET6" ? "v6" : ""}
              {socket.local ? ` · ${endpoint(socket.local)}` : ""}
              {socket.remote ? ` ⇄ ${endpoint(socket.remote)}` : ""}
            </span>
          </h2>
        </header>
        <div className="overview">
          <StateView socket={socket} />
          <div className="gauges">
            <Gauges socket={socket} />
          </div>
        </div>
        {socket.blocked && <BlockedIndicator key={socket.blocked.since} blocked={socket.blocked} onInterrupt={interrupt} />}
        <ActionBar socket={socket} />
        <KernelSection socket={socket} />
        <FramingSection socket={socket} />
      </div>
      <PythonConsole />
    </section>
  );
}
