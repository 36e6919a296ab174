import { describe, expect, it } from "vitest";
import type { Address } from "../socket-model";
import { parseReference, referencesIn, resolveAddress, resolveValueReferences } from "./references";

const bound: Record<string, Address> = { srv: ["127.0.0.1", 40000], u: ["0.0.0.0", 5353] };
const boundAddressOf = (name: string): Address => bound[name]!;

describe("references", () => {
  it("parses only whole $name.host / $name.port strings", () => {
    expect(parseReference("$srv.port")).toEqual({ name: "srv", field: "port" });
    expect(parseReference("$srv.host")).toEqual({ name: "srv", field: "host" });
    expect(parseReference("$srv.addr")).toBeNull();
    expect(parseReference("x$srv.port")).toBeNull();
    expect(parseReference("$1srv.port")).toBeNull();
  });

  it("resolves addresses against the bound address at run time", () => {
    expect(resolveAddress(["127.0.0.1", "$srv.port"], boundAddressOf)).toEqual(["127.0.0.1", 40000]);
    expect(resolveAddress(["$u.host", "$srv.port"], boundAddressOf)).toEqual(["0.0.0.0", 40000]);
    expect(resolveAddress(["<broadcast>", 9], boundAddressOf)).toEqual(["<broadcast>", 9]);
  });

  it("resolves references anywhere inside expected values", () => {
    const expected = [{ hex: "00" }, ["$srv.host", "$srv.port"]];
    expect(resolveValueReferences(expected, boundAddressOf)).toEqual([{ hex: "00" }, ["127.0.0.1", 40000]]);
    expect(referencesIn({ value: ["a", ["$u.port"]] })).toEqual([{ name: "u", field: "port" }]);
  });
});
