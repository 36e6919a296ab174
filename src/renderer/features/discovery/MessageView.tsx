import { PROTOCOL_LABELS, type DnsRecordView, type Sighting, type SightingDetail, type Undecodable } from "../../../shared/discovery/types";
import { fromHex } from "../../../shared/bytes";
import { useT } from "../../hooks/use-t";
import { HexView } from "../log/detail/ByteViews";
import { endpoint } from "../../model/endpoint";
import { clockTime, formatRtt } from "../../model/discovery/model";

const SECTIONS = ["answer", "authority", "additional"] as const;

function DnsTree({ detail }: { detail: Extract<SightingDetail, { format: "dns" }> }) {
  const t = useT();
  const flags = [detail.authoritative && "AA", detail.truncated && "TC"].filter(Boolean).join(" ") || "–";
  const bySection = (s: DnsRecordView["section"]) => detail.records.filter((r) => r.section === s);
  return (
    <ul className="disc-tree" aria-label="DNS">
      <li>
        <span className="mono">{t("disc.dns.header", { id: detail.id, qr: t(detail.response ? "disc.dns.response" : "disc.dns.query"), flags, rcode: detail.rcode })}</span>
        <ul>
          {detail.questions.length > 0 && (
            <li>
              {t("disc.dns.questions")} <span className="count num">{detail.questions.length}</span>
              <ul>
                {detail.questions.map((q, i) => (
                  <li key={i} className="mono">
                    {q.name} <span className="disc-rtype">{q.type}</span>
                    {q.unicastResponse && <span className="muted"> · {t("disc.dns.qu")}</span>}
                  </li>
                ))}
              </ul>
            </li>
          )}
          {SECTIONS.map((s) => {
            const records = bySection(s);
            if (records.length === 0) return null;
            return (
              <li key={s}>
                {t(`disc.dns.${s}`)} <span className="count num">{records.length}</span>
                <ul>
                  {records.map((r, i) => (
                    <li key={i} className="mono">
                      {r.name} <span className="disc-rtype">{r.type}</span> <span className="muted">ttl {r.ttl}</span>
                      {r.flush && <span className="muted"> · {t("disc.dns.flush")}</span>}
                      <span className="disc-rdata">{r.data}</span>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      </li>
    </ul>
  );
}

function DetailBody({ detail }: { detail: SightingDetail }) {
  const t = useT();
  switch (detail.format) {
    case "dns":
      return <DnsTree detail={detail} />;
    case "http":
      return (
        <div className="disc-http">
          <p className="mono">{detail.startLine}</p>
          <table className="data-table disc-table compact" aria-label={t("disc.http.headers")}>
            <tbody>
              {detail.headers.map(([k, v], i) => (
                <tr key={i}>
                  <th scope="row" className="mono">
                    {k}
                  </th>
                  <td className="mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "xml":
      return (
        <div className="disc-xml">
          <dl className="disc-facts">
            {detail.action && (
              <>
                <dt>{t("disc.xml.action")}</dt>
                <dd className="mono">{detail.action}</dd>
              </>
            )}
            {detail.messageId && (
              <>
                <dt>{t("disc.xml.messageId")}</dt>
                <dd className="mono">{detail.messageId}</dd>
              </>
            )}
            {detail.relatesTo && (
              <>
                <dt>{t("disc.xml.relatesTo")}</dt>
                <dd className="mono">{detail.relatesTo}</dd>
              </>
            )}
          </dl>
          <pre className="mono disc-pre" tabIndex={0} aria-label="XML">
            {detail.pretty}
          </pre>
        </div>
      );
    case "nbns":
      return (
        <div className="disc-nbns">
          <p className="mono">
            id {detail.id} · {t(detail.response ? "disc.dns.response" : "disc.dns.query")} · opcode {detail.opcode} · rcode {detail.rcode}
            {detail.broadcast ? " · B" : ""}
          </p>
          <ul className="disc-tree mono">
            {detail.questions.map((q, i) => (
              <li key={`q${i}`}>
                ? {q.name}&lt;{q.suffix.toString(16).padStart(2, "0")}&gt; {q.type}
              </li>
            ))}
            {detail.answers.map((a, i) => (
              <li key={`a${i}`}>
                {a.name}&lt;{a.suffix.toString(16).padStart(2, "0")}&gt; {a.type} <span className="muted">ttl {a.ttl}</span>
                {a.addresses.length > 0 && <span className="disc-rdata">{a.addresses.join(" ")}</span>}
                {a.mac && <span className="disc-rdata">MAC {a.mac}</span>}
                {a.names.length > 0 && (
                  <ul aria-label={t("disc.nbns.names")}>
                    {a.names.map((n, k) => (
                      <li key={k}>
                        {n.name}&lt;{n.suffix.toString(16).padStart(2, "0")}&gt;{n.group ? ` (${t("disc.nbns.group")})` : ""}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      );
    case "bytes":
      return <HexView bytes={fromHex(detail.hex)} />;
  }
}

function Route({ src, dst, ifname, cast }: { src: Sighting["src"]; dst: Sighting["dst"]; ifname: string | null; cast: Sighting["cast"] }) {
  const t = useT();
  return (
    <span className="mono muted disc-route">
      {t("disc.msg.from", { src: endpoint(src), dst: dst ? endpoint(dst) : "?" })}
      {cast && ` (${t(`disc.cast.${cast}`)})`}
      {ifname && ` · ${ifname}`}
    </span>
  );
}

/** One decoded datagram: a summary line that opens to the decoded message. */
export function MessageView({ sighting: s, open }: { sighting: Sighting; open: boolean }) {
  const t = useT();
  return (
    <details className={`disc-msg ${s.kind}`} open={open || undefined}>
      <summary>
        <span className="mono">{clockTime(s.at)}</span> <strong>{PROTOCOL_LABELS[s.protocol]}</strong> <span className={`disc-kind ${s.kind}`}>{t(`disc.kind.${s.kind}`)}</span>
        {s.rttMs !== null && <span className="mono"> · {formatRtt(s.rttMs)}</span>} <Route src={s.src} dst={s.dst} ifname={s.ifname} cast={s.cast} />
        <span className="disc-sub mono">{s.summary}</span>
      </summary>
      <DetailBody detail={s.detail} />
    </details>
  );
}

/** A datagram that did not decode: why, and its (first) bytes. */
export function UndecodableView({ datagram: u, open }: { datagram: Undecodable; open: boolean }) {
  const t = useT();
  const kept = u.hex.length / 2;
  return (
    <details className="disc-msg undecodable" open={open || undefined}>
      <summary>
        <span className="mono">{clockTime(u.at)}</span> <strong>{PROTOCOL_LABELS[u.protocol]}</strong> <span className="disc-kind undecodable">{t("disc.kind.undecodable")}</span>{" "}
        <Route src={u.src} dst={u.dst} ifname={u.ifname} cast={null} />
      </summary>
      <p>
        <strong>{t("disc.undec.reason")}:</strong> <span className="disc-reason">{u.reason}</span>
      </p>
      <p className="muted">
        {t("disc.bytes")}: {kept < u.len ? t("disc.undec.kept", { kept, len: u.len }) : `${u.len}`}
      </p>
      {kept > 0 && <HexView bytes={fromHex(u.hex)} />}
    </details>
  );
}
