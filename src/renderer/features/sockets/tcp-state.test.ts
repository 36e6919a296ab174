import { describe, expect, it } from "vitest";
import type { SocketSnapshot } from "../../../shared/socket-model";
import { snapshotCause } from "../../model/flags/causes";
import { translator } from "../../../shared/i18n";
import { socketSnapshot } from "../../../shared/socket-fixture";
import { applies } from "../actions/operations";
import { endingTag, hadConnection, isFresh, stateGloss } from "./tcp-state";

const en = translator("en");
const zh = translator("zh-CN");
const tcp = (patch: Partial<SocketSnapshot>) => socketSnapshot({ fd: 5, ...patch });

describe("Linux's CLOSE, and which one it is", () => {
  it("a new socket, a refused connect's and a finished connection's CLOSE are told apart by `ended`", () => {
    const fresh = tcp({ state: "CLOSE" });
    const reset = tcp({ state: "CLOSE", ended: "reset" });
    const held = tcp({ state: "CLOSE", ended: "time-wait" });
    expect([fresh, reset, held].map(isFresh)).toEqual([true, false, false]);
    expect([fresh, reset, held].map(hadConnection)).toEqual([false, true, true]);
    expect(stateGloss(fresh, en)).toMatch(/^CLOSE: no connection yet/);
    expect(stateGloss(reset, en)).toMatch(/^CLOSE: the connection was reset \(RST\)/);
    expect(stateGloss(held, en)).toContain("TIME_WAIT apart from this fd");
    expect(stateGloss(held, zh)).toMatch(/^CLOSE（双方的 FIN 都已完成，本端先发/);
    expect([fresh, reset, held].map((s) => endingTag(s, en))).toEqual([null, "reset (RST)", "TIME_WAIT held by the kernel"]);
  });

  it("other states are glossed as the kernel panel glosses them; on the portable engine FIN_WAIT1 says it never sees the ACK", () => {
    expect(stateGloss(tcp({ state: "FIN_WAIT2" }), en)).toBe(en("kstate.FIN_WAIT2"));
    expect(stateGloss(tcp({ state: "FIN_WAIT1" }), en, true)).toMatch(/^FIN_WAIT1: .*The portable engine sees no ACK/);
    expect(stateGloss(tcp({ state: "ESTABLISHED" }), en, true)).toBe(en("kstate.ESTABLISHED"));
  });

  it("the action bar offers listen and connect to a new socket only, and recv still after an RST (it raises ECONNRESET)", () => {
    expect(applies("listen", tcp({ state: "CLOSE" }))).toBe(true);
    expect(applies("listen", tcp({ state: "CLOSE", ended: "reset" }))).toBe(false);
    expect(applies("recv", tcp({ state: "CLOSE", ended: "reset" }))).toBe(true);
    expect(applies("recv", tcp({ state: "CLOSE" }))).toBe(false);
    expect(applies("shutdown", tcp({ state: "FIN_WAIT1" }))).toBe(true);
  });

  it("a flag change is put down to the RST when a snapshot first says the connection ended by one", () => {
    const before = tcp({ state: "ESTABLISHED" });
    expect(snapshotCause(before, tcp({ state: "CLOSE", ended: "reset" }))).toEqual({ kind: "rst" });
    expect(snapshotCause(tcp({ state: "FIN_WAIT1" }), tcp({ state: "FIN_WAIT2" }))).toEqual({ kind: "state", from: "FIN_WAIT1", to: "FIN_WAIT2" });
  });
});
