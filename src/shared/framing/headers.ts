import { AsciiSeparatorHeader, AsciiWidthHeader } from "./ascii-length";
import { BinaryLengthHeader } from "./binary-length";
import type { LengthHeader } from "./length-header";
import type { ResolvedFraming } from "./resolve";

/** A fresh header codec (each holds the last length it read, so decoders must not share one). */
export function lengthHeaderFor(r: Exclude<ResolvedFraming, { kind: "delimiter" }>): LengthHeader {
  switch (r.kind) {
    case "binary":
      return new BinaryLengthHeader(r.encoding);
    case "ascii-separator":
      return new AsciiSeparatorHeader(r.separator, r.maxFrame);
    case "ascii-width":
      return new AsciiWidthHeader(r.width);
  }
}
