import type { KernelView, LinuxTcpState, SocketSnapshot } from "../../../../shared/socket-model";
import { type Translate } from "../../../../shared/i18n";
import { useT } from "../../../hooks/use-t";
import { useLabStore } from "../../../store/context";
import type { KernelStep } from "../../../store/kernel-history";
import { EndingTag } from "../EndingTag";
import { stateGloss } from "../tcp-state";
import { formatGap } from "./kernel-format";

export function kernelGloss(state: LinuxTcpState, t: Translate): string {
  return t(`kstate.${state}`);
}

function stepTitle(step: KernelStep, before: KernelStep | undefined, t: Translate, now: string | null): string {
  const gloss = now ?? kernelGloss(step.state, t);
  if (step.t === null) return t("khist.fromSnapshot", { gloss });
  if (!before || before.t === null) return t("khist.first", { gloss });
  return t("khist.after", { gloss, time: formatGap(step.t - before.t) });
}

/** States the line shows; earlier ones fold into "…" (the state machine below numbers them all). */
const LINE_STEPS = 3;

/**
 * The state line on the kernel engine: the states the kernel was seen in,
 * in Linux's names, oldest first, the one now as the pill (the snapshot's
 * state, which is the kernel's). Where the fd's CLOSE ended a connection,
 * how it ended stands beside: an RST, or a TIME_WAIT the kernel holds apart.
 */
export function KernelHistoryLine({ socket, kernel }: { socket: SocketSnapshot; kernel: KernelView }) {
  const t = useT();
  const history = useLabStore((s) => s.kernelHistory.get(socket.fd));
  const all: readonly KernelStep[] = history?.steps ?? [{ state: kernel.state, t: null }];
  const steps = all.slice(-LINE_STEPS);
  const folded = all.slice(0, -LINE_STEPS);
  const trimmed = history?.trimmed ?? 0;
  const earlier = folded.length > 0 || trimmed > 0;
  const foldedTitle = [folded.map((s) => s.state).join(" → "), trimmed > 0 ? t("khist.earlier", { n: trimmed }) : ""].filter(Boolean).join(" · ");
  return (
    <div className="state-line kernel-line">
      <ol className="kernel-history" aria-label={t("khist.label")}>
        {earlier && (
          <li className="muted" title={foldedTitle}>
            …<span className="sr-only">{foldedTitle}</span>
          </li>
        )}
        {steps.map((step, i) => {
          const now = i === steps.length - 1;
          return (
            <li key={`${i}-${step.state}`}>
              {(i > 0 || earlier) && (
                <span className="muted" aria-hidden>
                  {" → "}
                </span>
              )}
              <span
                className={now ? `state-pill${socket.ended === "reset" ? " reset" : ""}` : "mono prev-state"}
                title={stepTitle(step, all[all.length - steps.length + i - 1], t, now && step.state === socket.state ? stateGloss(socket, t) : null)}
              >
                {step.state}
              </span>
            </li>
          );
        })}
      </ol>
      <EndingTag socket={socket} />
    </div>
  );
}
