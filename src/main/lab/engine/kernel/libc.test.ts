import { describe, expect, test } from "vitest";
import { kernelEngineSupport, libc } from "./libc";

describe("loading libc", () => {
  test("on Linux x64/arm64 with koffi installed the kernel engine can load (this machine)", () => {
    const support = kernelEngineSupport();
    // Printed so a CI log on another platform shows the one-line reason.
    console.log("kernel engine:", support);
    expect(support).toEqual({ ok: true });
  });

  test("koffi reports errno of the last call on this thread: close(-1) sets EBADF (9)", () => {
    const { koffi, libc: lib } = libc();
    const close = lib.func("int close(int fd)") as (fd: number) => number;
    expect(close(-1)).toBe(-1);
    expect(koffi.errno()).toBe(9);
  });
});
