import type { SocketSnapshot } from "../../../shared/socket-model";
import { useT } from "../../hooks/use-t";
import { endingTag, stateGloss } from "./tcp-state";

/** How a connection ended, beside its CLOSE: what Linux's one name for every end does not say. */
export function EndingTag({ socket }: { socket: SocketSnapshot }) {
  const t = useT();
  const tag = endingTag(socket, t);
  if (!tag) return null;
  return (
    <span className={`ending-tag${socket.ended === "reset" ? " reset" : ""}`} title={stateGloss(socket, t)}>
      {tag}
    </span>
  );
}
