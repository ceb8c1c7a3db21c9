/**
 * Whether the engine that started this plugin is still there. Pulumi's own provider hosts ask the
 * engine's address for gRPC's standard health check now and then and stop when nothing answers;
 * this plugin does the same, and also asks at once whenever its connection to the engine changes
 * state (a killed `pulumi` closes it), so that it does not outlive its engine by minutes.
 *
 * The engine is taken as gone only when nothing answers at its address (UNAVAILABLE, twice in a
 * row a second apart): an engine that answers with any status, "unimplemented" included, is
 * alive, and so is one too busy to answer before the probe's deadline.
 */
import * as grpc from "@grpc/grpc-js";

/** gRPC's health service method (grpc.health.v1); an empty HealthCheckRequest asks about the whole server. */
const healthCheckMethod = "/grpc.health.v1.Health/Check";

export interface EngineWatchOptions {
  /** Milliseconds between two probes while the connection stays as it is. */
  intervalMs?: number;
  /** Milliseconds before a probe without an answer is given up (the engine is then taken as alive, only busy). */
  probeTimeoutMs?: number;
  /** Milliseconds between a probe that found nothing and the one that confirms it. */
  confirmAfterMs?: number;
}

export interface EngineWatch {
  stop(): void;
}

/** Watches the engine at `address`; calls `onGone` once when nothing answers there any more. */
export function watchEngine(address: string, onGone: () => void, options: EngineWatchOptions = {}): EngineWatch {
  const intervalMs = options.intervalMs ?? 60_000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 10_000;
  const confirmAfterMs = options.confirmAfterMs ?? 1_000;
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  let stopped = false;
  let probing = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void probe(), ms);
    timer.unref();
  };

  /** True when the engine answered (any status but UNAVAILABLE). */
  const answers = () =>
    new Promise<boolean>((resolve) => {
      client.makeUnaryRequest(
        healthCheckMethod,
        () => Buffer.alloc(0),
        (bytes: Buffer) => bytes,
        Buffer.alloc(0),
        { deadline: Date.now() + probeTimeoutMs },
        (error) => resolve(error?.code !== grpc.status.UNAVAILABLE),
      );
    });

  /** Probes now (and again to confirm a silence); then watches the connection and the clock. */
  const probe = async () => {
    if (stopped || probing) return;
    probing = true;
    try {
      let alive = await answers();
      if (!alive && !stopped) {
        await new Promise((resolve) => setTimeout(resolve, confirmAfterMs).unref());
        alive = await answers();
      }
      if (stopped) return;
      if (!alive) {
        stop();
        onGone();
        return;
      }
      schedule(intervalMs);
      watchConnection();
    } finally {
      probing = false;
    }
  };

  /**
   * Probes as soon as the connection to the engine leaves its current state (one watcher at a
   * time). A connection that is already gone again (it closed while the answer was on its way)
   * is probed a moment later.
   */
  let watching = false;
  const watchConnection = () => {
    if (watching || stopped) return;
    const channel = client.getChannel();
    const state = channel.getConnectivityState(false);
    if (state !== grpc.connectivityState.READY) {
      schedule(confirmAfterMs);
      return;
    }
    watching = true;
    channel.watchConnectivityState(state, Infinity, () => {
      watching = false;
      if (!stopped) void probe();
    });
  };

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    client.close();
  };

  void probe();
  return { stop };
}
