import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../../../shared/log-entry";
import { csvField, csvLine, exportParts, ndjsonLine } from "./export-log";

const entry: LogEntry = { seq: 42, t: 1_500_000, fd: 5, kind: "data", dir: "in", src: "127.0.0.1:53112", dst: "127.0.0.1:9000", len: 12, text: 'say "hi",\\n', span: null, ifname: null };

describe("log export", () => {
  it("writes NDJSON with every field", () => {
    expect(JSON.parse(ndjsonLine(entry, 500_000))).toEqual({
      seq: 42,
      t: 1_500_000,
      time: 1,
      fd: 5,
      dir: "in",
      kind: "data",
      src: "127.0.0.1:53112",
      dst: "127.0.0.1:9000",
      len: 12,
      preview: 'say "hi",\\n',
    });
    // An arriving datagram on the kernel engine says which interface it came in on.
    expect(JSON.parse(ndjsonLine({ ...entry, kind: "broadcast", dst: "127.255.255.255:9000", ifname: "lo" }, 0))).toMatchObject({ kind: "broadcast", ifname: "lo" });
  });

  it("writes CSV with quoting where a field needs it", () => {
    expect(csvLine(entry, 500_000)).toBe('42,1500000,1.000000,5,in,data,127.0.0.1:53112,127.0.0.1:9000,12,"say ""hi"",\\n"');
    expect(csvLine({ ...entry, dir: null, len: null, text: "" }, 0)).toBe("42,1500000,1.500000,5,,data,127.0.0.1:53112,127.0.0.1:9000,,");
  });

  it("defuses cells a spreadsheet would run as formulas, and leaves the Lab's numbers alone", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const cell = csvLine({ ...entry, text: `${start}HYPERLINK("http://x")` }, 0).split(",").slice(9).join(",");
      expect(cell.replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvLine({ ...entry, text: '=HYPERLINK("http://x","y")' }, 0)).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField(-1)).toBe("-1");
    expect(csvField("a=b")).toBe("a=b");
  });

  it("builds the file in chunks, header first", async () => {
    const rows = Array.from({ length: 45_000 }, (_, i) => ({ ...entry, seq: i + 1 }));
    const progress: number[] = [];
    const { parts, written, skipped } = await exportParts("csv", rows.length, (i) => (i === 7 ? null : rows[i]!), 0, (n) => progress.push(n));
    expect([written, skipped]).toEqual([44_999, 1]);
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe("seq,t_us,time_s,fd,dir,kind,src,dst,len,preview\r\n");
    expect(parts.join("").split("\r\n")).toHaveLength(45_001);
    expect(progress).toEqual([20_000, 40_000, 45_000]);
    const ndjson = await exportParts("ndjson", 2, (i) => rows[i]!, 0);
    expect(ndjson.parts.join("")).toMatch(/^\{"seq":1,.*\n\{"seq":2,.*\n$/);
  });
});
