import { useState, type FormEvent } from "react";
import { utf8 } from "../../../shared/bytes";
import type { QueueGauge, SocketSnapshot } from "../../../shared/socket-model";
import { useT } from "../../i18n";
import { useLabStore } from "../../store/context";
import { pyBytes, pyBytesHex, pyName } from "../shell/python";
import { useCall } from "../shell/use-call";
import { endpoint } from "./SocketList";

function Gauge({ label, gauge }: { label: string; gauge: QueueGauge }) {
  const pct = gauge.capacity > 0 ? Math.min(100, (gauge.used / gauge.capacity) * 100) : 0;
  return (
    <div className="gauge">
      <span>{label}</span>
      <div className="bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={gauge.capacity} aria-valuenow={gauge.used}>
        <div className="fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="mono num">
        {gauge.used} / {gauge.capacity} B
      </span>
    </div>
  );
}

function Direction({ label, shut, note }: { label: string; shut: boolean; note: string }) {
  return (
    <div className={`half-arrow${shut ? " shut" : ""}`}>
      <span className="dir-label">{label}</span>
      <span className="arrow" aria-hidden />
      <span className="dir-note">{note}</span>
    </div>
  );
}

function Connection({ socket }: { socket: SocketSnapshot }) {
  const t = useT();
  const call = useCall();
  const [message, setMessage] = useState("hello");
  const name = pyName(socket.fd);

  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    await call("send", { fd: socket.fd, data: message }, `${name}.send(${pyBytes(utf8(message))})`, String);
  }

  return (
    <>
      <Direction label={t("detail.read")} shut={socket.shut.rd || socket.peerFin} note={socket.peerFin ? t("detail.finReceived") : socket.shut.rd ? t("detail.shut") : t("detail.open")} />
      <Direction label={t("detail.write")} shut={socket.shut.wr} note={socket.shut.wr ? t("detail.shut") : t("detail.open")} />
      <Gauge label={t("detail.recvQueue")} gauge={socket.recvQueue} />
      <Gauge label={t("detail.sendQueue")} gauge={socket.sendQueue} />
      <form className="send-form" onSubmit={(e) => void send(e)}>
        <label>
          {t("detail.message")}
          <input className="mono" value={message} onChange={(e) => setMessage(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t("detail.send")}
        </button>
        <button
          type="button"
          onClick={() => void call("recv", { fd: socket.fd, bufsize: 1024 }, `${name}.recv(1024)`, (r) => pyBytesHex(r))}
          disabled={socket.auto.recv}
        >
          {t("detail.recv")}
        </button>
      </form>
    </>
  );
}

export function SocketDetail() {
  const t = useT();
  const call = useCall();
  const socket = useLabStore((s) => (s.selectedFd === null ? undefined : s.sockets.get(s.selectedFd)));
  if (!socket) return <section className="panel detail empty-detail">{t("detail.none")}</section>;
  const name = pyName(socket.fd);
  const listening = socket.state === "LISTEN";

  return (
    <section className="panel detail" aria-label={`fd ${socket.fd}`}>
      <header className="detail-head">
        <h2 className="mono">
          fd {socket.fd} · {socket.type === "SOCK_STREAM" ? "TCP" : "UDP"} · {endpoint(socket.local)}
          {socket.remote ? ` ⇄ ${endpoint(socket.remote)}` : ""}
        </h2>
        <span className={`state-pill state-${socket.state}`}>{socket.state}</span>
      </header>
      {listening ? <Gauge label={t("detail.acceptQueue")} gauge={socket.acceptQueue} /> : <Connection socket={socket} />}
      <div className="toggles">
        {listening && (
          <label>
            <input type="checkbox" checked={socket.auto.accept} onChange={(e) => void call("auto", { fd: socket.fd, accept: e.target.checked }, null)} />
            {t("detail.autoAccept")}
          </label>
        )}
        <label>
          <input type="checkbox" checked={socket.auto.recv} onChange={(e) => void call("auto", { fd: socket.fd, recv: e.target.checked }, null)} />
          {t("detail.autoRecv")}
        </label>
        <button type="button" className="danger" onClick={() => void call("close", { fd: socket.fd }, `${name}.close()`)}>
          {t("detail.close")}
        </button>
      </div>
      <PythonConsole />
    </section>
  );
}

function PythonConsole() {
  const t = useT();
  const lines = useLabStore((s) => s.console);
  return (
    <div className="console" aria-label={t("detail.python")} role="log">
      {lines.slice(-6).map((line, i) => (
        <div key={i} className={line.ok ? "" : "err"}>
          <span className="prompt">&gt;&gt;&gt; </span>
          <span className="mono">{line.python}</span>
          {line.outcome && <div className="mono outcome">{line.outcome}</div>}
        </div>
      ))}
    </div>
  );
}

