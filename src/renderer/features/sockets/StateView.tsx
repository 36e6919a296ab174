import type { SocketSnapshot } from "../../../shared/socket-model";
import { type Translate } from "../../../shared/i18n";
import { useT } from "../../hooks/use-t";
import type { PlainKey } from "../../../shared/i18n";
import { useLabStore } from "../../store/context";
import { endpoint } from "../../model/endpoint";
import { KernelHistoryLine } from "./kernel/KernelHistoryLine";
import { EndingTag } from "./EndingTag";
import { isFresh, stateGloss } from "./tcp-state";

type Flow = "open" | "shut" | "reset";

function HalfArrow({ dir, label, flow, note }: { dir: "in" | "out"; label: string; flow: Flow; note: string }) {
  return (
    <div className={`half-arrow dir-${dir} ${flow}`} role="img" aria-label={`${label}: ${note}`}>
      <span className="dir-label">{label}</span>
      <span className="arrow" aria-hidden />
      <span className="dir-note">{note}</span>
    </div>
  );
}

/** The two directions of a connection: what the peer sent us (read) and what we send (write). */
function Directions({ socket, t }: { socket: SocketSnapshot; t: Translate }) {
  if (socket.ended === "reset") {
    return (
      <>
        <HalfArrow dir="in" label={t("detail.read")} flow="reset" note={t("arrow.rst")} />
        <HalfArrow dir="out" label={t("detail.write")} flow="reset" note={t("arrow.rst")} />
      </>
    );
  }
  const { shut, peerFin, recvQueue, sendQueue } = socket;
  const readNotes = [
    peerFin ? t("arrow.finReceived") : null,
    shut.rd ? "SHUT_RD" : null,
    peerFin && recvQueue.used > 0 ? t("arrow.stillQueued", { n: recvQueue.used }) : null,
  ].filter((n) => n !== null);
  const writeNote = !shut.wr ? t("detail.open") : sendQueue.used > 0 ? t("arrow.finAfter", { count: sendQueue.used }) : t("arrow.finSent");
  return (
    <>
      <HalfArrow dir="in" label={t("detail.read")} flow={peerFin || shut.rd ? "shut" : "open"} note={readNotes.join(" · ") || t("detail.open")} />
      <HalfArrow dir="out" label={t("detail.write")} flow={shut.wr ? "shut" : "open"} note={writeNote} />
    </>
  );
}

/** Before a connection exists there are no directions to draw, only what to do next. */
function notConnectedHint(socket: SocketSnapshot): PlainKey | null {
  if (isFresh(socket)) return "state.hintFresh";
  switch (socket.state) {
    case "LISTEN":
      return "state.hintListen";
    case "SYN_SENT":
      return "state.hintConnecting";
    default:
      return null;
  }
}

/** The previous state and the one now, in Linux's names, where the engine cannot ask the kernel (the portable engine's model). */
function ModelStateLine({ socket, t }: { socket: SocketSnapshot; t: Translate }) {
  const previous = useLabStore((s) => s.previousState.get(socket.fd));
  const portable = useLabStore((s) => s.engine?.name === "portable");
  return (
    <p className="state-line">
      {previous && (
        <>
          {/* A state that was left is not an end: a CLOSE before another state is the one before any connection. */}
          <span className="mono prev-state" title={stateGloss({ state: previous, ended: null }, t, portable)}>
            {previous}
          </span>
          <span className="muted">{" → "}</span>
        </>
      )}
      <span className={`state-pill${socket.ended === "reset" ? " reset" : ""}`} title={stateGloss(socket, t, portable)}>
        {socket.state}
      </span>
      <EndingTag socket={socket} />
    </p>
  );
}

function TcpStateView({ socket, t }: { socket: SocketSnapshot; t: Translate }) {
  const hint = notConnectedHint(socket);
  return (
    <>
      {socket.kernel ? <KernelHistoryLine socket={socket} kernel={socket.kernel} /> : <ModelStateLine socket={socket} t={t} />}
      {hint ? <p className="state-hint">{t(hint)}</p> : <Directions socket={socket} t={t} />}
    </>
  );
}

function UdpState({ socket, t }: { socket: SocketSnapshot; t: Translate }) {
  return (
    <>
      <p className="state-line">
        <span className="state-pill udp">UDP</span>
      </p>
      <dl className="udp-addresses">
        <dt>{t("udp.bound")}</dt>
        <dd className={socket.local ? "mono" : "muted"}>{socket.local ? endpoint(socket.local) : t("udp.notBound")}</dd>
        <dt>{t("udp.connected")}</dt>
        <dd className={socket.remote ? "mono" : "muted"}>{socket.remote ? endpoint(socket.remote) : t("udp.notConnected")}</dd>
      </dl>
    </>
  );
}

/** Settings that change how calls behave: Python's timeout, and the Lab's own modes and policy, each labelled as such. */
function Settings({ socket, t }: { socket: SocketSnapshot; t: Translate }) {
  const timeout = socket.timeout === null ? t("setting.blocking") : socket.timeout === 0 ? t("setting.nonBlocking") : t("setting.timeout", { n: socket.timeout });
  return (
    <ul className="settings" aria-label={t("setting.title")}>
      <li className="mono">{timeout}</li>
      {socket.auto.accept && <li className="lab">{t("setting.autoAccept")}</li>}
      {socket.auto.recv && <li className="lab">{t("setting.autoRecv")}</li>}
      {socket.auto.echo && <li className="lab">{t("setting.echo")}</li>}
      {socket.auto.reply !== null && <li className="lab">{t("setting.reply")}</li>}
      {socket.idleClose !== null && <li className="lab">{t("setting.idleClose", { n: socket.idleClose })}</li>}
    </ul>
  );
}

export function StateView({ socket }: { socket: SocketSnapshot }) {
  const t = useT();
  return (
    <div className="state-view">
      {socket.type === "SOCK_DGRAM" ? <UdpState socket={socket} t={t} /> : <TcpStateView socket={socket} t={t} />}
      <Settings socket={socket} t={t} />
    </div>
  );
}
