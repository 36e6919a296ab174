import { Resvg } from "@resvg/resvg-js";
import jsQR from "jsqr";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { QrCode } from "./QrCode";

/** Draws the component's SVG to pixels and reads it back as a phone's camera app would (jsQR). */
function decode(text: string): string | null {
  const svg = renderToStaticMarkup(<QrCode text={text} label="QR" size={400} />).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ');
  const image = new Resvg(svg, { fitTo: { mode: "width", value: 400 } }).render();
  return jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height)?.data ?? null;
}

describe("the QR code of a pairing URL", () => {
  it("reads back as the URL, secret and fingerprint whole", () => {
    const url = "wss://192.168.1.20:5748/?pair=OkATv8Pb-G1fKJNJeZVS3Q#sha256=973bcccdd783615b7499ad296a60c5417f9e3b6d8a21c4b3e8f8a0e1d2c3b4a5";
    expect(decode(url)).toBe(url);
    const v6 = "wss://[fe80::1]:5748/?pair=AAAAAAAAAAAAAAAAAAAAAA#sha256=" + "f".repeat(64);
    expect(decode(v6)).toBe(v6);
  });
});
