/**
 * The helpers at the top of exported programs (the framing ones only when a
 * scenario frames messages), kept as Python source so a student reads them
 * exactly as they run. Every top-level name here must be
 * in EXPORT_RESERVED_NAMES (src/shared/scenario/names.ts) so no socket name
 * can shadow it; prelude.test.ts checks that.
 */
/** The framing helpers' exception, which both program styles define when they frame messages. */
export const FRAMING_ERROR = String.raw`class FramingError(Exception):
    """A framing protocol error; code is FRAME_TOO_LARGE, TRUNCATED_FRAME, BAD_LENGTH or DELIMITER_IN_PAYLOAD."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
`;

export const CORE_PRELUDE = String.raw`import errno
import json
import select
import socket
import struct
import sys
import time

SOCKS = {}  # socket name -> socket object, for "$name.port" in expectations
FDS = {}  # socket name -> fd number at creation: poll/select use the number, as C does, so a closed one goes stale
FAILED = []  # steps whose expectation did not hold

# errno.errorcode picks one name where Linux has two for a number; use the names socket man pages use.
ERRNO_NAMES = dict(errno.errorcode)
ERRNO_NAMES.update({errno.EAGAIN: "EAGAIN", errno.EOPNOTSUPP: "EOPNOTSUPP", errno.EDEADLK: "EDEADLK"})
GAI_NAMES = {getattr(socket, name): name for name in dir(socket) if name.startswith("EAI_")}


${FRAMING_ERROR}

def errno_name(code):
    """0 means success and stays 0; an errno number becomes its name, which is the same on every system."""
    return 0 if code == 0 else ERRNO_NAMES.get(code, str(code))


def error_of(exc):
    """The transcript's {type, errno} for an exception."""
    if isinstance(exc, FramingError):
        return {"type": "FramingError", "errno": exc.code}
    if isinstance(exc, socket.gaierror):
        return {"type": "gaierror", "errno": GAI_NAMES.get(exc.errno)}
    if isinstance(exc, OSError) and exc.errno is not None:
        return {"type": type(exc).__name__, "errno": errno_name(exc.errno)}
    if isinstance(exc, socket.timeout):
        return {"type": "TimeoutError", "errno": None}  # socket.timeout is TimeoutError since Python 3.10
    return {"type": type(exc).__name__, "errno": None}


def address(addr):
    """(host, port) of an IPv4 or IPv6 address; IPv6 adds flowinfo and scope_id, which the lab leaves out.
    None stays None: recvfrom on a stream socket has no sender address."""
    return None if addr is None else [addr[0], addr[1]]


def hexed(data):
    return {"hex": data.hex()}


def value_of(op, result, name):
    """What the transcript shows for a step's result."""
    if op == "accept":
        return [name, address(result[1])]
    if op in ("getsockname", "getpeername"):
        return address(result)
    if op in ("recv", "recv_frame"):
        return None if result is None else hexed(result)
    if op == "recvfrom":
        return [hexed(result[0]), address(result[1])]
    if op == "connect_ex":
        return errno_name(result)
    if op in ("send", "sendto", "getsockopt", "poll", "select"):
        return result
    return None


def resolve(expected):
    """Replaces "$name.host" / "$name.port" in an expected value by that socket's bound address, now."""
    if isinstance(expected, list):
        return [resolve(item) for item in expected]
    if isinstance(expected, dict):
        return {key: resolve(item) for key, item in expected.items()}
    if isinstance(expected, str) and expected.startswith("$") and expected.count(".") == 1:
        name, field = expected[1:].split(".")
        if name in SOCKS and field in ("host", "port"):
            try:
                return list(SOCKS[name].getsockname())[0 if field == "host" else 1]
            except OSError:
                return expected  # closed: the reference stays unresolved, so the expectation fails
    return expected


def same(a, b):
    """JSON equality: true is not 1, and 1 == 1.0, as in JavaScript."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    return type(a) is type(b) and a == b


def expectation_holds(expected, line):
    if "error" in expected:
        return not line["ok"] and expected["error"] in (line["error"]["type"], line["error"]["errno"])
    return line["ok"] and same(line["value"], expected["value"])


def closed_socket():
    """Stands in for a socket whose creating step failed: like a closed socket, every use raises EBADF."""
    placeholder = socket.socket()
    placeholder.close()
    return placeholder


def run(step, op, action, expect=None, name=None):
    """Runs one step, prints its transcript line, and returns the new socket for socket/accept steps."""
    line = {"step": step, "op": op}
    result = None
    try:
        result = action()
    except Exception as exc:
        line["ok"] = False
        line["error"] = error_of(exc)
    else:
        line["ok"] = True
        line["value"] = value_of(op, result, name)
    if expect is not None:
        expected = resolve(expect)
        if not expectation_holds(expected, line):
            line["expect_failed"] = True
            line["expected"] = expected
            FAILED.append(step)
    print(json.dumps(line), flush=True)
    if name is None:
        return None
    if result is None:
        sock = closed_socket()
    else:
        sock = result[0] if op == "accept" else result
    SOCKS[name] = sock
    FDS[name] = sock.fileno()
    return sock


def poll_names(register, timeout_ms):
    """register: [(name, eventmask)]. Returns [[name, revents]] for each fd that has events."""
    poller = select.poll()
    names = {}
    for name, mask in register:
        poller.register(FDS[name], mask)
        names.setdefault(FDS[name], name)
    return [[names[fd], revents] for fd, revents in poller.poll(timeout_ms)]


def select_names(r, w, x, timeout):
    """r, w, x: lists of socket names. Returns the names select() found ready, in each list's order."""
    ready = select.select([FDS[n] for n in r], [FDS[n] for n in w], [FDS[n] for n in x], timeout)
    return [[n for n in names if FDS[n] in fds] for names, fds in zip((r, w, x), ready)]


def finish():
    """Exit status 0 when every expectation held, 1 otherwise."""
    sys.exit(1 if FAILED else 0)
`;

export const FRAMING_PRELUDE = String.raw`# ---- message framing: the same rules as the lab's codecs ----

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
`;

/**
 * The helpers of a REPL-style program (the session as a person would type
 * it): only what it takes to print an expected exception the way the REPL
 * did, and to let any other one stop the program.
 */
export const REPL_PRELUDE = String.raw`import errno
import select
import socket
import struct
import sys
import time
import traceback

# errno.errorcode picks one name where Linux has two for a number; use the names socket man pages use.
ERRNO_NAMES = dict(errno.errorcode)
ERRNO_NAMES.update({errno.EAGAIN: "EAGAIN", errno.EOPNOTSUPP: "EOPNOTSUPP", errno.EDEADLK: "EDEADLK"})
GAI_NAMES = {getattr(socket, name): name for name in dir(socket) if name.startswith("EAI_")}


def expected_error(exc, expected):
    """The session saw this step raise 'expected' (an errno name or an exception type): print the
    last line of the traceback, as the REPL did. Any other exception goes on up and stops the program."""
    names = {type(exc).__name__}
    if isinstance(exc, socket.gaierror):
        names.add(GAI_NAMES.get(exc.errno))
    elif isinstance(exc, OSError) and exc.errno is not None:
        names.add(ERRNO_NAMES.get(exc.errno))
    elif hasattr(exc, "code"):
        names.add(exc.code)
    if expected not in names:
        raise exc
    print(traceback.format_exception_only(type(exc), exc)[-1], end="")


def did_not_raise(line, expected):
    """The session saw this step raise 'expected'; here it did not: stop, naming the line."""
    sys.exit("line %d: expected %s, but the step did not raise" % (line, expected))
`;

/** Variables a REPL-style program assigns besides the sockets: poll()'s object, accept()'s address, the caught exception. */
export const REPL_VARIABLES = ["p", "addr", "exc"] as const;
