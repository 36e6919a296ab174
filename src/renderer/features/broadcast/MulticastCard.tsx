import { useState } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { endpoint } from "../../model/endpoint";
import { pyName } from "../console/python";
import { useCall } from "../console/use-call";
import type { Membership } from "../../store/state/broadcast";
import { isMulticast } from "../../model/broadcast/addresses";
import { pickedInterface, udpSockets } from "./selectors";

const NO_GROUPS: readonly Membership[] = [];

/**
 * Multicast beside broadcast: a receiver joins a group (IP_ADD_MEMBERSHIP /
 * IPV6_JOIN_GROUP) on an interface; a sender sets how far datagrams travel
 * (TTL), whether its own host hears them (loopback) and which interface they
 * leave from. Sends to a group show in the same responders view.
 */
export function MulticastCard() {
  const t = useT();
  const call = useCall();
  const sockets = useLabStore((s) => s.sockets);
  const senderFd = useLabStore((s) => s.senderFd);
  const iface = useLabStore(pickedInterface);
  const noteMembership = useLabStore((s) => s.noteMembership);
  const setDraft = useLabStore((s) => s.setSenderDraft);
  const udp = udpSockets(sockets);
  const [chosen, setChosen] = useState<number | null>(null);
  const fd = chosen !== null && sockets.has(chosen) ? chosen : (senderFd ?? udp[0]?.fd ?? null);
  const socket = fd === null ? undefined : sockets.get(fd);
  const joined = useLabStore((s) => (fd === null ? NO_GROUPS : (s.memberships.get(fd) ?? NO_GROUPS)));
  const v6 = socket?.family === "AF_INET6";
  const [group, setGroup] = useState("239.255.0.1");
  const [groupIface, setGroupIface] = useState("");
  const [ttl, setTtl] = useState("1");
  const groupOk = isMulticast(group.trim());
  const ttlNumber = Number(ttl);
  const ttlOk = /^\d{1,3}$/.test(ttl.trim()) && ttlNumber <= 255;

  async function membership(action: "join" | "leave"): Promise<void> {
    if (fd === null || !groupOk) return;
    const m: Membership = { group: group.trim(), iface: groupIface.trim() === "" ? null : groupIface.trim() };
    const done = await call(action === "join" ? "join_group" : "leave_group", { fd, group: m.group, iface: m.iface });
    if (done) noteMembership(fd, action, m);
  }

  return (
    <section className="card bc-card bc-multicast" aria-labelledby="bc-multicast">
      <h3 id="bc-multicast">{t("bc.mc.title")}</h3>
      {!socket ? (
        <p className="muted">{t("bc.mc.noSocket")}</p>
      ) : (
        <>
          <div className="bc-row">
            <label>
              {t("bc.mc.socket")}
              <select value={socket.fd} onChange={(e) => setChosen(Number(e.target.value))}>
                {udp.map((s) => (
                  <option key={s.fd} value={s.fd}>
                    {pyName(s.fd)} · {endpoint(s.local)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("bc.mc.group")}
              <input className="mono" value={group} onChange={(e) => setGroup(e.target.value)} aria-invalid={!groupOk} placeholder={v6 ? "ff02::1" : "239.255.0.1"} />
            </label>
            <label>
              {t("bc.mc.iface")}
              <input className="mono" value={groupIface} onChange={(e) => setGroupIface(e.target.value)} placeholder={t("bc.mc.anyIface")} />
            </label>
          </div>
          <div className="bc-row">
            <button type="button" disabled={!groupOk} onClick={() => void membership("join")}>
              {t("bc.mc.join")}
            </button>
            <button type="button" disabled={!groupOk} onClick={() => void membership("leave")}>
              {t("bc.mc.leave")}
            </button>
            <button type="button" disabled={!groupOk} onClick={() => setDraft({ mode: "other", other: group.trim() })}>
              {t("bc.mc.useAsDestination")}
            </button>
          </div>
          <p className="bc-note">
            {joined.length === 0
              ? t("bc.mc.notJoined", { name: pyName(socket.fd) })
              : t("bc.mc.joined", { name: pyName(socket.fd), groups: joined.map((g) => (g.iface ? `${g.group} @ ${g.iface}` : g.group)).join(", ") })}
          </p>
          <div className="bc-row">
            <label className="narrow">
              TTL
              <input className="mono num" value={ttl} onChange={(e) => setTtl(e.target.value)} aria-invalid={!ttlOk} inputMode="numeric" />
            </label>
            <button
              type="button"
              disabled={!ttlOk}
              onClick={() => void call("setsockopt", { fd: socket.fd, level: "IPPROTO_IP", name: "IP_MULTICAST_TTL", value: ttlNumber })}
            >
              {t("bc.mc.setTtl")}
            </button>
            <button type="button" onClick={() => void call("setsockopt", { fd: socket.fd, level: "IPPROTO_IP", name: "IP_MULTICAST_LOOP", value: 1 })}>
              {t("bc.mc.loopOn")}
            </button>
            <button type="button" onClick={() => void call("setsockopt", { fd: socket.fd, level: "IPPROTO_IP", name: "IP_MULTICAST_LOOP", value: 0 })}>
              {t("bc.mc.loopOff")}
            </button>
            {iface && iface.family === socket.family && (
              <button type="button" onClick={() => void call("multicast_interface", { fd: socket.fd, iface: iface.address })}>
                {t("bc.mc.sendVia", { address: iface.address })}
              </button>
            )}
          </div>
          <p className="popover-note">{t(v6 ? "bc.mc.noteV6" : "bc.mc.note")}</p>
        </>
      )}
    </section>
  );
}
