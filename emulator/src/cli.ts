#!/usr/bin/env node
/** The `scalekit-emulator` command: starts the emulator and serves until SIGINT or SIGTERM. */

import { HELP_TEXT, UsageError, parseArgs } from "./args";
import { startEmulator } from "./server";

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`scalekit-emulator: ${error.message}\nRun with --help to see the flags.\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(HELP_TEXT);
    return;
  }

  const options = parsed.verbose ? { ...parsed.options, log: (line: string) => process.stderr.write(`${line}\n`) } : parsed.options;
  const emulator = await startEmulator(options);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`scalekit-emulator: could not stop cleanly after ${signal}: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  // Listen for signals before announcing readiness: whoever reads the line may signal at once.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.stdout.write(
    `Scalekit emulator ready url=${emulator.url} client_id=${emulator.clientId} client_secret=${emulator.clientSecret}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`scalekit-emulator: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
