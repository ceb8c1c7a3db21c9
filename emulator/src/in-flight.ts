/**
 * The API requests the server is handling (received, not yet answered or dropped), and waiters
 * for the moment there are none: what `GET /_emulator/idle` answers on.
 */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  /** A request arrived. */
  start(): void {
    this.count += 1;
  }

  /** A request was answered or dropped. */
  end(): void {
    this.count -= 1;
    if (this.count > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once no request is in flight: at once when none is. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Lets every waiter go (the server is closing). */
  releaseAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
