class FramingError(Exception):
    """A framing protocol error; code is FRAME_TOO_LARGE, TRUNCATED_FRAME, BAD_LENGTH or DELIMITER_IN_PAYLOAD."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
