import { useEffect, useRef } from "react";
import { useLabClient, useLabStore } from "../store/context";

/**
 * What a view that takes the socket detail's place (Broadcast, Discovery)
 * needs: picking another socket in the list means "show me that socket",
 * so it closes; and the host's interfaces, asked of the Lab once per page.
 */
export function useSideView(close: () => void): void {
  const client = useLabClient();
  const loaded = useLabStore((s) => s.interfaces !== null);
  const setInterfaces = useLabStore((s) => s.setInterfaces);
  const selectedFd = useLabStore((s) => s.selectedFd);
  const selectedAtOpen = useRef(selectedFd);

  useEffect(() => {
    if (selectedFd !== null && selectedFd !== selectedAtOpen.current) close();
  }, [selectedFd, close]);

  useEffect(() => {
    if (loaded) return;
    void client.call("interfaces", {}).then((reply) => {
      if (reply.ok) setInterfaces(reply.result);
    });
  }, [client, loaded, setInterfaces]);
}
