/**
 * Hands text to the person as a file. A Blob behind an `<a download>` works
 * the same in a browser and in Electron, which shows its own save dialog.
 */
export function downloadText(filename: string, text: string | readonly string[], type: string): number {
  // Parts are joined by the Blob itself: a large export is never one giant string.
  const blob = new Blob(typeof text === "string" ? [text] : [...text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns; the next task may free the URL.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return blob.size;
}

/** A size as a person reads it: 812 B, 3.4 KiB, 1.2 MiB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A file name from a scenario name: letters, digits, - and _ only. */
export function fileStem(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "scenario";
}
