import { hostname, networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { allowedHosts, allowedOrigins } from "./access";

const interfaceAddresses = () => Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
const bracketed = (address: string) => (address.includes(":") ? `[${address}]` : address);

describe("the names browser mode answers to", () => {
  it("on port 80 takes a Host and an Origin without the port, as a browser sends them; on any other port the port is required", () => {
    const hosts = allowedHosts("127.0.0.1", 80);
    for (const name of ["127.0.0.1", "localhost", "[::1]", "127.0.0.1:80"]) expect(hosts, name).toContain(name);
    expect(allowedOrigins("127.0.0.1", 80)).toContain("http://127.0.0.1");
    expect(allowedOrigins("localhost", 80)).toContain("http://localhost");
    expect(allowedHosts("127.0.0.1", 8080)).not.toContain("127.0.0.1");
    expect(allowedOrigins("127.0.0.1", 8080)).not.toContain("http://127.0.0.1");
    for (const other of ["evil.example", "evil.example:80", "127.0.0.1:8080"]) expect(hosts, other).not.toContain(other);
  });

  it("on a wildcard bind takes the machine's name and every interface address, and still no other name", () => {
    for (const wildcard of ["0.0.0.0", "::"]) {
      const hosts = allowedHosts(wildcard, 5747);
      const origins = allowedOrigins(wildcard, 5747);
      expect(hosts).toContain(`${hostname().toLowerCase()}:5747`);
      expect(origins).toContain(`http://${hostname().toLowerCase()}:5747`);
      for (const address of interfaceAddresses()) expect(hosts, address).toContain(`${bracketed(address)}:5747`);
      for (const other of ["evil.example:5747", `${hostname().toLowerCase()}:5748`, `${hostname().toLowerCase()}.evil.example:5747`]) {
        expect(hosts, other).not.toContain(other);
      }
    }
    expect(allowedHosts("0.0.0.0", 80)).toContain(hostname().toLowerCase());
  });

  it("a single address answers to that address only: not the machine's name", () => {
    expect([...allowedHosts("192.0.2.7", 5747)]).toEqual(["192.0.2.7:5747"]);
  });
});
