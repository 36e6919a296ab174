import type { Translate } from "../../../shared/i18n";
import { pyName } from "../console/python";
import type { Cause } from "../../model/flags/causes";

/** The cause of a change in the words of the log: "data in 5 B", "recv() took 5 B", "FIN received". */
export function causeText(cause: Cause, fd: number, t: Translate): string {
  switch (cause.kind) {
    case "watch":
      return t("cause.watch");
    case "data":
      return t(cause.dir === "in" ? "cause.dataIn" : "cause.dataOut", { n: cause.len });
    case "fin":
      return t(cause.dir === "in" ? "cause.finIn" : "cause.finOut");
    case "rst":
      return t("cause.rst");
    case "error":
      return `${cause.type}${cause.errno ? ` [${cause.errno}]` : ""}`;
    case "closed":
      return t("cause.closed", { name: pyName(fd) });
    case "created":
      return t("cause.created", { fd });
    case "accepted":
      return t("cause.accepted", { name: pyName(cause.fd) });
    case "recv":
      return t("cause.recv", { n: cause.bytes });
    case "connection":
      return t("cause.connection");
    case "accept":
      return t("cause.accept");
    case "shutdown":
      return `shutdown(${cause.how})`;
    case "state":
      return `${cause.from} → ${cause.to}`;
    case "drained":
      return t("cause.drained");
    case "pending":
    case "unknown":
      return t("cause.unknown", { name: pyName(fd) });
  }
}
