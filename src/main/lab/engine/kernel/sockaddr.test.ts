import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AF } from "./constants";
import { decodeSockaddr, encodeSockaddr, formatIPv6, SOCKADDR_IN6_SIZE, SOCKADDR_IN_SIZE } from "./sockaddr";
import { python } from "./test-support";

describe("sockaddr_in / sockaddr_in6 bytes", () => {
  test("sockaddr_in: family host order, port and address network order (what bind(2) reads)", () => {
    const b = encodeSockaddr({ family: AF.AF_INET, host: "127.0.0.1", port: 0x1234 });
    expect(b.toString("hex")).toBe("0200" + "1234" + "7f000001" + "0000000000000000");
    expect(decodeSockaddr(b, SOCKADDR_IN_SIZE)).toEqual({ family: AF.AF_INET, host: "127.0.0.1", port: 0x1234 });
  });

  test("sockaddr_in6: flowinfo network order, scope id host order", () => {
    const b = encodeSockaddr({ family: AF.AF_INET6, host: "fe80::1", port: 80, flowinfo: 5, scopeId: 3 });
    expect(b.toString("hex")).toBe("0a00" + "0050" + "00000005" + "fe800000000000000000000000000001" + "03000000");
    expect(decodeSockaddr(b, SOCKADDR_IN6_SIZE)).toEqual({ family: AF.AF_INET6, host: "fe80::1", port: 80, flowinfo: 5, scopeId: 3 });
  });

  test("a short or foreign sockaddr decodes as null (an unbound socket's empty name)", () => {
    expect(decodeSockaddr(Buffer.alloc(16), 0)).toBeNull();
    expect(decodeSockaddr(Buffer.from([1, 0, 0, 0]), 4)).toBeNull();
  });

  test("IPv6 text round-trips through bytes and prints as glibc's inet_ntop (CPython's) does", () => {
    const samples = ["::", "::1", "fe80::1", "2001:db8::8:800:200c:417a", "::ffff:127.0.0.1", "::127.0.0.2", "2001:db8:0:0:1:0:0:1", "1:0:2:0:3:0:4:0", "ff02::1:ff00:1"];
    const ours = samples.map((s) => formatIPv6(encodeSockaddr({ family: AF.AF_INET6, host: s, port: 0 }).subarray(8, 24)));
    const py = python<string[]>(
      `import socket, json\nprint(json.dumps([socket.inet_ntop(socket.AF_INET6, socket.inet_pton(socket.AF_INET6, s)) for s in ${JSON.stringify(samples)}]))`,
    );
    expect(ours).toEqual(py);
  });

  test("property: any 16 bytes format to text that encodes back to the same bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = formatIPv6(bytes);
        expect(encodeSockaddr({ family: AF.AF_INET6, host: text, port: 0 }).subarray(8, 24)).toEqual(Buffer.from(bytes));
      }),
    );
  });
});
