/**
 * Warnings from inside Pulumi's Node.js dynamic provider host. That host never tells the SDK the
 * engine's address (it gets it as its first argument), so `pulumi.log.warn` falls back to stderr
 * and the CLI shows the text as a plain message. Handing the SDK that address once makes the
 * warnings real engine diagnostics ("warning:", counted in the summary). If the SDK's internals
 * ever move, the fallback to stderr still shows the text.
 */
import * as pulumi from "@pulumi/pulumi";

let connected = false;

function connectToEngine(): void {
  connected = true;
  const address = process.argv[2];
  if (!address || !/^[\w.\-[\]:]+:\d+$/.test(address)) return;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { getStore } = require("@pulumi/pulumi/runtime/state") as { getStore(): { settings: { options: { engineAddr?: string } } } };
    const options = getStore().settings.options;
    if (!options.engineAddr) options.engineAddr = address;
  } catch {
    // Keep the stderr fallback.
  }
}

/** Sends a warning to the engine when running inside the provider host, else through the SDK's fallback. */
export function warn(message: string): void {
  if (!connected) connectToEngine();
  void pulumi.log.warn(message);
}
