/**
 * The compatibility run, from the previous pair to today's default. The previous release of this
 * package is taken to be the provider as packed from this commit, installed the way its users
 * ran it: Node.js 20 with @pulumi/pulumi 3.248.0 and the Pulumi CLI 3.248.0 (built from
 * tools/pulumi-cli/go.old.mod with our language hosts; tools/runtimes/runtimes.js has the versions).
 * (The real state version 0.1.0 wrote, test/fixtures/state-0.1.0, is upgraded on the default pair
 * by test/e2e/root-program/secrets.test.ts.)
 *
 * One project outside the repository declares connectors through both doors: two through the
 * dynamic provider (its shim serialized into the state) and one through the resource plugin
 * `pulumi-resource-scalekit` (whose deep imports of @pulumi/pulumi/proto/* are generated stubs,
 * not an API, so they must keep working across the SDK's releases). The previous pair writes the
 * state; then the project moves to the default pair (the lock file's @pulumi/pulumi, installed and
 * run on the Node.js running this suite, and the project's own CLI at the same version): preview
 * shows no change, refresh takes in changes made in the dashboard, an update applies an edit,
 * destroy deletes everything. Every step is checked against what the emulator holds.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Provider } from "scalekit-emulator";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { ensurePreviousRuntime, runtimeVersions, type PreviousRuntime } from "../../../tools/runtimes/runtimes";
import { runPulumiOk, type PulumiRunResult, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { startEmulatorBin, type EmulatorProcess } from "../../support/emulator-bin";
import { installPackages, lockedVersion, programText, typedDescription, writeProject } from "../../support/fresh-project";
import { packWorkspaces } from "../../support/pack";

jest.setTimeout(300_000);

const dynamicType = "pulumi-nodejs:dynamic/scalekit:CustomConnector";
const pluginType = "scalekit:index:CustomConnector";
const deskDescription = "Tickets and escalations";

/** The fresh project's program, plus one connector through the resource plugin's SDK. */
const program = `${programText}
import * as scalekitPlugin from "pulumi-scalekit-connectors/plugin";

const desk = new scalekitPlugin.CustomConnector("acme-desk", {
  displayName: "Acme Desk",
  description: ${JSON.stringify(deskDescription)},
  authPatterns: [{ type: "BEARER", displayName: "API Token", fields: [{ fieldName: "token", label: "API Token", inputType: "password", required: true }] }],
  proxyUrl: "https://api.acmedesk.com/v2",
});
export const deskIdentifier = desk.identifier;
`;

let previous: PreviousRuntime;
let tmp: string;
let projectDir: string;
let backendDir: string;
let emulator: EmulatorProcess | undefined;

type Pair = "previous" | "default";

function session(pair: Pair): PulumiSession {
  return {
    cwd: projectDir,
    backendDir,
    passphrase: "previous release test",
    env: {
      ...credentialsEnv(emulator!.credentials),
      PULUMI_HOME: path.join(tmp, "pulumi-home"),
      // Only the plugin Pulumi.yaml names: not the workspace's on PATH (node_modules/.bin under npm test).
      PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
    },
    ...(pair === "previous" ? { cli: previous.cli, baseEnv: previous.env() } : {}),
  };
}

function pulumi(pair: Pair, args: string[]): Promise<PulumiRunResult> {
  return runPulumiOk(session(pair), args);
}

/** The custom connectors the emulator holds, by display name. */
async function stored(): Promise<Record<string, Provider>> {
  return Object.fromEntries((await emulatorControl.connectors(emulator!.url)).map((provider) => [provider.display_name, provider]));
}

function installedVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(projectDir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

async function connectorsInState(pair: Pair): Promise<{ urn: string; type: string; inputs: Record<string, unknown> }[]> {
  const state = JSON.parse((await pulumi(pair, ["stack", "export"])).stdout);
  return (state.deployment.resources ?? []).filter((resource: { type: string }) => resource.type === dynamicType || resource.type === pluginType);
}

/** What `pulumi about` says of the CLI, the Node.js the language host runs and the program's @pulumi/pulumi. */
async function about(pair: Pair): Promise<{ cli: string; node: string; sdk: string | undefined }> {
  const report = JSON.parse((await pulumi(pair, ["about", "--json"])).stdout) as {
    cliAbout?: { version: string };
    runtime?: { version: string };
    dependencies?: { name: string; version: string }[];
  };
  return {
    cli: (report.cliAbout?.version ?? "").replace(/^v/, ""),
    node: (report.runtime?.version ?? "").replace(/^v/, ""),
    sdk: report.dependencies?.find((dependency) => dependency.name === "@pulumi/pulumi")?.version,
  };
}

/** Changes a connector's description through Scalekit's API, as the dashboard would. */
async function changeInDashboard(displayName: string, description: string): Promise<void> {
  const live = (await stored())[displayName]!;
  const { display_name, auth_patterns, proxy_url, proxy_enabled, icon_src, metadata } = live;
  const changed = await new EmulatorClient(emulator!).update(live.identifier, { display_name, description, auth_patterns, proxy_url, proxy_enabled, icon_src, metadata });
  expect(changed.status).toBe(200);
}

beforeAll(async () => {
  previous = ensurePreviousRuntime();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-previous-"));
  projectDir = path.join(tmp, "project");
  backendDir = path.join(tmp, "state");
  fs.mkdirSync(backendDir);
  const tarballs = Object.fromEntries((await packWorkspaces(["provider", "emulator"], tmp)).map((entry) => [entry.name, entry.tarball]));
  writeProject(projectDir);
  fs.writeFileSync(path.join(projectDir, "index.ts"), program);
  const pluginDir = path.join(projectDir, "node_modules", "pulumi-scalekit-connectors", "bin");
  fs.appendFileSync(path.join(projectDir, "Pulumi.yaml"), `plugins:\n  providers:\n    - name: scalekit\n      path: ${pluginDir}\n`);
  // npm itself runs on Node.js 20 here, as the previous release's users ran it.
  await installPackages(
    projectDir,
    [tarballs["pulumi-scalekit-connectors"]!, tarballs["scalekit-emulator"]!, `@pulumi/pulumi@${previous.pulumi}`, `typescript@${lockedVersion("typescript")}`, `@types/node@${lockedVersion("@types/node")}`],
    { node: previous.node.nodePath },
  );
  emulator = await startEmulatorBin(path.join(projectDir, "node_modules", ".bin", "scalekit-emulator"), ["--port", "0"], projectDir);
});

afterAll(async () => {
  const running = emulator;
  emulator = undefined;
  if (running) await running.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test(`the previous pair (Node.js ${runtimeVersions.previous.node}, @pulumi/pulumi and CLI ${runtimeVersions.previous.pulumi}) creates the connectors through both doors`, async () => {
  expect(installedVersion("@pulumi/pulumi")).toBe(previous.pulumi);
  await pulumi("previous", ["stack", "init", "dev"]);
  expect(await about("previous")).toEqual({ cli: previous.pulumi, node: previous.node.version, sdk: previous.pulumi });
  await pulumi("previous", ["up", "--yes", "--skip-preview"]);
  expect(Object.keys(await stored()).sort()).toEqual(["Acme CRM", "Acme Desk", "Pager Relay MCP"]);
  const connectors = await connectorsInState("previous");
  expect(connectors.map((connector) => connector.type).sort()).toEqual([dynamicType, dynamicType, pluginType]);
  // The dynamic provider's shim, serialized by the previous SDK, is what the default pair must run.
  for (const connector of connectors.filter((resource) => resource.type === dynamicType)) expect(typeof connector.inputs["__provider"]).toBe("string");
});

test("the project moves to the default pair: the lock file's @pulumi/pulumi, the project's CLI at the same version, this Node.js", async () => {
  await installPackages(projectDir, [`@pulumi/pulumi@${lockedVersion("@pulumi/pulumi")}`]);
  expect(installedVersion("@pulumi/pulumi")).toBe(lockedVersion("@pulumi/pulumi"));
  expect(await about("default")).toEqual({ cli: lockedVersion("@pulumi/pulumi"), node: process.versions.node, sdk: lockedVersion("@pulumi/pulumi") });
  expect(lockedVersion("@pulumi/pulumi")).not.toBe(previous.pulumi);
});

test("preview on the default pair shows no change for either door", async () => {
  const preview = await pulumi("default", ["preview", "--diff", "--expect-no-changes"]);
  expect(preview.output).not.toMatch(/to (create|update|delete|replace)/);
  expect(preview.output).toMatch(/unchanged/);
});

test("refresh reads every connector (the old shim, the plugin on the new SDK's stubs) and takes in dashboard changes", async () => {
  await changeInDashboard("Pager Relay MCP", "Changed in the dashboard");
  await changeInDashboard("Acme Desk", "Desk changed in the dashboard");
  const refresh = await pulumi("default", ["refresh", "--yes", "--skip-preview"]);
  expect(refresh.output).toMatch(/~ 2 updated/);
  const preview = await pulumi("default", ["preview", "--diff"]);
  expect(preview.output).toMatch(/~ description\s*: "Changed in the dashboard" => "Acknowledge and escalate alerts"/);
  expect(preview.output).toMatch(new RegExp(`~ description\\s*: "Desk changed in the dashboard" => "${deskDescription}"`));
  expect(preview.output).toMatch(/~ 2 to update/);
});

test("an update applies an edit and undoes both dashboard changes", async () => {
  fs.writeFileSync(path.join(projectDir, "index.ts"), program.replace(JSON.stringify(typedDescription.before), JSON.stringify(typedDescription.after)));
  await pulumi("default", ["up", "--yes", "--skip-preview"]);
  const live = await stored();
  expect(live["Acme CRM"]!.description).toBe(typedDescription.after);
  expect(live["Pager Relay MCP"]!.description).toBe("Acknowledge and escalate alerts");
  expect(live["Acme Desk"]!.description).toBe(deskDescription);
  await pulumi("default", ["preview", "--expect-no-changes"]);
});

test("destroy on the default pair deletes every connector from Scalekit and the state", async () => {
  await pulumi("default", ["destroy", "--yes", "--skip-preview"]);
  expect(await stored()).toEqual({});
  expect(await connectorsInState("default")).toEqual([]);
});
