/**
 * `npm pack` of the two workspaces, as someone with a clone of this repository would make the
 * tarballs, and the contents each tarball must have.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { repoRoot } from "../../scripts/lib/paths";

const run = promisify(execFile);

export interface PackedTarball {
  /** The package's name, e.g. `pulumi-scalekit-connectors`. */
  name: string;
  /** Absolute path of the .tgz file. */
  tarball: string;
  /** Every path inside the tarball, relative to the package root, sorted. */
  files: string[];
}

/**
 * Packs the workspaces into `destination`. Scripts are skipped: `npm test` has just built
 * `dist/`, and the `prepack` rebuild would rewrite it under the other suites running meanwhile.
 */
export async function packWorkspaces(workspaces: string[], destination: string): Promise<PackedTarball[]> {
  const args = ["pack", "--json", "--ignore-scripts", "--pack-destination", destination, ...workspaces.flatMap((w) => ["--workspace", w])];
  const { stdout } = await run("npm", args, { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  const packed = JSON.parse(stdout) as { name: string; filename: string; files: { path: string }[] }[];
  return packed.map((entry) => ({
    name: entry.name,
    tarball: path.join(destination, entry.filename),
    files: entry.files.map((file) => file.path).sort(),
  }));
}

function sourceModules(sourceDir: string, prefix = ""): string[] {
  return fs.readdirSync(sourceDir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return sourceModules(path.join(sourceDir, entry.name), relative);
    return entry.name.endsWith(".ts") ? [relative.slice(0, -".ts".length)] : [];
  });
}

/** The workspace's executables (package.json's `bin`) and its package schema (schema.json), where it has them. */
function shippedExtras(workspaceDir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(workspaceDir, "package.json"), "utf8")) as { bin?: Record<string, string> | string };
  const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
  const schema = fs.existsSync(path.join(workspaceDir, "schema.json")) ? ["schema.json"] : [];
  return [...bins.filter((bin) => !bin.startsWith("dist/")).map((bin) => path.posix.normalize(bin)), ...schema];
}

/**
 * What a workspace's tarball must hold, no more: package.json, README.md and LICENSE, for
 * every module of `src/` its compiled `.js` and `.d.ts` in `dist/` (no source maps, no sources,
 * no tests, no build info), and the provider's plugin executable and package schema.
 */
export function expectedTarballFiles(workspaceDir: string): string[] {
  const compiled = sourceModules(path.join(workspaceDir, "src")).flatMap((module) => [`dist/${module}.d.ts`, `dist/${module}.js`]);
  return ["LICENSE", "README.md", "package.json", ...compiled, ...shippedExtras(workspaceDir)].sort();
}
