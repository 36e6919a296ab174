import { describe, expect, it } from "vitest";
import { fromUtf8 } from "../../../shared/bytes";
import { cutPoints, generatedPayload, pyFrame, pyFramedSend, pyMessage } from "./python-frames";

describe("framed sends as Python", () => {
  it("packs lengths with struct in the chosen byte order", () => {
    expect(pyFrame({ kind: "length-prefix", encoding: "u32be" })).toBe("struct.pack('!I', len(msg)) + msg");
    expect(pyFrame({ kind: "length-prefix", encoding: "u16le" })).toBe("struct.pack('<H', len(msg)) + msg");
    expect(pyFrame({ kind: "length-prefix", encoding: "ascii", separator: ":" })).toBe("str(len(msg)).encode() + b':' + msg");
    expect(pyFrame({ kind: "length-prefix", encoding: "ascii", width: 8 })).toBe("b'%08d' % len(msg) + msg");
    expect(pyFrame({ kind: "delimiter", delimiter: "\n" })).toBe("msg + b'\\n'");
    expect(pyFrame({ kind: "delimiter", delimiter: "\n", escape: true })).toBe("msg.replace(b'\\\\', b'\\\\\\\\').replace(b'\\n', b'\\\\n') + b'\\n'");
  });

  it("names a generated message by how it is made, and cuts a frame into nearly equal writes", () => {
    expect(fromUtf8(generatedPayload(30))).toBe("abcdefghijklmnopqrstuvwxyzabcd");
    expect(pyMessage(generatedPayload(70000), true)).toBe("(b'abcdefghijklmnopqrstuvwxyz' * 2693)[:70000]");
    expect(cutPoints(70004, 3)).toEqual([0, 23335, 46670, 70004]);
    expect(cutPoints(2, 5)).toEqual([0, 1, 2]);
    const lines = pyFramedSend(4, { kind: "length-prefix", encoding: "u32be" }, "b'hi'", { kind: "split", cuts: [0, 3, 6], delaySeconds: 0.2 });
    expect(lines).toEqual({
      setup: "msg = b'hi'; frame = struct.pack('!I', len(msg)) + msg",
      writes: ["s4.sendall(frame[0:3])", "time.sleep(0.2); s4.sendall(frame[3:6])"],
    });
    expect(pyFramedSend(4, { kind: "delimiter", delimiter: "\n" }, "b'hi'", { kind: "coalesce", count: 3 }).writes).toEqual(["s4.sendall(frame * 3)"]);
  });
});
