import { describe, expect, it } from "vitest";
import { POLL_ALWAYS, POLL_FLAGS, pollFlagNames, pollMask } from "./poll-flags";
import { validateScenario } from "./scenario";

describe("poll flags", () => {
  it("has Linux's values", () => {
    expect(Object.values(POLL_FLAGS)).toEqual([0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x2000]);
    expect(POLL_ALWAYS).toBe(0x38);
  });

  it("converts between names and masks", () => {
    expect(pollMask(["POLLIN", "POLLOUT", "POLLRDNORM", "POLLWRNORM"])).toBe(325);
    expect(pollFlagNames(29)).toEqual(["POLLIN", "POLLOUT", "POLLERR", "POLLHUP"]);
    expect(pollFlagNames(0)).toEqual([]);
    expect(pollFlagNames(0x2005)).toEqual(["POLLIN", "POLLOUT", "POLLRDHUP"]);
    expect(pollMask(["POLLRDHUP"])).toBe(0x2000);
  });

  it("lets a scenario register POLLRDHUP (Linux's select.POLLRDHUP); POLLMSG stays out", () => {
    const steps = (flag: string) => [{ op: "socket", as: "s", type: "SOCK_STREAM" }, { op: "poll", register: [["s", [flag]]], timeout: 0 }];
    expect(validateScenario({ name: "rdhup", steps: steps("POLLRDHUP") }).ok).toBe(true);
    expect(validateScenario({ name: "msg", steps: steps("POLLMSG") }).ok).toBe(false);
  });
});
