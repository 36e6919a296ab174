import { describe, expect, it } from "vitest";
import type { CommandResult } from "../../../shared/contract";
import { EMPTY_FACTS, type Sighting } from "../../../shared/discovery/types";
import type { DiscoveryDraft } from "../../store/state/discovery";
import { startInput } from "./draft";
import { applyPoll, clearView, EMPTY_VIEW, isStale, messagesFrom, silence, STALE_AFTER_MS, startRun, undecodableFrom, VIEW_LIMITS } from "../../model/discovery/model";

const started = (discovery: number, over: Partial<CommandResult<"discover_start">> = {}): CommandResult<"discover_start"> => ({
  discovery,
  interfaces: [{ name: "lo", address: "127.0.0.1", cidr: "127.0.0.1/8" }],
  protocols: ["mdns", "ssdp", "wsd", "llmnr", "nbns"],
  passive: false,
  startedAt: 1000,
  endsAt: 4000,
  ...over,
});

const sighting = (address: string, protocol: Sighting["protocol"], at: number, kind: Sighting["kind"] = "response"): Sighting => ({
  protocol,
  kind,
  at,
  src: [address, 5353],
  dst: ["127.0.0.1", 40000],
  cast: "unicast",
  ifname: "lo",
  rttMs: 1.5,
  facts: { ...EMPTY_FACTS, names: [`${address}-name`] },
  summary: "answer",
  detail: { format: "bytes", hex: "00" },
});

const poll = (items: CommandResult<"discover_poll">["items"], over: Partial<CommandResult<"discover_poll">> = {}): CommandResult<"discover_poll"> => ({
  items,
  next: items.at(-1)?.n ?? 0,
  dropped: 0,
  done: null,
  datagrams: items.filter((i) => i.type !== "note").length,
  ...over,
});

describe("the Discovery view's model", () => {
  it("folds a poll into the roll call, the kept messages and the notes, and moves the cursor", () => {
    let view = startRun(EMPTY_VIEW, started(1), { named: false, custom: 0 });
    view = applyPoll(
      view,
      1,
      poll([
        { n: 1, type: "sighting", sighting: sighting("10.0.0.7", "mdns", 1100) },
        { n: 2, type: "undecodable", datagram: { protocol: "ssdp", at: 1200, src: ["10.0.0.9", 1900], dst: null, ifname: "lo", len: 3, hex: "000102", reason: "no start line" } },
        { n: 3, type: "note", note: { code: "no-ipv4", iface: "eth9" } },
        { n: 4, type: "sighting", sighting: sighting("10.0.0.7", "ssdp", 1300) },
      ]),
    );
    expect([...view.rollCall.rows.keys()]).toEqual(["10.0.0.7"]);
    expect(Object.keys(view.rollCall.rows.get("10.0.0.7")!.protocols)).toEqual(["mdns", "ssdp"]);
    expect(messagesFrom(view, "10.0.0.7").map((m) => m.n)).toEqual([4, 1]);
    // An undecodable datagram from an address with no row is kept all the same.
    expect(undecodableFrom(view, null).map((u) => u.src[0])).toEqual(["10.0.0.9"]);
    expect(undecodableFrom(view, "10.0.0.7")).toEqual([]);
    expect(view.notes).toEqual([{ code: "no-ipv4", iface: "eth9" }]);
    expect(view.run).toMatchObject({ after: 4, datagrams: 3, answered: ["mdns", "ssdp"], done: null });
  });

  it("ignores a poll of another run (a late reply after a new start)", () => {
    const view = startRun(EMPTY_VIEW, started(2), { named: false, custom: 0 });
    expect(applyPoll(view, 1, poll([{ n: 1, type: "sighting", sighting: sighting("10.0.0.7", "mdns", 1100) }]))).toBe(view);
  });

  it(`keeps at most ${VIEW_LIMITS.messages} messages and counts the rest`, () => {
    let view = startRun(EMPTY_VIEW, started(1), { named: false, custom: 0 });
    const items = Array.from({ length: VIEW_LIMITS.messages + 5 }, (_, k) => ({ n: k + 1, type: "sighting" as const, sighting: sighting("10.0.0.7", "mdns", 1000 + k) }));
    view = applyPoll(view, 1, poll(items));
    expect(view.messages).toHaveLength(VIEW_LIMITS.messages);
    expect(view.messagesDropped).toBe(5);
    expect(view.messages[0]!.n).toBe(6);
  });

  it("keeps the roll call across runs; a device silent in the last finished probe, or quiet for a minute, is stale", () => {
    let view = startRun(EMPTY_VIEW, started(1), { named: false, custom: 0 });
    view = applyPoll(view, 1, poll([{ n: 1, type: "sighting", sighting: sighting("10.0.0.7", "mdns", 1100) }], { done: "timeout" }));
    const row = view.rollCall.rows.get("10.0.0.7")!;
    expect(isStale(row, view.run, 2000)).toBe(false);
    expect(isStale(row, view.run, 1100 + STALE_AFTER_MS)).toBe(true);
    view = startRun(view, started(2, { startedAt: 5000, endsAt: 8000 }), { named: false, custom: 0 });
    expect(view.rollCall.rows.size).toBe(1);
    expect(isStale(row, view.run, 6000)).toBe(false);
    view = applyPoll(view, 2, poll([], { done: "timeout" }));
    expect(isStale(row, view.run, 8000)).toBe(true);
    // Listening says nothing about who is gone.
    const listening = startRun(view, started(3, { passive: true, startedAt: 9000, endsAt: null }), { named: false, custom: 0 });
    expect(isStale(row, applyPoll(listening, 3, poll([], { done: "stopped" })).run, 9500)).toBe(false);
    expect(clearView(view).rollCall.rows.size).toBe(0);
  });

  it("names the probed protocols nobody answered once the run is over, and LLMNR/NetBIOS without a name apart", () => {
    let view = startRun(EMPTY_VIEW, started(1), { named: false, custom: 1 });
    view = applyPoll(view, 1, poll([{ n: 1, type: "sighting", sighting: sighting("10.0.0.7", "mdns", 1100) }]));
    expect(silence(view.run)).toEqual({ silent: [], unnamed: [] });
    view = applyPoll(view, 1, poll([], { done: "timeout", next: 1 }));
    expect(silence(view.run)).toEqual({ silent: ["ssdp", "wsd", "custom"], unnamed: ["llmnr", "nbns"] });
    const named = applyPoll(startRun(EMPTY_VIEW, started(2), { named: true, custom: 0 }), 2, poll([], { done: "timeout" }));
    expect(silence(named.run).silent).toEqual(["mdns", "ssdp", "wsd", "llmnr", "nbns"]);
    // Nothing was asked when only listening.
    expect(silence(applyPoll(startRun(EMPTY_VIEW, started(3, { passive: true }), { named: false, custom: 0 }), 3, poll([], { done: "stopped" })).run)).toEqual({ silent: [], unnamed: [] });
    // An announcement is not an answer.
    const announced = applyPoll(startRun(EMPTY_VIEW, started(4, { protocols: ["ssdp"] }), { named: false, custom: 0 }), 4, poll([{ n: 1, type: "sighting", sighting: sighting("10.0.0.8", "ssdp", 1100, "announcement") }], { done: "timeout" }));
    expect(silence(announced.run).silent).toEqual(["ssdp"]);
  });
});

describe("the Discovery form", () => {
  const draft: DiscoveryDraft = { iface: "lo", protocols: ["mdns"], name: "", timeout: "3", probe: { on: false, address: "255.255.255.255", port: "", hex: "", match: "" } };

  it("becomes discover_start's input", () => {
    expect(startInput(draft, false)).toEqual({ ok: true, input: { protocols: ["mdns"], iface: "lo", name: null, passive: false, timeout: 3 } });
    expect(startInput({ ...draft, iface: "", name: " nas " }, true)).toEqual({ ok: true, input: { protocols: ["mdns"], iface: null, name: "nas", passive: true, timeout: null } });
    const probe = { on: true, address: "127.0.0.1", port: "9000", hex: "68 69", match: "hex:4143" };
    expect(startInput({ ...draft, probe }, false)).toMatchObject({ ok: true, input: { probes: [{ data: "6869", address: "127.0.0.1", port: 9000, match: { kind: "prefix", hex: "4143" } }] } });
    expect(startInput({ ...draft, probe: { ...probe, match: "^ACK" } }, false)).toMatchObject({ ok: true, input: { probes: [{ match: { kind: "regex", source: "^ACK" } }] } });
    // Listening sends nothing: the probe stays out.
    expect(startInput({ ...draft, probe }, true)).toMatchObject({ ok: true, input: { passive: true } });
    expect((startInput({ ...draft, probe }, true) as { input: object }).input).not.toHaveProperty("probes");
  });

  it("says which fields are wrong", () => {
    expect(startInput({ ...draft, name: "a.b", timeout: "0" }, false)).toEqual({ ok: false, problems: ["name", "timeout"] });
    expect(startInput({ ...draft, timeout: "" }, false)).toEqual({ ok: false, problems: ["timeout"] });
    // A passive run has no timeout to check.
    expect(startInput({ ...draft, timeout: "x" }, true).ok).toBe(true);
    for (const bad of [{ address: "300.0.0.1" }, { port: "0" }, { hex: "abc" }, { hex: "" }]) {
      expect(startInput({ ...draft, probe: { on: true, address: "127.0.0.1", port: "9", hex: "00", match: "", ...bad } }, false)).toEqual({ ok: false, problems: ["probe"] });
    }
  });
});
