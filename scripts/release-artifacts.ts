/**
 * Builds what a release of the `scalekit` plugin carries into one folder (default
 * .work/release), for the release recipe (examples/ci/release/) to attach to the GitHub release:
 *
 *   npm run plugin:release [-- --out <folder>] [-- --tag v0.1.0]
 *
 * - pulumi-resource-scalekit-v<version>-<os>-<arch>.tar.gz, one per platform the engine
 *   downloads plugins for (scripts/lib/plugin-tarball.ts says what is inside), under the names
 *   the schema's pluginDownloadURL leads the engine to;
 * - scalekit-schema-v<version>.json, the package schema, for `pulumi package add` and
 *   `pulumi package gen-sdk` without the plugin;
 * - SHA256SUMS, a line per file in `sha256sum -c` form.
 *
 * With --tag, fails unless the tag is `v` and the package's version: a release's archives must
 * carry the version the engine asks for.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { pluginVersion, schemaPath } from "pulumi-scalekit-connectors/internal";
import { scratchDir } from "./lib/paths";
import { packPluginArchives } from "./lib/plugin-tarball";

/** The schema's file name in a release. */
export function releaseSchemaName(version: string): string {
  return `scalekit-schema-v${version}.json`;
}

/** Builds the release files into `outDir` (emptied first); returns their names. */
export async function buildReleaseArtifacts(outDir: string): Promise<string[]> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const archives = await packPluginArchives(outDir);
  const schemaFile = path.join(outDir, releaseSchemaName(pluginVersion));
  fs.copyFileSync(schemaPath, schemaFile);
  const files = [...archives, schemaFile].map((file) => path.basename(file)).sort();
  const sums = files.map((file) => `${crypto.createHash("sha256").update(fs.readFileSync(path.join(outDir, file))).digest("hex")}  ${file}\n`);
  fs.writeFileSync(path.join(outDir, "SHA256SUMS"), sums.join(""));
  return [...files, "SHA256SUMS"];
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: "string" }, tag: { type: "string" } } });
  if (values.tag !== undefined && values.tag !== `v${pluginVersion}`) {
    process.stderr.write(`The tag ${values.tag} does not match the package's version ${pluginVersion}: the engine would ask for v${pluginVersion}. Tag v${pluginVersion}, or change "version" in provider/package.json.\n`);
    process.exit(1);
  }
  const outDir = path.resolve(values.out ?? path.join(scratchDir, "release"));
  buildReleaseArtifacts(outDir).then(
    (files) => process.stdout.write(files.map((file) => `${path.join(outDir, file)}\n`).join("")),
    (error: unknown) => {
      process.stderr.write(`Building the release files failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
