/**
 * Hands text to the person as a file. A Blob behind an `<a download>` works
 * the same in a browser and in Electron, which shows its own save dialog.
 */
export function downloadText(filename: string, text: string | readonly string[], type: string): void {
  // Parts are joined by the Blob itself: a large export is never one giant string.
  const url = URL.createObjectURL(new Blob(typeof text === "string" ? [text] : [...text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns; the next task may free the URL.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a scenario name: letters, digits, - and _ only. */
export function fileStem(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "scenario";
}
