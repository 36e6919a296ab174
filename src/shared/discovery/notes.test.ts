import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../preferences";
import { translator } from "../i18n";
import { noteText, type DiscoveryNote } from "./notes";
import { PROTOCOL_LABELS, type DiscoveryProtocol } from "./types";

const NOTES: readonly DiscoveryNote[] = [
  { code: "no-interface" },
  { code: "no-ipv4", iface: "eth9" },
  { code: "cannot-listen", protocol: "nbns", at: "*:137", error: "EACCES: permission denied", cause: "privileged" },
  { code: "cannot-listen", protocol: "mdns", at: "224.0.0.251:5353", error: "EADDRINUSE: address already in use", cause: "in-use" },
  { code: "cannot-listen", protocol: "ssdp", at: "239.255.255.250:1900", error: "ENODEV: no such device", cause: null },
  { code: "no-broadcast", protocol: "nbns", iface: "wg0" },
  { code: "cannot-probe", protocol: "custom", iface: "eth0", address: "10.0.0.3", error: "EADDRNOTAVAIL: cannot assign requested address" },
  { code: "send-failed", protocol: "wsd", to: "239.255.255.250:3702", error: "ENETUNREACH: network is unreachable" },
  { code: "other-interface", protocol: "ssdp", address: "10.0.0.7", ifname: "eth1", probeIface: "eth0" },
  { code: "other-subnet", protocol: "mdns", address: "192.168.9.4", iface: "eth0", subnet: "10.0.0.0/24" },
];

describe("the discovery's notes", () => {
  it("are worded in each language with every value in place", () => {
    for (const language of LANGUAGES) {
      const t = translator(language);
      for (const note of NOTES) {
        const text = noteText(t, note);
        expect(text, note.code).not.toMatch(/\{\w+\}/);
        for (const [field, value] of Object.entries(note)) {
          if (field === "code" || field === "cause" || value === null) continue;
          expect(text, `${note.code}.${field}`).toContain(field === "protocol" ? PROTOCOL_LABELS[value as DiscoveryProtocol] : value);
        }
        if (language === "zh-CN") expect(text, note.code).toMatch(/\p{Script=Han}/u);
      }
    }
  });

  it("say what the two common errnos mean on a well-known port, and nothing for another", () => {
    const en = translator("en");
    expect(noteText(en, NOTES[2]!)).toBe("NetBIOS: cannot listen on *:137: EACCES: permission denied; announcements and other hosts' queries will not be seen. Ports below 1024 need root or CAP_NET_BIND_SERVICE.");
    expect(noteText(en, NOTES[3]!)).toMatch(/without SO_REUSEADDR\.$/);
    expect(noteText(en, NOTES[4]!)).toMatch(/will not be seen\.$/);
  });
});
