import { describe, expect, it } from "vitest";
import { LabService } from "../bridge/lab-service";
import { Lab } from "../lab/lab";

describe("scenario sessions (the lesson player's steps)", () => {
  it("steps through a lesson on the Lab's own sockets, then closes them", async () => {
    const lab = new LabService(new Lab());
    const lessons = await lab.call("lessons", {});
    expect(lessons.map((l) => l.name)).toEqual(["half-open", "timeouts", "end-of-message", "broadcast", "poll-select", "select-echo"]);
    const { session, steps } = await lab.call("scenario_open", { scenario: lessons[0]!.scenario });
    const first = await lab.call("scenario_step", { session });
    expect(first?.line).toMatchObject({ step: 1, op: "socket", ok: true });
    const made = (await lab.call("snapshot", {})).sockets;
    expect(made.map((s) => s.fd)).toEqual([first?.created?.fd]);
    expect(first?.created?.since).toBeLessThan((await lab.call("snapshot", {})).seq);
    const second = await lab.call("scenario_step", { session });
    expect(second?.line.op).not.toBe("socket");
    expect(second?.created).toBeNull();
    for (let i = 3; i <= steps; i++) expect((await lab.call("scenario_step", { session }))?.line.expect_failed).toBeUndefined();
    expect(await lab.call("scenario_step", { session })).toBeNull();
    await lab.call("scenario_close", { session });
    expect((await lab.call("snapshot", {})).sockets).toHaveLength(0);
    await expect(lab.call("scenario_step", { session })).rejects.toMatchObject({ info: { errno: "EINVAL" } });
    lab.lab.closeAll();
  });
});
