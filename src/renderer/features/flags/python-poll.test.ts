import { describe, expect, it } from "vitest";
import { POLL_FLAGS as F } from "../../../shared/poll-flags";
import { decodePollResult, pyEventMask, pyPoll, pyPollResult, pySelect, pySelectResult } from "./python-poll";

describe("poll() and select() as Python writes and prints them", () => {
  it("registers sockets by name, stale fds by number, and prints the list of tuples", () => {
    expect(pyPoll([5, 7], F.POLLIN | F.POLLOUT, 100, new Set([5]))).toBe(
      "p = select.poll(); p.register(s5, select.POLLIN | select.POLLOUT); p.register(7, select.POLLIN | select.POLLOUT); p.poll(100)",
    );
    expect(pyPollResult([[5, 5], [7, 32]])).toBe("[(5, 5), (7, 32)]");
    expect(pyPollResult([])).toBe("[]");
    expect(decodePollResult([[5, 325]])).toEqual(["s5: POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM"]);
  });

  it("leaves the always-reported flags out of the mask, and writes 0 when nothing else is asked", () => {
    expect(pyEventMask(F.POLLIN | F.POLLHUP)).toBe("select.POLLIN");
    expect(pyEventMask(0)).toBe("0");
  });

  it("select takes seconds and returns three lists of sockets", () => {
    expect(pySelect([4, 5], [4, 5], [], 0.1)).toBe("select.select([s4, s5], [s4, s5], [], 0.1)");
    expect(pySelectResult([[5], [4, 5], []])).toBe("([s5], [s4, s5], [])");
  });
});
