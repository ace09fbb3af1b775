/**
 * Requests told to hang wait on real timers (they exist to outlast a client's real timeout) and are
 * all released at once when the server closes or the fake is reset, so nothing outlives a test.
 */
export class Hangs {
  private readonly waiting = new Set<() => void>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.waiting.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.waiting.add(release);
    });
  }

  releaseAll(): void {
    for (const release of [...this.waiting]) release();
  }
}
