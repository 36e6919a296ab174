import { describe, expect, it } from "vitest";
import { translator } from "../../../shared/i18n";
import { arrivalText, castOfKind } from "./arrival";

const en = translator("en");
const zh = translator("zh-CN");

describe("where an arriving datagram went", () => {
  it("reads the cast from the row's kind: a plain datagram was unicast, a stream has none", () => {
    expect(castOfKind("broadcast")).toBe("broadcast");
    expect(castOfKind("multicast")).toBe("multicast");
    expect(castOfKind("datagram")).toBe("unicast");
    expect(castOfKind("data")).toBeNull();
  });

  it("says destination, cast and interface, in either language", () => {
    expect(arrivalText(en, "127.255.255.255:9000", "broadcast", "lo")).toBe("→ 127.255.255.255:9000 (broadcast) on lo");
    expect(arrivalText(zh, "127.255.255.255:9000", "broadcast", "lo")).toBe("→ 127.255.255.255:9000（广播），经 lo");
    expect(arrivalText(en, "239.1.2.3:5000", "multicast", null)).toBe("→ 239.1.2.3:5000 (multicast)");
    expect(arrivalText(en, null, "unicast", "lo")).toBeNull();
  });
});
