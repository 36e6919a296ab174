import { useRef, useState, type KeyboardEvent } from "react";
import type { SocketSnapshot } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { pyName } from "../console/python";
import { OpFormFor } from "./OpFormFor";
import { applies, OP_GROUPS, opLabel, type OpGroup, type OpId } from "./operations";
import "./actions.css";

/** Arrow keys move along the toolbar, as ARIA's toolbar pattern expects; Tab still reaches every button. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button")];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  event.preventDefault();
  buttons[(at + (event.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length]?.focus();
}

/** Every operation that applies to the socket, grouped; choosing one opens its form below the bar. */
export function ActionBar({ socket }: { socket: SocketSnapshot }) {
  const t = useT();
  const [open, setOpen] = useState<OpId | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  const shown = open !== null && applies(open, socket) ? open : null;
  const groups = (Object.keys(OP_GROUPS) as OpGroup[])
    .map((group) => [group, OP_GROUPS[group].filter((op) => applies(op, socket))] as const)
    .filter(([, ops]) => ops.length > 0);

  return (
    <div className="action-area">
      <div ref={bar} className="action-bar" role="toolbar" aria-label={t("action.bar", { name: pyName(socket.fd) })} onKeyDown={moveFocus}>
        {groups.map(([group, ops]) => (
          <div key={group} className={`op-group group-${group}`} role="group" aria-label={t(`group.${group}`)}>
            <span className="op-group-label" aria-hidden>
              {t(`group.${group}`)}
            </span>
            {ops.map((op) => (
              <button
                key={op}
                type="button"
                className={`op${group === "lab" ? "" : " mono"}`}
                data-op={op}
                aria-expanded={shown === op}
                aria-controls={shown === op ? "op-form" : undefined}
                title={t(`opTitle.${op}`)}
                onClick={() => setOpen(shown === op ? null : op)}
              >
                {opLabel(op, t)}
              </button>
            ))}
          </div>
        ))}
      </div>
      {shown && (
        <div id="op-form">
          <OpFormFor
            key={shown}
            op={shown}
            socket={socket}
            onClose={() => {
              setOpen(null);
              // Keyboard users land back on the button that opened the form.
              bar.current?.querySelector<HTMLButtonElement>(`[data-op="${shown}"]`)?.focus();
            }}
          />
        </div>
      )}
    </div>
  );
}
