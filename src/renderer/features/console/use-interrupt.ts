import { useLabStore } from "../../store/context";
import { useCall } from "./use-call";

/**
 * Ctrl+C for the selected socket's blocked call: it ends with
 * KeyboardInterrupt, as in Python, and the socket stays as it was. Returns
 * null when nothing there is blocked.
 */
export function useInterrupt(): (() => void) | null {
  const call = useCall();
  const socket = useLabStore((s) => (s.selectedFd === null ? undefined : s.sockets.get(s.selectedFd)));
  if (!socket?.blocked) return null;
  return () => void call("interrupt", { fd: socket.fd });
}
