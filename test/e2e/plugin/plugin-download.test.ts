/**
 * The plugin installs itself, as a native provider's does: the release files
 * (scripts/release-artifacts.ts, what the release recipe attaches to a GitHub release) are served
 * by a stand-in for the release's download folder on 127.0.0.1, and Pulumi's own
 * PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES sends the engine there when the source is the schema's
 * pluginDownloadURL (a source the override does not match, Pulumi's default one, fails offline).
 *
 * A YAML program and a Go program, each with no `plugins.providers`, an empty plugin cache (a
 * fresh PULUMI_HOME) and no plugin on PATH that counts (PULUMI_IGNORE_AMBIENT_PLUGINS), run
 * `pulumi up`: the engine downloads the archive for this machine's platform, installs it into
 * PULUMI_HOME/plugins, and the plugin creates the connectors on the emulator. What tells the engine
 * where to look is the package schema, reaching each language its own way: for YAML the package
 * declaration `pulumi package gen-sdk --language yaml` writes from the release's schema; for Go the
 * generated SDK's pulumi-plugin.json (`server`), which the Go language host reports.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { currentPluginPlatform, pluginArchiveName, pluginPlatforms, pluginVersion, releaseRepository } from "pulumi-scalekit-connectors/internal";
import { startEmulators, type Emulators } from "../../../scripts/lib/emulators";
import { repoRoot } from "../../../scripts/lib/paths";
import { pulumiCommand, runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { generateGoSdk } from "../../../scripts/go-sdk";
import { buildReleaseArtifacts, releaseSchemaName } from "../../../scripts/release-artifacts";
import { EmulatorClient } from "../../support/emulator-api";
import { heldConnector, heldConnectors, pluginConnectors } from "../../support/language-program";
import { startReleaseServer, type ReleaseServer } from "../../support/release-server";
import { openWorkProject, type WorkProject } from "../../support/work-project";

// Packing six archives (minutes when the machine is loaded), then two programs' first up each (the Go one compiles the program and its SDK).
jest.setTimeout(15 * 60 * 1000);

const tag = `v${pluginVersion}`;
const platform = currentPluginPlatform()!;
const archiveName = pluginArchiveName(pluginVersion, platform);

let tmp: string;
let releaseDir: string;
let server: ReleaseServer;
let emulators: Emulators<"dev">;
let dev: EmulatorClient;
const projects: WorkProject[] = [];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A project whose commands may download plugins from the stand-in: Pulumi's override
 * (`regexp=URL`) turns the schema's `github://` source of this repository into a plain download
 * folder laid out as a GitHub release's (`${VERSION}` filled in by the engine).
 */
async function downloadingProject(label: string, example: string, files: string[]): Promise<WorkProject> {
  const project = await openWorkProject({
    label,
    programFrom: path.join(repoRoot, "examples", example),
    programFiles: files,
    credentials: emulators.dev.credentials,
    stacks: ["dev"],
    env: {
      PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^${escapeRegExp(`github://api.github.com/${releaseRepository}`)}$=${server.origin}/releases/download/v\${VERSION}`,
      // The project's CLI turns acquisition off by default (tools/pulumi-cli/index.js); this suite is about it.
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
      // node_modules/.bin holds pulumi-resource-scalekit when tests run from npm: the engine must not take it from PATH.
      PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
    },
  });
  projects.push(project);
  return project;
}

/** The plugin folders in a PULUMI_HOME's plugin cache. */
function cachedPlugins(project: WorkProject): string[] {
  const dir = path.join(project.session.env!.PULUMI_HOME!, "plugins");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.startsWith("resource-scalekit")) : [];
}

/** Runs `up` in a fresh project and checks the engine fetched exactly this platform's archive from the stand-in and installed it. */
async function upInstallsThePlugin(project: WorkProject): Promise<void> {
  expect(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8")).not.toMatch(/^plugins:/m);
  expect(cachedPlugins(project)).toEqual([]);
  const asked = server.requests.length;
  const result = await runPulumiOk(project.session, ["up", "--yes", "--stack", "dev"]);
  expect(result.output).toMatch(/Downloading plugin scalekit-0\.1\.0/);
  expect(server.requests.slice(asked)).toEqual([`GET /releases/download/${tag}/${archiveName}`]);
  const installed = path.join(project.session.env!.PULUMI_HOME!, "plugins", `resource-scalekit-${tag}`);
  expect(fs.statSync(path.join(installed, "pulumi-resource-scalekit")).mode & 0o111).not.toBe(0);
  expect(fs.existsSync(path.join(installed, "node_modules", "pulumi-scalekit-connectors", "dist", "plugin", "main.js"))).toBe(true);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-download-"));
  releaseDir = path.join(tmp, "release");
  await buildReleaseArtifacts(releaseDir);
  server = await startReleaseServer(releaseDir, tag);
  emulators = await startEmulators({ dev: {} });
  dev = new EmulatorClient(emulators.dev);
});

afterAll(async () => {
  await emulators?.close();
  await server?.close();
  for (const project of projects) project.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("the release holds an archive per platform, the launcher and node_modules at its root, the schema and the checksums", () => {
  const names = fs.readdirSync(releaseDir).sort();
  expect(names).toEqual([...pluginPlatforms.map((each) => pluginArchiveName(pluginVersion, each)), releaseSchemaName(pluginVersion), "SHA256SUMS"].sort());
  for (const each of pluginPlatforms) {
    const listing = spawnSync("tar", ["-tzf", path.join(releaseDir, pluginArchiveName(pluginVersion, each))], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const top = new Set(listing.stdout.split("\n").filter(Boolean).map((entry) => entry.replace(/^\.\//, "").split("/")[0]));
    expect([...top].sort()).toEqual([each.os === "windows" ? "pulumi-resource-scalekit.cmd" : "pulumi-resource-scalekit", "node_modules"].sort());
  }
  const check = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: releaseDir, encoding: "utf8" });
  expect({ code: check.status, stderr: check.stderr }).toEqual({ code: 0, stderr: "" });
  const schema = JSON.parse(fs.readFileSync(path.join(releaseDir, releaseSchemaName(pluginVersion)), "utf8"));
  expect(schema).toMatchObject({ name: "scalekit", version: pluginVersion, pluginDownloadURL: `github://api.github.com/${releaseRepository}` });
});

test("a YAML program with no plugins.providers and an empty plugin cache: up downloads and installs the plugin, which creates the connectors", async () => {
  const project = await downloadingProject("download-yaml", "yaml-program", ["Pulumi.yaml"]);
  // What a YAML user runs once: the package declaration, from the schema the release carries.
  await runPulumiOk(project.session, ["package", "gen-sdk", path.join(releaseDir, releaseSchemaName(pluginVersion)), "--language", "yaml", "--out", "sdks"]);
  await upInstallsThePlugin(project);
  expect((await heldConnector(dev, "Pager Relay MCP")).proxy_url).toBe("https://mcp.pagerrelay.com/mcp");
  expect((await heldConnector(dev, "Forecastly")).proxy_url).toBe("https://api.forecastly.io/v2");
  // The installed plugin serves the rest of the stack's life too (no second download).
  const asked = server.requests.length;
  await runPulumiOk(project.session, ["destroy", "--yes", "--stack", "dev"]);
  expect(server.requests.length).toBe(asked);
  expect(await heldConnectors(dev)).toEqual([]);
});

test("a Go program with no plugins.providers and an empty plugin cache: up (compiling the program first) downloads and installs the plugin, which creates the connectors", async () => {
  const project = await downloadingProject("download-go", "go-program", ["Pulumi.yaml", "main.go", "go.mod", "go.sum"]);
  generateGoSdk(path.join(project.dir, "sdk"), { cli: await pulumiCommand(), env: project.session.env });
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8"));
  const manifest = JSON.parse(fs.readFileSync(path.join(project.dir, "sdk", "go", "scalekit", "pulumi-plugin.json"), "utf8"));
  expect(manifest).toEqual({ resource: true, name: "scalekit", version: pluginVersion, server: schema.pluginDownloadURL });
  await upInstallsThePlugin(project);
  expect((await heldConnector(dev, "Pager Relay MCP")).proxy_url).toBe("https://mcp.pagerrelay.com/mcp");
  const state = pluginConnectors(JSON.parse((await runPulumiOk(project.session, ["stack", "export", "--stack", "dev"])).stdout));
  expect(Object.keys(state).sort()).toEqual(["forecastly", "pager-relay"]);
});
