import { describe, expect, it } from "vitest";
import { normalizeTranscript, parseTranscript, type TranscriptLine } from "./transcript";

describe("normalizeTranscript", () => {
  it("numbers ports by first appearance, the same port keeping its placeholder", () => {
    const lines: TranscriptLine[] = [
      { step: 1, op: "accept", ok: true, value: ["conn", ["127.0.0.1", 51000]] },
      { step: 2, op: "getpeername", ok: true, value: ["127.0.0.1", 40000] },
      { step: 3, op: "recvfrom", ok: true, value: [{ hex: "00" }, ["127.0.0.1", 51000]] },
      { step: 4, op: "getsockname", ok: true, value: ["0.0.0.0", 0] },
      {
        step: 5,
        op: "getsockname",
        ok: true,
        value: ["::1", 40000],
        expect_failed: true,
        expected: { value: ["::1", 7] },
      },
    ];
    expect(normalizeTranscript(lines)).toEqual([
      { step: 1, op: "accept", ok: true, value: ["conn", ["127.0.0.1", "$P1"]] },
      { step: 2, op: "getpeername", ok: true, value: ["127.0.0.1", "$P2"] },
      { step: 3, op: "recvfrom", ok: true, value: [{ hex: "00" }, ["127.0.0.1", "$P1"]] },
      { step: 4, op: "getsockname", ok: true, value: ["0.0.0.0", 0] },
      { step: 5, op: "getsockname", ok: true, value: ["::1", "$P2"], expect_failed: true, expected: { value: ["::1", "$P3"] } },
    ]);
  });

  it("leaves numbers that are not ports alone", () => {
    const lines: TranscriptLine[] = [
      { step: 1, op: "poll", ok: true, value: [["conn", 325]] },
      { step: 2, op: "send", ok: true, value: 5 },
      { step: 3, op: "getsockopt", ok: true, value: 8192 },
      { step: 4, op: "connect", ok: false, error: { type: "ConnectionRefusedError", errno: "ECONNREFUSED" } },
    ];
    expect(normalizeTranscript(lines)).toEqual(lines);
  });

  it("reads printed transcript text", () => {
    const text = '{"step": 1, "op": "getsockname", "ok": true, "value": ["127.0.0.1", 9999]}\n\n';
    expect(normalizeTranscript(parseTranscript(text))).toEqual([{ step: 1, op: "getsockname", ok: true, value: ["127.0.0.1", "$P1"] }]);
    expect(normalizeTranscript([text.trim()])).toEqual(normalizeTranscript(parseTranscript(text)));
  });
});
