/**
 * Message framing on a byte stream: delimiters, ASCII and binary length
 * prefixes. Pure (Uint8Array only, no Node imports), so the Lab and the
 * renderer share one implementation.
 */
export {
  DEFAULT_MAX_FRAME,
  ESCAPE_BYTE,
  MAX_ASCII_WIDTH,
  MAX_FRAME_LIMIT,
  NEWLINE_FRAMING,
  NUL_FRAMING,
  framingSchema,
  type AsciiSeparatorFraming,
  type AsciiWidthFraming,
  type BinaryLengthEncoding,
  type BinaryLengthFraming,
  type DelimiterFraming,
  type FramingConfig,
  type LengthPrefixFraming,
} from "./config";
export { FramingError, framingErrorInfo, isFramingError, type FramingErrorCode, type FramingErrorInfo } from "./errors";
export { createDecoder, encodeFrame, encodeFrames, headerFor, type FrameDecoder } from "./codec";
export {
  describeHeader,
  type AsciiHeaderDescription,
  type BinaryHeaderDescription,
  type DelimiterDescription,
  type HeaderDescription,
} from "./describe-header";
