import { describe, expect, it } from "vitest";
import { rendererFile, requestUrl } from "./renderer-files";

const root = "/srv/app";

describe("renderer files (both front doors)", () => {
  it("maps paths inside the build, the icon for /favicon.ico, and index.html for /", () => {
    expect(rendererFile(root, "/")).toMatchObject({ ok: true, file: "/srv/app/index.html", contentType: "text/html; charset=utf-8" });
    expect(rendererFile(root, "/favicon.ico")).toMatchObject({ ok: true, file: "/srv/app/icon.svg", contentType: "image/svg+xml" });
    expect(rendererFile(root, "/assets/a%20b.js")).toMatchObject({ ok: true, file: "/srv/app/assets/a b.js" });
  });

  it("answers malformed percent-encoding with 400 instead of throwing", () => {
    for (const path of ["/%ff", "/%", "/%E0%A4%A", "/a%ed%a0%80", "/%00"]) expect(rendererFile(root, path)).toMatchObject({ ok: false, status: 400 });
  });

  it("never leaves the build folder", () => {
    for (const path of ["/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/..\\..\\x"]) {
      const file = rendererFile(root, path);
      if (file.ok) expect(file.file.startsWith(`${root}/`)).toBe(true);
      else expect(file.status).toBe(403);
    }
  });

  it("parses request targets that are not URLs to null", () => {
    expect(requestUrl("//[")).toBeNull();
    expect(requestUrl("http://[")).toBeNull();
    expect(requestUrl("/lab?token=x")?.searchParams.get("token")).toBe("x");
  });
});
