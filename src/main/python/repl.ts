import { recvfromsKept, type Scenario, type Step, type StepOp } from "../../shared/scenario";
import { pyStr } from "../../shared/python-literals";
import { stepLines } from "../../shared/python-steps";
import { stepComment } from "./steps";

/**
 * Whether the REPL echoes each op's result: a value it prints, or None, which
 * it does not. Every op of the scenario format has an entry, so a new one does
 * not compile until it says which.
 */
const ECHOED: { readonly [O in StepOp]: boolean } = {
  socket: false,
  bind: false,
  listen: false,
  accept: false,
  connect: false,
  connect_ex: true,
  send: true,
  sendall: false,
  sendto: true,
  recv: true,
  recvfrom: true,
  shutdown: false,
  close: false,
  settimeout: false,
  setblocking: false,
  setsockopt: false,
  getsockopt: true,
  getsockname: true,
  getpeername: true,
  poll: true,
  select: true,
  sleep: false,
  send_frame: false,
  recv_frame: true,
};

/**
 * The scenario's steps as a person types them at the REPL, one after the
 * other (the console's lines), each echoing what the REPL echoed: `print(…)`
 * for a value, the traceback's last line for an exception the recording
 * expected. Lines are numbered from `firstLine`, so a step that should have
 * raised and did not can name its line.
 */
export function replSteps(steps: readonly Step[], firstLine: number, numbers?: readonly number[]): string[] {
  const out: string[] = [];
  const staleNames = staleFdNames(steps);
  const kept = recvfromsKept(steps);
  /** Sockets closed so far whose fd number a later poll()/select() asks about, by the variable that keeps it. */
  const stale = new Map<string, string>();
  steps.forEach((step, i) => {
    if (i > 0) out.push("");
    for (const line of stepComment(step, numbers?.[i] ?? i + 1)) out.push(line);
    const lines = stepLines(withStaleFds(step, stale), kept.has(i));
    if (step.op === "close" && staleNames.has(i)) {
      // poll()/select() below ask about the closed number, as C does; a closed socket object has none (fileno() is -1).
      const keep = staleNames.get(i)!;
      lines.unshift(`${keep} = ${step.sock}.fileno()`);
      stale.set(step.sock, keep);
    }
    if ((step.op === "socket" || step.op === "accept") && stale.has(step.as)) stale.delete(step.as);
    if (ECHOED[step.op]) lines[lines.length - 1] = `print(${lines[lines.length - 1]!})`;
    const expected = step.expect && "error" in step.expect ? step.expect.error : null;
    if (expected === null) {
      for (const line of lines) out.push(line);
      return;
    }
    out.push("try:");
    const at = firstLine + out.length;
    for (const line of lines) out.push(`    ${line}`);
    out.push("except Exception as exc:", `    expected_error(exc, ${pyStr(expected)})`, "else:", `    did_not_raise(${at}, ${pyStr(expected)})`);
  });
  return out;
}

/** For each close whose socket a later poll()/select() names before the name is reused: a free variable to keep its fd in. */
function staleFdNames(steps: readonly Step[]): Map<number, string> {
  const taken = new Set(steps.flatMap((s) => (s.op === "socket" || s.op === "accept" ? [s.as] : [])));
  const out = new Map<number, string>();
  steps.forEach((step, i) => {
    if (step.op !== "close") return;
    for (const later of steps.slice(i + 1)) {
      if ((later.op === "socket" || later.op === "accept") && later.as === step.sock) return;
      const names = later.op === "poll" ? later.register.map(([n]) => n) : later.op === "select" ? [...later.r, ...later.w, ...later.x] : [];
      if (!names.includes(step.sock)) continue;
      let keep = `${step.sock}_fd`;
      while (taken.has(keep)) keep += "_";
      taken.add(keep);
      out.set(i, keep);
      return;
    }
  });
  return out;
}

/** A poll()/select() step with each closed socket replaced by the variable holding its old fd number. */
function withStaleFds(step: Step, stale: ReadonlyMap<string, string>): Step {
  const fd = (name: string) => stale.get(name) ?? name;
  if (step.op === "poll") return { ...step, register: step.register.map(([name, flags]) => [fd(name), flags]) };
  if (step.op === "select") return { ...step, r: step.r.map(fd), w: step.w.map(fd), x: step.x.map(fd) };
  return step;
}

/** The program's docstring; a host's part of a multi-host scenario has no transcript program to point to. */
export function replDocstring(scenario: Scenario, hasTranscript = true): string[] {
  const title = scenario.title?.en.trim();
  return [
    `${scenario.name}${title ? `: ${title}` : ""}`,
    "",
    "Exported from Socket Lab: the session as Python, one step after the other, as the",
    "console showed it. Each step prints what the Python REPL printed for it: a value's",
    "repr, or the last line of the traceback for an exception the session expected.",
    "A step that raises where the session did not expect it stops the program with its",
    `traceback (which names the line) and exit status 1.${hasTranscript ? " (socket-lab export-python" : ""}`,
    ...(hasTranscript ? ["--transcript writes the lab's JSON transcript program instead, which also checks", "expected values.)"] : []),
    "",
    "Save it under a name that is no module it imports (not socket.py or select.py):",
    "Python would import the program itself instead.",
  ];
}
