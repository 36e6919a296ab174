import { useState } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { decodePollResult, pyPoll, pyPollResult, pySelect, pySelectResult } from "./python-poll";
import { useOnce, type OnceOutcome } from "./use-once";

/** Longer waits would hold the panel for a while; the action bar's own calls are the place to block. */
const MAX_POLL_MS = 60_000;

function parseNumber(text: string, max: number): number | null {
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) && value >= 0 && value <= max ? value : null;
}

/** poll() and select() once on the chosen sockets, with the Python line and what Python prints. */
export function OnceBar() {
  const t = useT();
  const fds = useLabStore((s) => s.flagFds);
  const mask = useLabStore((s) => s.flagMask);
  const sockets = useLabStore((s) => s.sockets);
  const once = useOnce();
  const [pollMs, setPollMs] = useState("100");
  const [selectS, setSelectS] = useState("0.1");
  const [lists, setLists] = useState({ r: true, w: true, x: false });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<OnceOutcome | null>(null);

  const pollTimeout = parseNumber(pollMs, MAX_POLL_MS);
  const selectTimeout = parseNumber(selectS, MAX_POLL_MS / 1000);
  const open = new Set(sockets.keys());
  const openFds = fds.filter((fd) => open.has(fd));

  async function run(task: () => Promise<OnceOutcome>): Promise<void> {
    setBusy(true);
    try {
      setOutcome(await task());
    } finally {
      setBusy(false);
    }
  }

  const poll = (timeout: number) =>
    run(() =>
      once("poll", { fds: fds.map((fd) => [fd, mask] as [number, number]), timeout }, pyPoll(fds, mask, timeout, open), (ready) => ({
        printed: pyPollResult(ready),
        details: decodePollResult(ready),
      })),
    );

  const select = (timeout: number) => {
    // select() takes socket objects: a closed one cannot be passed at all, so only open fds go in.
    const r = lists.r ? openFds : [];
    const w = lists.w ? openFds : [];
    const x = lists.x ? openFds : [];
    return run(() => once("select", { r, w, x, timeout }, pySelect(r, w, x, timeout), (sets) => ({ printed: pySelectResult(sets), details: [] })));
  };

  return (
    <div className="once" role="group" aria-label={t("flags.once")}>
      <span className="chooser-label">{t("flags.once")}</span>
      {fds.length === 0 && <p className="muted flags-hint">{t("flags.onceNeedsSockets")}</p>}
      <div className="once-row">
        <button type="button" className="mono" disabled={fds.length === 0 || pollTimeout === null || busy} onClick={() => pollTimeout !== null && void poll(pollTimeout)}>
          poll()
        </button>
        <label title={t("flags.timeoutMs")}>
          <input
            className="mono num"
            inputMode="decimal"
            value={pollMs}
            onChange={(e) => setPollMs(e.target.value)}
            aria-label={t("flags.timeoutMs")}
            aria-invalid={pollTimeout === null}
          />
          ms
        </label>
      </div>
      <div className="once-row">
        <button
          type="button"
          className="mono"
          disabled={openFds.length === 0 || selectTimeout === null || busy || !(lists.r || lists.w || lists.x)}
          onClick={() => selectTimeout !== null && void select(selectTimeout)}
        >
          select()
        </button>
        {(["r", "w", "x"] as const).map((list) => (
          <label key={list} className="check" title={t(`flags.list.${list}`)}>
            <input type="checkbox" checked={lists[list]} onChange={(e) => setLists({ ...lists, [list]: e.target.checked })} aria-label={t(`flags.list.${list}`)} />
            <span className="mono">{list}</span>
          </label>
        ))}
        <label title={t("flags.timeoutS")}>
          <input
            className="mono num"
            inputMode="decimal"
            value={selectS}
            onChange={(e) => setSelectS(e.target.value)}
            aria-label={t("flags.timeoutS")}
            aria-invalid={selectTimeout === null}
          />
          s
        </label>
      </div>
      <div className="once-result" role="region" aria-live="polite" aria-label={t("flags.result")}>
        {busy && <p className="muted">{t("console.waiting")}</p>}
        {!busy && outcome && (
          <>
            <p className="mono py-line">
              <span className="prompt" aria-hidden>
                {">>> "}
              </span>
              {outcome.line}
            </p>
            <p className={`mono printed${outcome.ok ? "" : " error"}`}>{outcome.printed}</p>
            {outcome.details.map((line) => (
              <p key={line} className="mono muted decoded">
                # {line}
              </p>
            ))}
          </>
        )}
      </div>
    </div>
  );
}
