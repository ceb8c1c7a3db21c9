/**
 * The `scalekit` resource plugin as release archives, one per platform
 * (`pulumi-resource-scalekit-v<version>-<os>-<arch>.tar.gz`, the names the engine downloads and
 * `pulumi plugin install resource scalekit <version> --file <archive>` takes), installable with
 * no network: at the archive's root the launcher, and `node_modules/` with the package (the files
 * `npm pack` takes) and every production dependency it loads at run time, @pulumi/pulumi (its
 * peer) included, copied from this repository's installed node_modules. The launcher runs the
 * package's compiled entry with the `node` found on PATH: `pulumi-resource-scalekit`, a script,
 * or on Windows `pulumi-resource-scalekit.cmd` (the engine looks for `.exe` then `.cmd` there).
 * Nothing else: no package.json at the root (Pulumi would run `npm install` for a plugin that has
 * one) and no PulumiPlugin.yaml (which would make it a plugin run by a language host, not an
 * executable).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { currentPluginPlatform, pluginArchiveName, pluginPlatforms, type PluginPlatform } from "pulumi-scalekit-connectors/internal";
import { repoRoot } from "./paths";

const run = promisify(execFile);
const providerDir = path.join(repoRoot, "provider");
const packageName = "pulumi-scalekit-connectors";

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function manifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
}

/** Where Node would find package `name` required from `fromDir`: the nearest node_modules holding it. */
function resolvePackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate);
    if (dir === path.dirname(dir) || path.relative(repoRoot, dir).startsWith("..")) return undefined;
  }
}

/** Where a package installed in this repository goes in the tarball, keeping Node's resolution the same. */
function placeInTarball(installedDir: string): string {
  const relative = path.relative(repoRoot, installedDir);
  const providerModules = path.join("provider", "node_modules") + path.sep;
  if (relative.startsWith(providerModules)) return path.join("node_modules", packageName, "node_modules", relative.slice(providerModules.length));
  return relative;
}

/** The production dependency closure of the provider package (its peer @pulumi/pulumi included): installed dir → place in the tarball. */
export function runtimeDependencies(): Map<string, string> {
  const found = new Map<string, string>();
  const own = manifest(providerDir);
  const pending: { name: string; from: string; optional: boolean }[] = [
    ...Object.keys({ ...own.dependencies, ...own.peerDependencies }).map((name) => ({ name, from: providerDir, optional: false })),
    ...Object.keys(own.optionalDependencies ?? {}).map((name) => ({ name, from: providerDir, optional: true })),
  ];
  while (pending.length > 0) {
    const { name, from, optional } = pending.pop()!;
    const dir = resolvePackageDir(name, from);
    if (!dir) {
      if (optional) continue;
      throw new Error(`${name} (needed by ${path.relative(repoRoot, from) || "the repository"}) is not installed: run npm ci at the repository root`);
    }
    if (found.has(dir)) continue;
    found.set(dir, placeInTarball(dir));
    const deps = manifest(dir);
    for (const dep of Object.keys(deps.dependencies ?? {})) pending.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(deps.optionalDependencies ?? {})) pending.push({ name: dep, from: dir, optional: true });
  }
  return found;
}

/** The files `npm pack` would put in the provider's package (package.json's `files`). */
async function packedFiles(): Promise<string[]> {
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--workspace", "provider"], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  return (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
}

/** The launcher at the archive's root for a platform: its file name and text. */
function launcher(platform: PluginPlatform): { file: string; text: string } {
  const entry = ["node_modules", packageName, "dist", "plugin", "main.js"];
  if (platform.os === "windows") {
    return { file: "pulumi-resource-scalekit.cmd", text: `@rem The Pulumi resource plugin scalekit (${packageName}), as installed from its archive.\r\n@node "%~dp0${entry.join("\\")}" %*\r\n` };
  }
  return {
    file: "pulumi-resource-scalekit",
    text: `#!/usr/bin/env node\n// The Pulumi resource plugin \`scalekit\` (${packageName}), as installed from its archive.\nrequire("./${entry.join("/")}");\n`,
  };
}

/** Copies the package and its run-time dependencies into `staging`/node_modules. */
async function stagePackage(staging: string): Promise<void> {
  const packageDir = path.join(staging, "node_modules", packageName);
  for (const file of await packedFiles()) {
    fs.mkdirSync(path.dirname(path.join(packageDir, file)), { recursive: true });
    fs.copyFileSync(path.join(providerDir, file), path.join(packageDir, file));
  }
  for (const [installed, place] of runtimeDependencies()) {
    // Each package without its own node_modules: what it needs from there is in the closure, placed where Node finds it.
    fs.cpSync(installed, path.join(staging, place), { recursive: true, dereference: true, filter: (source) => path.relative(installed, source).split(path.sep)[0] !== "node_modules" });
  }
}

/**
 * Packs the plugin (the provider must be built: `npm run build`) into `destinationDir`, one
 * archive per platform (default: every platform the engine downloads plugins for); returns the
 * archives' paths.
 */
export async function packPluginArchives(destinationDir: string, platforms: readonly PluginPlatform[] = pluginPlatforms): Promise<string[]> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-plugin-"));
  try {
    await stagePackage(staging);
    fs.mkdirSync(destinationDir, { recursive: true });
    const version = manifest(providerDir).version;
    const archives: string[] = [];
    for (const platform of platforms) {
      const { file, text } = launcher(platform);
      fs.writeFileSync(path.join(staging, file), text, { mode: 0o755 });
      const archive = path.join(destinationDir, pluginArchiveName(version, platform));
      await run("tar", ["-czf", archive, "-C", staging, file, "node_modules"]);
      fs.rmSync(path.join(staging, file));
      archives.push(archive);
    }
    return archives;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Packs the plugin for the platform this process runs on (as packPluginArchives); returns the archive's path. */
export async function packPluginTarball(destinationDir: string): Promise<string> {
  const platform = currentPluginPlatform();
  if (!platform) throw new Error(`Pulumi installs no plugin on ${process.platform}/${process.arch}: use plugins.providers in Pulumi.yaml instead`);
  return (await packPluginArchives(destinationDir, [platform]))[0]!;
}
