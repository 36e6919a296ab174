/**
 * The Python statement a lesson step stands for: the REPL form the console
 * and the exported program use too (src/shared/python-steps.ts).
 */
export { stepPython } from "../../../shared/python-steps";
