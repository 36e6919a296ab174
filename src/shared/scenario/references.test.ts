import { describe, expect, it } from "vitest";
import type { Address } from "../socket-model";
import { parseReference, referencesIn, resolveAddress, resolveValueReferences, type Reference } from "./references";

const bound: Record<string, Address> = { srv: ["127.0.0.1", 40000], u: ["0.0.0.0", 5353] };
const from: Record<string, Address> = { u: ["10.0.0.7", 51000] };
const addressOf = ({ name, field }: Reference): Address => (field === "from" ? from[name]! : bound[name]!);

describe("references", () => {
  it("parses only whole $name.host / $name.port / $name.from strings", () => {
    expect(parseReference("$srv.port")).toEqual({ name: "srv", field: "port" });
    expect(parseReference("$srv.host")).toEqual({ name: "srv", field: "host" });
    expect(parseReference("$u.from")).toEqual({ name: "u", field: "from" });
    expect(parseReference("$srv.addr")).toBeNull();
    expect(parseReference("x$srv.port")).toBeNull();
    expect(parseReference("$1srv.port")).toBeNull();
  });

  it("resolves addresses against the bound address, or the last recvfrom's, at run time", () => {
    expect(resolveAddress(["127.0.0.1", "$srv.port"], addressOf)).toEqual(["127.0.0.1", 40000]);
    expect(resolveAddress(["$u.host", "$srv.port"], addressOf)).toEqual(["0.0.0.0", 40000]);
    expect(resolveAddress(["<broadcast>", 9], addressOf)).toEqual(["<broadcast>", 9]);
    expect(resolveAddress("$u.from", addressOf)).toEqual(["10.0.0.7", 51000]);
  });

  it("resolves references anywhere inside expected values, and leaves one that reads nothing as it is", () => {
    const expected = [{ hex: "00" }, ["$srv.host", "$srv.port"], "$u.from"];
    expect(resolveValueReferences(expected, addressOf)).toEqual([{ hex: "00" }, ["127.0.0.1", 40000], ["10.0.0.7", 51000]]);
    expect(resolveValueReferences(["$srv.port", "$srv.from"], (ref) => (ref.field === "from" ? null : addressOf(ref)))).toEqual([40000, "$srv.from"]);
    expect(referencesIn({ value: ["a", ["$u.port"], "$u.from"] })).toEqual([
      { name: "u", field: "port" },
      { name: "u", field: "from" },
    ]);
  });
});
