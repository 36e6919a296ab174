/**
 * Socket names become Python variables in exported programs, so a name must
 * be a plain ASCII identifier that shadows nothing the program relies on:
 * no keyword, no builtin (a module-level `len = …` would break the helpers),
 * no module the program imports and no helper it defines.
 */

const PYTHON_KEYWORDS = `False None True and as assert async await break class continue def del elif else
except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield`;

/** `dir(builtins)` of CPython 3.11, without dunders. */
const PYTHON_BUILTINS = `ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup
BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError
ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError
Exception ExceptionGroup FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError
ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt
LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError NotImplemented NotImplementedError OSError
OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError
ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError
SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError
UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError abs aiter all anext any ascii
bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir
divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int
isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print
property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip`;

/**
 * Modules and top-level names of the exported programs' preludes, and the
 * variables a REPL-style program assigns (src/main/python/prelude.ts; a test
 * keeps the two in step).
 */
export const EXPORT_RESERVED_NAMES: readonly string[] = `errno json select socket struct sys time
SOCKS FDS FAILED ERRNO_NAMES GAI_NAMES FramingError errno_name error_of address hexed value_of resolve same
expectation_holds closed_socket run poll_names select_names DEFAULT_MAX_FRAME STRUCT_FORMATS ESCAPE_MARKERS escape
unescape encode_frame send_frame recv_exactly recv_delimited recv_ascii_length all_digits recv_frame finish
traceback expected_error did_not_raise p addr exc`.split(/\s+/);

const RESERVED = new Set([...PYTHON_KEYWORDS.split(/\s+/), ...PYTHON_BUILTINS.split(/\s+/), ...EXPORT_RESERVED_NAMES]);

export const MAX_NAME_LENGTH = 32;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot name a socket, or null when it can. */
export function socketNameProblem(name: string): string | null {
  if (!IDENTIFIER.test(name)) return "a socket name must be an identifier: letters, digits and _, not starting with a digit";
  if (name.length > MAX_NAME_LENGTH) return `a socket name must be at most ${MAX_NAME_LENGTH} characters`;
  if (name.startsWith("__")) return "a socket name must not start with __";
  if (RESERVED.has(name)) return `"${name}" is reserved (a Python keyword, builtin, or name the exported program uses)`;
  return null;
}
