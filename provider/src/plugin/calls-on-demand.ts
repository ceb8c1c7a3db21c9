/**
 * The plugin's connector calls, made at their first use. The engine waits for the plugin's port
 * before it sends anything, and nothing before Configure needs the connector's schema, operations
 * or client (zod, the rules, undici): loading them only then lets the plugin print its port with
 * what the gRPC server alone needs. CheckConfig does not need them either (provider-config.ts).
 */
import type { WireSession, WarningSink } from "./wire-session";

export class CallsOnDemand {
  private made: WireSession | undefined;

  constructor(private readonly sink: WarningSink) {}

  /** The calls of this process, made (and their modules loaded) the first time they are asked for. */
  get(): WireSession {
    if (!this.made) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { WireSession: Session } = require("./wire-session") as { WireSession: typeof WireSession };
      this.made = new Session(this.sink);
    }
    return this.made;
  }

  /** The engine's Cancel: the calls made from now on fail as cancelled too, so they are made if they were not yet. */
  cancel(reason?: string): void {
    this.get().cancel(reason);
  }

  /** Releases the client's connections, if the calls were ever made. */
  close(): Promise<void> {
    return this.made?.close() ?? Promise.resolve();
  }
}
