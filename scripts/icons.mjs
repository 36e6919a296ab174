// Renders assets/icon.svg to the PNG sizes electron-builder turns into
// AppImage/deb icons, the Windows .ico and the macOS .icns: one source of truth.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const svg = readFileSync(new URL("../assets/icon.svg", import.meta.url), "utf8");
const out = new URL("../build/icons/", import.meta.url);
mkdirSync(out, { recursive: true });
for (const size of SIZES) {
  const png = new Resvg(svg, { fitTo: { mode: "width", value: size } }).render().asPng();
  writeFileSync(new URL(`${size}x${size}.png`, out), png);
}
writeFileSync(new URL("../icon.png", out), new Resvg(svg, { fitTo: { mode: "width", value: 1024 } }).render().asPng());
console.log(`icons: ${SIZES.length} sizes in build/icons/`);
