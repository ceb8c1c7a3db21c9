/**
 * The entry of `pulumi-resource-scalekit` (bin/): serves the plugin and prints its port on stdout,
 * the one line the engine reads; the engine's address is the first argument. The process ends
 * when the engine closes it, or when the engine no longer answers at its address (engine-health.ts).
 */
import { watchEngine } from "./engine-health";
import { EngineLog, engineAddressFrom } from "./engine-log";
import { startProviderServer } from "./server";

async function main(): Promise<void> {
  const engineAddress = engineAddressFrom(process.argv.slice(2));
  const engineLog = new EngineLog(engineAddress);
  const { port, calls } = await startProviderServer({ engineLog });
  process.stdout.write(`${port}\n`);
  // Without its engine nothing can use this process: end what is open and leave.
  if (engineAddress) {
    watchEngine(engineAddress, () => {
      calls.cancel("the Pulumi engine that started this plugin went away");
      process.stderr.write(`pulumi-resource-scalekit: the Pulumi engine at ${engineAddress} no longer answers; exiting.\n`);
      process.exit(0);
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-scalekit could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
