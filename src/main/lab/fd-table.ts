/**
 * File descriptors as a process sees them: the lowest free number is handed
 * out first, starting at 3 (0–2 are stdio), and reused after close, which is
 * what makes a stale fd (POLLNVAL) possible to show.
 */
export class FdTable<T> {
  private readonly entries = new Map<number, T>();

  allocate(value: T): number {
    let fd = 3;
    while (this.entries.has(fd)) fd += 1;
    this.entries.set(fd, value);
    return fd;
  }

  get(fd: number): T | undefined {
    return this.entries.get(fd);
  }

  release(fd: number): void {
    this.entries.delete(fd);
  }

  values(): IterableIterator<T> {
    return this.entries.values();
  }

  get size(): number {
    return this.entries.size;
  }
}
