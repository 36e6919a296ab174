import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { downloadText, sizeText } from "./download";

/** Hands a file to the person and says what was saved, so a download never happens silently. */
export function useDownload(): (filename: string, text: string | readonly string[], type: string) => void {
  const t = useT();
  const showNotice = useLabStore((s) => s.showNotice);
  return (filename, text, type) => {
    const size = downloadText(filename, text, type);
    showNotice(t("download.saved", { file: filename, size: sizeText(size) }));
  };
}
