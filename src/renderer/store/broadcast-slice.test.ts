import { describe, expect, it } from "vitest";
import type { LabEvent } from "../../shared/events";
import { broadcastReducer } from "./broadcast-slice";
import { createLabStore } from "./store";

const job = (id: number, fd: number, sent: number, done: boolean, seq: number): LabEvent => ({
  type: "job", seq, t: seq, fd, job: id, sent, total: 3, done, error: null,
});

describe("broadcast slice", () => {
  it("follows repeat jobs and forgets what it knew of a socket once its fd is closed", () => {
    const store = createLabStore();
    store.getState().setSender(5);
    store.getState().noteSoBroadcast(5, true);
    store.getState().noteMembership(5, "join", { group: "239.255.0.1", iface: null });
    const change = broadcastReducer([job(1, 5, 0, false, 1), job(1, 5, 3, true, 2), { type: "closed", seq: 3, t: 3, fd: 5 }], store.getState());
    expect(change?.repeatJobs?.get(1)).toMatchObject({ sent: 3, done: true });
    expect(change?.senderFd).toBeNull();
    expect(change?.soBroadcast?.has(5)).toBe(false);
    expect(change?.memberships?.has(5)).toBe(false);
  });

  it("changes nothing for a batch that concerns no broadcast", () => {
    const store = createLabStore();
    expect(broadcastReducer([{ type: "closed", seq: 1, t: 1, fd: 9 }], store.getState())).toBeNull();
  });
});
