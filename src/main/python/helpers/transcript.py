import errno
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
    """Replaces "$name.host" / "$name.port" in an expected value by that socket's bound address, now,
    and "$name.from" by the address its last recvfrom returned (kept in name_from)."""
    if isinstance(expected, list):
        return [resolve(item) for item in expected]
    if isinstance(expected, dict):
        return {key: resolve(item) for key, item in expected.items()}
    if isinstance(expected, str) and expected.startswith("$") and expected.count(".") == 1:
        name, field = expected[1:].split(".")
        if field == "from" and name + "_from" in globals():
            return address(globals()[name + "_from"])
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


def run(step, op, action, expect=None, name=None, keep=None):
    """Runs one step, prints its transcript line, and returns the new socket for socket/accept steps.
    keep: for a recvfrom whose address a later step reads as "$sock.from", the variable to keep it in."""
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
        if keep is not None:
            globals()[keep] = result[1]
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
