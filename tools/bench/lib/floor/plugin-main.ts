/**
 * The entry of `pulumi-resource-floor`: serves the floor and prints its port, the one line the
 * engine reads. The engine ends the process when the command is done.
 */
import { startFloorServer } from "./plugin-server";

startFloorServer().then(
  ({ port }) => process.stdout.write(`${port}\n`),
  (error: unknown) => {
    process.stderr.write(`pulumi-resource-floor could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
