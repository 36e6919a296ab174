import { pyNumber } from "../../../shared/python-literals";
import { pollExpr, stepExpression } from "../../../shared/python-steps";
import type { Step } from "../../../shared/scenario";

/**
 * The Python statement a lesson step stands for, as the exported program
 * writes it inside `run(…)` (src/shared/python-steps.ts). Differences, for
 * a class reading along: socket() and accept() show their assignment, and
 * poll/select are written with the real select module instead of the
 * exporter's name-printing helpers.
 */
export function stepPython(step: Step): string {
  switch (step.op) {
    case "socket":
      return `${step.as} = ${stepExpression(step)}`;
    case "accept":
      return `${step.as}, addr = ${stepExpression(step)}`;
    case "getsockopt": {
      const target = `socket.${step.level}, socket.${step.name}`;
      // SO_LINGER is a struct linger {int l_onoff; int l_linger;}: 8 raw bytes to unpack.
      if (step.name === "SO_LINGER") return `struct.unpack("ii", ${step.sock}.getsockopt(${target}, 8))`;
      return `${step.sock}.getsockopt(${target})`;
    }
    case "poll": {
      const registers = step.register.map(([name, flags]) => `p.register(${name}, ${pollExpr(flags)})`);
      return ["p = select.poll()", ...registers, `p.poll(${step.timeout === null ? "" : pyNumber(step.timeout)})`].join("; ");
    }
    case "select": {
      const list = (names: readonly string[]) => `[${names.join(", ")}]`;
      const timeout = step.timeout === null ? "" : `, ${pyNumber(step.timeout)}`;
      return `select.select(${list(step.r)}, ${list(step.w)}, ${list(step.x)}${timeout})`;
    }
    default:
      return stepExpression(step);
  }
}
