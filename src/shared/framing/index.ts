/**
 * Message framing on a byte stream: delimiters, ASCII and binary length
 * prefixes. Pure (Uint8Array only, no Node imports), so the Lab and the
 * renderer share one implementation.
 */
export {
  DEFAULT_MAX_FRAME,
  MAX_ASCII_WIDTH,
  MAX_FRAME_LIMIT,
  NEWLINE_FRAMING,
  NUL_FRAMING,
  framingSchema,
  type BinaryLengthEncoding,
  type BinaryLengthFraming,
  type DelimiterFraming,
  type FramingConfig,
} from "./config";
export { FramingError, framingErrorInfo, isFramingError } from "./errors";
export { createDecoder, encodeFrame, encodeFrames, headerFor, type FrameDecoder } from "./codec";
export { describeHeader } from "./describe-header";
