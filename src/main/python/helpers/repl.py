import errno
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
