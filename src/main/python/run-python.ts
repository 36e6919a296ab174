import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PythonRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs an exported program with the real python3. The file is named
 * `scenario.lab.py` because Python puts the script's folder first on
 * sys.path: a program saved as select.py would import itself as `select`.
 */
export async function runPython(source: string, timeoutMs = 15_000): Promise<PythonRun> {
  const dir = mkdtempSync(join(tmpdir(), "socket-lab-py-"));
  const file = join(dir, "scenario.lab.py");
  writeFileSync(file, source);
  try {
    return await new Promise<PythonRun>((resolve, reject) => {
      const child = spawn("python3", [file], { stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", reject);
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
