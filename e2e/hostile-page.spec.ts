import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";

/**
 * A page from another origin, in the same browser, throws everything a web
 * page can at the lab's host: images and fetches with targets that do not
 * decode, a form POST, WebSockets with and without the token. The host must
 * refuse each and keep serving the real page.
 */
function attackPage(labOrigin: string, token: string): string {
  const targets = ["/%ff", "/%", "/%E0%A4%A", "/a%ed%a0%80", "/%00", "/..%2f..%2fetc%2fpasswd", "/lab?token=" + token];
  return `<!doctype html><title>elsewhere</title><body>
${targets.map((t) => `<img src="${labOrigin}${t}">`).join("\n")}
<form id="f" method="POST" action="${labOrigin}/lab" target="sink"><input name="x" value="y"></form><iframe name="sink"></iframe>
<script>
(async () => {
  const results = [];
  for (const t of ${JSON.stringify(targets)}) {
    try { await fetch("${labOrigin}" + t, { mode: "no-cors", method: "POST", body: "x".repeat(10000) }); results.push("sent"); } catch { results.push("refused"); }
  }
  document.getElementById("f").submit();
  const socketOutcome = (url) => new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.onopen = () => { ws.send("{".repeat(5000)); resolve("open"); };
    ws.onerror = () => resolve("error");
    setTimeout(() => resolve("timeout"), 3000);
  });
  results.push(await socketOutcome("${labOrigin.replace("http", "ws")}/lab?token=${token}"));
  results.push(await socketOutcome("${labOrigin.replace("http", "ws")}/lab"));
  document.title = "done:" + results.join(",");
})();
</script></body>`;
}

test.describe("a page from another origin", () => {
  let elsewhere: Server;
  test.afterEach(async () => new Promise<void>((resolve) => (elsewhere ? elsewhere.close(() => resolve()) : resolve())));

  test("cannot take the host down, nor open the lab's WebSocket even with the token", async ({ page, context, lab }) => {
    await expect(page.getByRole("button", { name: "+ UDP" })).toBeVisible();
    elsewhere = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(attackPage(lab.origin, lab.token)));
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const attacker = await context.newPage();
    await attacker.goto(`http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`);
    await expect(attacker).toHaveTitle(/^done:/, { timeout: 15_000 });
    // The foreign Origin is refused even with the right token.
    expect(await attacker.title()).toMatch(/,error,error$/);
    await attacker.close();

    expect(lab.process.exitCode).toBeNull();
    // The real page still drives the lab.
    await page.getByRole("button", { name: "+ UDP" }).click();
    await page.getByRole("dialog", { name: "New UDP socket" }).getByRole("button", { name: "Bind" }).click();
    await expect(page.getByRole("listbox", { name: "Sockets" }).getByRole("option")).toHaveCount(1);
    expect(lab.output()).not.toMatch(/Error|uncaught/i);
  });
});
