/**
 * Packs the `scalekit` resource plugin into a tarball for an offline install:
 *
 *   npm run plugin:pack [-- destination folder, default .work/plugin]
 *   pulumi plugin install resource scalekit 0.1.0 --file <the tarball printed>
 *
 * scripts/lib/plugin-tarball.ts says what is inside.
 */
import * as path from "path";
import { scratchDir } from "./lib/paths";
import { packPluginTarball } from "./lib/plugin-tarball";

const destination = path.resolve(process.argv[2] ?? path.join(scratchDir, "plugin"));
packPluginTarball(destination).then(
  (tarball) => process.stdout.write(`${tarball}\n`),
  (error: unknown) => {
    process.stderr.write(`Packing the plugin failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
