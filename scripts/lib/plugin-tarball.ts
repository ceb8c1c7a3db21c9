/**
 * The `scalekit` resource plugin as a tarball for `pulumi plugin install resource scalekit
 * <version> --file <tarball>`, installable with no network: at its root the executable
 * `pulumi-resource-scalekit`, which runs the package's compiled entry, and `node_modules/` with
 * the package (the files `npm pack` takes) and every production dependency it loads at run time,
 * @pulumi/pulumi (its peer) included, copied from this repository's installed node_modules. No
 * package.json at the root: Pulumi would run `npm install` for a plugin that has one.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
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

/** The launcher at the tarball's root: Node on the package's compiled entry. */
const launcher = `#!/usr/bin/env node
// The Pulumi resource plugin \`scalekit\` (pulumi-scalekit-connectors), as installed from its tarball.
require("./node_modules/${packageName}/dist/plugin/main.js");
`;

/** The tarball's name for a version: the form Pulumi's own plugin archives use. */
export function pluginTarballName(version: string): string {
  return `pulumi-resource-scalekit-v${version}-${process.platform}-${process.arch === "x64" ? "amd64" : process.arch}.tar.gz`;
}

/**
 * Packs the plugin (the provider must be built: `npm run build`) into `destinationDir`; returns
 * the tarball's path.
 */
export async function packPluginTarball(destinationDir: string): Promise<string> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-plugin-"));
  try {
    const packageDir = path.join(staging, "node_modules", packageName);
    for (const file of await packedFiles()) {
      fs.mkdirSync(path.dirname(path.join(packageDir, file)), { recursive: true });
      fs.copyFileSync(path.join(providerDir, file), path.join(packageDir, file));
    }
    for (const [installed, place] of runtimeDependencies()) {
      // Each package without its own node_modules: what it needs from there is in the closure, placed where Node finds it.
      fs.cpSync(installed, path.join(staging, place), { recursive: true, dereference: true, filter: (source) => path.relative(installed, source).split(path.sep)[0] !== "node_modules" });
    }
    fs.writeFileSync(path.join(staging, "pulumi-resource-scalekit"), launcher, { mode: 0o755 });
    fs.mkdirSync(destinationDir, { recursive: true });
    const tarball = path.join(destinationDir, pluginTarballName(manifest(providerDir).version));
    await run("tar", ["-czf", tarball, "-C", staging, "."]);
    return tarball;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
