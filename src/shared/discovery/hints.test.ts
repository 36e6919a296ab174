import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { silenceHint, silentProtocols } from "./hints";
import { addSighting, EMPTY_ROLL_CALL } from "./roll-call";
import { EMPTY_FACTS, type Sighting } from "./types";

const answer = (protocol: Sighting["protocol"], kind: Sighting["kind"]): Sighting => ({
  protocol,
  kind,
  at: 1,
  src: ["10.0.0.7", 1],
  dst: null,
  cast: null,
  ifname: null,
  rttMs: null,
  facts: EMPTY_FACTS,
  summary: "",
  detail: { format: "bytes", hex: "" },
});

describe("what to check when nobody answered", () => {
  it("names each probed protocol without an answer; an announcement or a query is not an answer", () => {
    let rc = addSighting(EMPTY_ROLL_CALL, answer("mdns", "response"));
    rc = addSighting(rc, answer("ssdp", "announcement"));
    rc = addSighting(rc, answer("wsd", "query"));
    expect(silentProtocols(["mdns", "ssdp", "wsd"], rc)).toEqual(["ssdp", "wsd"]);
    expect(silentProtocols(["mdns"], rc)).toEqual([]);
  });

  it("words the hint from the catalog, in either language", () => {
    expect(silenceHint(translator("en"), "wsd")).toMatch(/^WS-Discovery: no device answered\. What to check: .*TTL 1/);
    expect(silenceHint(translator("zh-CN"), "wsd")).toMatch(/^WS-Discovery：没有设备回答。该检查：.*TTL 1/);
  });
});
