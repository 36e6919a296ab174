import { describe, expect, it } from "vitest";
import { isTrustedSender } from "./trusted-sender";

const top = (url: string) => ({ url, parent: null });

describe("IPC sender check", () => {
  it("trusts only the app's own page in its top frame", () => {
    expect(isTrustedSender(top("app://socket-lab/index.html"))).toBe(true);
  });

  it("ignores unknown senders: other origins, file://, subframes, missing frames, garbage URLs", () => {
    expect(isTrustedSender(top("https://evil.example/"))).toBe(false);
    expect(isTrustedSender(top("file:///etc/passwd"))).toBe(false);
    expect(isTrustedSender(top("app://socket-lab.evil/index.html"))).toBe(false);
    expect(isTrustedSender({ url: "app://socket-lab/index.html", parent: top("app://socket-lab/index.html") as never })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(top("not a url"))).toBe(false);
  });
});
