/**
 * Records when each API request reached the emulator and when its answer closed, from the
 * emulator's `log` hook, so that a benchmark can tell the span of API activity inside a run
 * and the largest number of requests in flight at once.
 */

interface Interval {
  start: number;
  end: number;
}

/** Activity within a window of the timeline. */
export interface Activity {
  requests: number;
  /** From the first request's arrival to the last answer, in ms (0 without requests). */
  spanMs: number;
  /** Most requests in flight at the same moment. */
  maxInFlight: number;
}

const LINE = /^(\S+) (\S+) (\S+) (\d+)ms$/;

export class RequestTimeline {
  private intervals: Interval[] = [];

  /** Pass as `startEmulator({ log })`. Control requests (`/_emulator/...`) are left out. */
  readonly log = (line: string): void => {
    const match = LINE.exec(line);
    if (!match) return;
    const [, , path, , ms] = match;
    if (path!.startsWith("/_emulator/")) return;
    const end = Date.now();
    this.intervals.push({ start: end - Number(ms), end });
  };

  /** Forgets everything recorded so far. */
  clear(): void {
    this.intervals = [];
  }

  activity(): Activity {
    const intervals = this.intervals;
    if (intervals.length === 0) return { requests: 0, spanMs: 0, maxInFlight: 0 };
    const first = Math.min(...intervals.map((i) => i.start));
    const last = Math.max(...intervals.map((i) => i.end));
    // Sweep: +1 at each start, -1 at each end; ends sort before starts at the same instant.
    const events = intervals.flatMap((i) => [
      { at: i.start, delta: 1 },
      { at: i.end, delta: -1 },
    ]);
    events.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let inFlight = 0;
    let maxInFlight = 0;
    for (const event of events) {
      inFlight += event.delta;
      maxInFlight = Math.max(maxInFlight, inFlight);
    }
    return { requests: intervals.length, spanMs: last - first, maxInFlight };
  }
}
