import { useState } from "react";
import { useT } from "../../../hooks/use-t";

/** Files are sent whole, as hex in one command: bounded well below the host's message limit. */
const MAX_FILE = 4 * 1024 * 1024;

/** Picks a file and reads its bytes with FileReader. */
export function FileField({ file, onFile }: { file: { name: string; bytes: Uint8Array } | null; onFile: (file: { name: string; bytes: Uint8Array } | null) => void }) {
  const t = useT();
  const [problem, setProblem] = useState<string | null>(null);

  function read(chosen: File | undefined): void {
    setProblem(null);
    if (!chosen) return onFile(null);
    if (chosen.size > MAX_FILE) {
      setProblem(t("log.compose.fileTooBig", { n: MAX_FILE / 1024 / 1024 }));
      return onFile(null);
    }
    const reader = new FileReader();
    reader.onload = () => onFile({ name: chosen.name, bytes: new Uint8Array(reader.result as ArrayBuffer) });
    reader.onerror = () => setProblem(reader.error?.message ?? "");
    reader.readAsArrayBuffer(chosen);
  }

  return (
    <div className="compose-file">
      <label>
        {t("log.compose.fileLabel")}
        <input type="file" onChange={(e) => read(e.target.files?.[0])} />
      </label>
      {file && <span className="muted">{t("log.compose.fileLoaded", { name: file.name, count: file.bytes.length })}</span>}
      {problem && (
        <p className="expr-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
