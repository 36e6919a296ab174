# ---- message framing: the same rules as the lab's codecs ----

DEFAULT_MAX_FRAME = 16 * 1024 * 1024
STRUCT_FORMATS = {"u16be": "!H", "u32be": "!I", "u16le": "<H", "u32le": "<I"}  # "!" is network byte order
ESCAPE_MARKERS = {0x0A: b"n", 0x0D: b"r", 0x09: b"t", 0x00: b"0", 0x64: b"D"}  # any other first byte: b"d"


def escape(payload, first):
    """Byte stuffing: a backslash doubles; the delimiter's first byte becomes backslash + marker."""
    marker = ESCAPE_MARKERS.get(first, b"d")
    return payload.replace(b"\\", b"\\\\").replace(bytes([first]), b"\\" + marker)


def unescape(body, first):
    marker = ESCAPE_MARKERS.get(first, b"d")[0]
    out = bytearray()
    i = 0
    while i < len(body):
        if body[i] == 0x5C and i + 1 < len(body) and body[i + 1] in (0x5C, marker):
            out.append(0x5C if body[i + 1] == 0x5C else first)
            i += 2
        else:
            out.append(body[i])
            i += 1
    return bytes(out)


def encode_frame(payload, framing):
    """payload as one frame on the wire."""
    max_frame = framing.get("maxFrame", DEFAULT_MAX_FRAME)
    if framing["kind"] == "delimiter":
        delimiter = framing["delimiter"]
        body = escape(payload, delimiter[0]) if framing.get("escape") else payload
        if len(body) > max_frame:
            raise FramingError("FRAME_TOO_LARGE", "payload of %d bytes exceeds the limit of %d" % (len(body), max_frame))
        frame = body + delimiter
        if frame.find(delimiter) < len(body):
            raise FramingError("DELIMITER_IN_PAYLOAD", "the payload contains its own delimiter")
        return frame
    if len(payload) > max_frame:
        raise FramingError("FRAME_TOO_LARGE", "payload of %d bytes exceeds the limit of %d" % (len(payload), max_frame))
    if framing["encoding"] in STRUCT_FORMATS:
        fmt = STRUCT_FORMATS[framing["encoding"]]
        if len(payload) >= 1 << (8 * struct.calcsize(fmt)):
            raise FramingError("FRAME_TOO_LARGE", "payload of %d bytes does not fit a %s length" % (len(payload), framing["encoding"]))
        return struct.pack(fmt, len(payload)) + payload
    digits = str(len(payload)).encode()
    if "separator" in framing:
        return digits + framing["separator"] + payload
    if len(digits) > framing["width"]:
        raise FramingError("FRAME_TOO_LARGE", "payload of %d bytes does not fit %d digits" % (len(payload), framing["width"]))
    return digits.rjust(framing["width"], b"0") + payload


def send_frame(sock, payload, framing):
    sock.sendall(encode_frame(payload, framing))


def recv_exactly(sock, n, at_frame_start, check=None):
    """Reads exactly n bytes. At a clean end of stream (before a frame's first byte) returns None."""
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            if at_frame_start and not data:
                return None
            raise FramingError("TRUNCATED_FRAME", "the stream ended inside a frame")
        data += chunk
        if check:
            check(data)
    return data


def recv_delimited(sock, delimiter, max_frame):
    """Reads one frame and its delimiter, and not a byte more: it peeks (MSG_PEEK) before it takes."""
    held = b""
    keep = len(delimiter) - 1  # this many held bytes may be the start of a delimiter
    while True:
        peeked = sock.recv(65536, socket.MSG_PEEK)
        if not peeked:
            if held:
                raise FramingError("TRUNCATED_FRAME", "the stream ended inside a frame")
            return None
        seen = held + peeked
        end = seen.find(delimiter, max(0, len(held) - keep))
        if end >= 0:
            if end > max_frame:
                raise FramingError("FRAME_TOO_LARGE", "frame of %d bytes exceeds the limit of %d" % (end, max_frame))
            held += sock.recv(end + len(delimiter) - len(held))
            return held[:end]
        if len(seen) - keep > max_frame:
            raise FramingError("FRAME_TOO_LARGE", "unterminated frame exceeds the limit of %d" % max_frame)
        held += sock.recv(len(peeked))


def recv_ascii_length(sock, separator, max_frame):
    """Reads "123" + separator one byte at a time; None at a clean end of stream."""
    digits = b""
    while True:
        byte = sock.recv(1)
        if not byte:
            if digits:
                raise FramingError("TRUNCATED_FRAME", "the stream ended inside a length prefix")
            return None
        if not byte.isdigit():
            break
        digits += byte
        if len(digits) > len(str(max_frame)):
            raise FramingError("BAD_LENGTH", "more digits than any allowed length has")
    if not digits:
        raise FramingError("BAD_LENGTH", "expected a decimal length, got %r" % byte)
    for i in range(len(separator)):
        if i > 0:
            byte = sock.recv(1)
            if not byte:
                raise FramingError("TRUNCATED_FRAME", "the stream ended inside a length prefix")
        if byte[0] != separator[i]:
            raise FramingError("BAD_LENGTH", "expected the separator %r after the length" % separator)
    return int(digits)


def all_digits(data):
    if not data.isdigit():
        raise FramingError("BAD_LENGTH", "expected decimal digits, got %r" % data)


def recv_frame(sock, framing):
    """Reads one frame's payload, or None at a clean end of stream. Takes only this frame's bytes."""
    max_frame = framing.get("maxFrame", DEFAULT_MAX_FRAME)
    if framing["kind"] == "delimiter":
        body = recv_delimited(sock, framing["delimiter"], max_frame)
        if body is None or not framing.get("escape"):
            return body
        return unescape(body, framing["delimiter"][0])
    encoding = framing["encoding"]
    if encoding in STRUCT_FORMATS:
        header = recv_exactly(sock, struct.calcsize(STRUCT_FORMATS[encoding]), True)
        length = None if header is None else struct.unpack(STRUCT_FORMATS[encoding], header)[0]
    elif "separator" in framing:
        length = recv_ascii_length(sock, framing["separator"], max_frame)
    else:
        header = recv_exactly(sock, framing["width"], True, all_digits)
        length = None if header is None else int(header)
    if length is None:
        return None
    if length > max_frame:
        raise FramingError("FRAME_TOO_LARGE", "declared frame of %d bytes exceeds the limit of %d" % (length, max_frame))
    return recv_exactly(sock, length, False)
