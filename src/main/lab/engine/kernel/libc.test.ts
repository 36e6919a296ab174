import { describe, expect, test, vi } from "vitest";
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

describe("where the kernel engine cannot run", () => {
  test("on another platform the check answers with a one-line reason and importing never throws", async () => {
    const real = Object.getOwnPropertyDescriptor(process, "platform")!;
    vi.resetModules();
    Object.defineProperty(process, "platform", { value: "darwin" });
    try {
      const fresh = await import("./libc");
      const support = fresh.kernelEngineSupport();
      expect(support).toEqual({ ok: false, reason: "the kernel engine is Linux-only (this is darwin)" });
      expect(() => fresh.libc()).toThrow("Linux-only");
    } finally {
      Object.defineProperty(process, "platform", real);
      vi.resetModules();
    }
  });
});
