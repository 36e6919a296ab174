import type { KernelView, LinuxTcpState, SocketSnapshot } from "../../../../shared/socket-model";
import { useT, type Translate } from "../../../i18n";
import { useLabStore } from "../../../store/context";
import type { KernelStep } from "../../../store/kernel-history";
import { stateGloss } from "../state-gloss";
import { formatGap } from "./kernel-format";

export function kernelGloss(state: LinuxTcpState, t: Translate): string {
  return t(`kstate.${state}`);
}

function stepTitle(step: KernelStep, before: KernelStep | undefined, t: Translate): string {
  const gloss = kernelGloss(step.state, t);
  if (step.t === null) return t("khist.fromSnapshot", { gloss });
  if (!before || before.t === null) return t("khist.first", { gloss });
  return t("khist.after", { gloss, time: formatGap(step.t - before.t) });
}

/** States the line shows; earlier ones fold into "…" (the state machine below numbers them all). */
const LINE_STEPS = 3;

/**
 * The state line on the kernel engine: the states the kernel was seen in,
 * in Linux's names, oldest first, the one now as the pill. Where the Lab's
 * own name says more than the fd's kernel socket can (RESET, a TIME_WAIT
 * the kernel holds apart, a socket never connected), it stands beside.
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
  // FIN_WAIT1 and FIN_WAIT2 are the Lab's FIN_WAIT: the Lab's name adds nothing there.
  const labSaysMore = !kernel.state.startsWith(socket.state);
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
              <span className={now ? `state-pill${socket.state === "RESET" ? " state-RESET" : ""}` : "mono prev-state"} title={stepTitle(step, all[all.length - steps.length + i - 1], t)}>
                {step.state}
              </span>
            </li>
          );
        })}
      </ol>
      {labSaysMore && (
        <span className="lab-state mono" title={stateGloss(socket.state, t)}>
          {t("khist.lab", { state: socket.state })}
        </span>
      )}
    </div>
  );
}
