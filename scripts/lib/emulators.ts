/**
 * Scalekit environments for a run: local emulators, each on a free port with its own options,
 * started together, every API request they answer recorded, closed together. The quick start,
 * the bench and the tests start theirs through here.
 */
import { CONTROL_PREFIX, startEmulator, type EmulatorOptions, type RequestRecord, type RunningEmulator } from "scalekit-emulator";

/** API activity within a window of a request log. */
export interface Activity {
  requests: number;
  /** From the first request's arrival to the last answer, in ms (0 without requests). */
  spanMs: number;
  /** Most requests in flight at the same moment. */
  maxInFlight: number;
}

/** The API requests an emulator answered or dropped (its test controls left out), in the order they closed. */
export class RequestLog {
  private records: RequestRecord[] = [];
  /** Called with each API request once it is answered or dropped. */
  onRequest?: (request: RequestRecord) => void;

  /** Pass as `startEmulator({ onRequest })`. */
  readonly record = (request: RequestRecord): void => {
    if (request.path.startsWith(CONTROL_PREFIX)) return;
    this.records.push(request);
    this.onRequest?.(request);
  };

  /** Every request recorded, in the order they closed. */
  get entries(): readonly RequestRecord[] {
    return this.records;
  }

  /** Forgets everything recorded so far. */
  clear(): void {
    this.records = [];
  }

  /** The span of the requests recorded, and the most of them in flight at once. */
  activity(): Activity {
    const records = this.records;
    if (records.length === 0) return { requests: 0, spanMs: 0, maxInFlight: 0 };
    const first = Math.min(...records.map((r) => r.startedAt));
    const last = Math.max(...records.map((r) => r.endedAt));
    // Sweep: +1 at each start, -1 at each end; ends sort before starts at the same instant.
    const events = records.flatMap((r) => [
      { at: r.startedAt, delta: 1 },
      { at: r.endedAt, delta: -1 },
    ]);
    events.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let inFlight = 0;
    let maxInFlight = 0;
    for (const event of events) {
      inFlight += event.delta;
      maxInFlight = Math.max(maxInFlight, inFlight);
    }
    return { requests: records.length, spanMs: last - first, maxInFlight };
  }

  /** Resolves once no API request has closed for `quietMs` (counting from now at the earliest). */
  async quiet(quietMs: number, pollMs = 100): Promise<void> {
    const started = Date.now();
    for (;;) {
      const last = Math.max(started, ...this.records.slice(-1).map((r) => r.endedAt));
      if (Date.now() - last >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}

/** A running emulator and the log of the API requests it answered. */
export interface WatchedEmulator extends RunningEmulator {
  requests: RequestLog;
}

/** One emulator on a free port (unless `options` name one), its API requests recorded. */
export async function startWatchedEmulator(options: EmulatorOptions = {}): Promise<WatchedEmulator> {
  const requests = new RequestLog();
  const emulator = await startEmulator({
    port: 0,
    ...options,
    onRequest: (request) => {
      requests.record(request);
      options.onRequest?.(request);
    },
  });
  return Object.assign(emulator, { requests });
}

/** Emulators by name (`dev`, `production`, ...), and one call that closes them all. */
export type Emulators<N extends string> = { [K in N]: WatchedEmulator } & { close(): Promise<void> };

/** Starts one emulator per name, each with its options; if one fails to start, the others are closed again. */
export async function startEmulators<N extends string>(options: Record<N, EmulatorOptions>): Promise<Emulators<N>> {
  const started: WatchedEmulator[] = [];
  const byName = {} as { [K in N]: WatchedEmulator };
  const close = async (): Promise<void> => {
    await Promise.all(started.map((emulator) => emulator.close()));
  };
  try {
    for (const name of Object.keys(options) as N[]) {
      byName[name] = await startWatchedEmulator(options[name]);
      started.push(byName[name]);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return Object.assign(byName, { close });
}
