import type { SocketSnapshot } from "../../../../shared/socket-model";
import { useT } from "../../../hooks/use-t";
import { endpoint } from "../../../model/endpoint";
import { pyName } from "../../console/python";
import { reachable, type AddressDraft } from "../address";

/** Host and port, with a picker that fills them from a socket of this Lab (a listener, a bound UDP socket). */
export function AddressFields({
  value,
  onChange,
  targets = [],
}: {
  value: AddressDraft;
  onChange: (next: AddressDraft) => void;
  targets?: readonly SocketSnapshot[];
}) {
  const t = useT();
  return (
    <>
      {targets.length > 0 && (
        <label>
          {t("field.pickTarget")}
          <select
            value=""
            onChange={(e) => {
              const local = targets.find((s) => String(s.fd) === e.target.value)?.local;
              if (local) onChange(reachable(local));
            }}
          >
            <option value="">—</option>
            {targets.map((s) => (
              <option key={s.fd} value={s.fd}>
                {pyName(s.fd)} · {endpoint(s.local)} · {s.type === "SOCK_STREAM" ? s.state : "UDP"}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t("field.host")}
        <input className="mono" value={value.host} onChange={(e) => onChange({ ...value, host: e.target.value })} required />
      </label>
      <label className="narrow">
        {t("field.port")}
        <input
          className="mono num"
          value={value.port}
          onChange={(e) => onChange({ ...value, port: e.target.value })}
          inputMode="numeric"
          pattern="\d{1,5}"
          required
          title={t("field.portHint")}
        />
      </label>
    </>
  );
}
