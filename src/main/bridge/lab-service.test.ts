import { afterAll, describe, expect, it } from "vitest";
import { labInstanceSchema } from "../../shared/contract";
import { Lab } from "../lab/lab";
import { dispatch } from "./dispatch";
import { LabService } from "./lab-service";

const labs = [new Lab(), new Lab()] as const;
afterAll(() => labs.forEach((lab) => lab.closeAll()));

async function instanceOf(service: LabService): Promise<string> {
  const reply = await dispatch(service, "snapshot", {});
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.result as { instance: string }).instance;
}

describe("the snapshot's Lab instance id", () => {
  it("is one UUID per Lab: the same for every page of that Lab and every call, another for another Lab", async () => {
    const [one, other] = labs;
    const first = await instanceOf(new LabService(one));
    expect(labInstanceSchema.safeParse(first).success).toBe(true);
    // A reload is a new page (a new session, here a new service) on the same Lab.
    expect(await instanceOf(new LabService(one))).toBe(first);
    await one.call("socket", { family: "AF_INET", type: "SOCK_STREAM" });
    expect(await instanceOf(new LabService(one))).toBe(first);
    expect(await instanceOf(new LabService(other))).not.toBe(first);
  });
});
