/**
 * The entry of `pulumi-resource-scalekit` (bin/): serves the plugin and prints its port on stdout,
 * the one line the engine reads; the engine's address is the first argument. The process ends
 * when the engine closes it.
 */
import { EngineLog, engineAddressFrom } from "./engine-log";
import { startProviderServer } from "./server";

async function main(): Promise<void> {
  const engineLog = new EngineLog(engineAddressFrom(process.argv.slice(2)));
  const { port } = await startProviderServer({ engineLog });
  process.stdout.write(`${port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-scalekit could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
