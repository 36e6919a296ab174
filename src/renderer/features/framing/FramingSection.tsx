import { useState } from "react";
import type { Direction } from "../../../shared/events";
import type { SocketSnapshot } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { Composer } from "./Composer";
import { FramingChooser } from "./FramingChooser";
import { draftFromConfig, draftToConfig, framingLabel } from "./framing-draft";
import { StreamView } from "./StreamView";
import "./framing.css";

/**
 * Framing for one TCP connection: the codec the Lab decodes its streams
 * with, chunks beside frames for either direction (and beside what each
 * recv() returned, for incoming bytes), and a composer that
 * sends framed messages whole, in timed pieces, or several per write.
 */
export function FramingSection({ socket }: { socket: SocketSnapshot }) {
  const t = useT();
  const view = useLabStore((s) => s.framingViews.get(socket.fd));
  const clear = useLabStore((s) => s.clearFramingView);
  const [open, setOpen] = useState(socket.framing !== null || view !== undefined);
  const [draft, setDraft] = useState(() => draftFromConfig(socket.framing ?? view?.config ?? null));
  const [chosenDir, setDir] = useState<Direction | null>(null);
  if (socket.type !== "SOCK_STREAM" || socket.remote === null) return null;

  const checked = draftToConfig(draft);
  // Follow the traffic until someone picks a side: a receiver shows what came in, a pure sender what went out.
  const dir: Direction = chosenDir ?? (view && view.in.chunks.length === 0 && view.out.chunks.length > 0 ? "out" : "in");
  const status = socket.framing
    ? t("framing.decodingAs", { framing: framingLabel(socket.framing, t) })
    : view?.in.error || view?.out.error
      ? t("framing.stoppedAtError")
      : t("framing.notDecoding");

  return (
    <section className="framing" aria-label={t("framing.title")}>
      <button type="button" className="framing-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden>{open ? "▾" : "▸"}</span> {t("framing.title")}
        <span className={`framing-status${view?.in.error || view?.out.error ? " error" : ""}`}>{status}</span>
      </button>
      {open && (
        <div className="framing-body">
          <FramingChooser socket={socket} draft={draft} checked={checked} onChange={setDraft} />
          {view && (
            <>
              <div className="dir-tabs" role="group" aria-label={t("framing.direction")}>
                {(["in", "out"] as const).map((d) => (
                  <button key={d} type="button" className={`dir-tab dir-${d}`} aria-pressed={dir === d} onClick={() => setDir(d)}>
                    {t(d === "in" ? "framing.dirIn" : "framing.dirOut")}
                    {view[d].error && (
                      <span className="tab-error" aria-label={t("framing.tabError")}>
                        {" "}
                        ✕
                      </span>
                    )}
                  </button>
                ))}
                <button type="button" className="small" onClick={() => clear(socket.fd)}>
                  {t("framing.clear")}
                </button>
              </div>
              <StreamView view={view} dir={dir} queued={socket.recvQueue.used} />
            </>
          )}
          <Composer fd={socket.fd} config={checked.ok ? checked.config : null} />
        </div>
      )}
    </section>
  );
}
