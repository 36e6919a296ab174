/**
 * Runs a pass over waiting calls so that none runs inside itself: a settled
 * call often changes a socket and asks for another pass from inside this
 * one (which, run there, could take data twice); that request is folded
 * into one more pass after the current one.
 */
export class FoldedLoop {
  private running = false;
  private again = false;

  run(pass: () => void): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        pass();
      } while (this.again);
    } finally {
      this.running = false;
    }
  }
}
