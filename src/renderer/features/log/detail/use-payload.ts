import { useEffect, useState } from "react";
import { useLabClient } from "../../../store/context";
import { PAYLOAD_KINDS, type LogKind } from "../../../../shared/log-entry";
import { fetchPayload, type PayloadResult } from "./payload-cache";

export type PayloadState = PayloadResult | { readonly status: "none" } | { readonly status: "loading" };

/** The bytes behind a row, fetched from the Lab when the row is shown. */
export function usePayload(seq: number | null, kind: LogKind | null, payloadsAfter: number): PayloadState {
  const client = useLabClient();
  const wanted = seq !== null && kind !== null && PAYLOAD_KINDS.has(kind) ? seq : null;
  const [result, setResult] = useState<{ seq: number; value: PayloadResult } | null>(null);
  useEffect(() => {
    if (wanted === null) return;
    let live = true;
    void fetchPayload(client, wanted, payloadsAfter).then((value) => {
      if (live) setResult({ seq: wanted, value });
    });
    return () => {
      live = false;
    };
    // Only a new row needs a new fetch; later rows arriving do not change this one's bytes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, wanted]);
  if (wanted === null) return { status: "none" };
  return result?.seq === wanted ? result.value : { status: "loading" };
}
