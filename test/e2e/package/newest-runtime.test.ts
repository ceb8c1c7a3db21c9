/**
 * The compatibility run: the packed provider and emulator on today's runtime, Node.js 24 LTS (from
 * the npm registry) with the newest @pulumi/pulumi and the newest Pulumi CLI (built from Go modules
 * with our language host; scripts/lib/newest-runtime.js has the versions). Two scenarios, each in a
 * fresh project outside the repository:
 *   1. state written by the older pair (this repository's Node.js, @pulumi/pulumi and CLI 3.248,
 *      whose dynamic provider shim is serialized into the state), then the project moved to the
 *      newest pair: preview shows no change, refresh and an update work, destroy cleans up;
 *   2. a project started on the newest pair: preview, up, an edit, refresh, destroy.
 * Every step is checked against what the emulator holds.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Provider } from "scalekit-emulator";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { ensureNewestRuntime, newestVersions, type NewestRuntime } from "../../../scripts/lib/newest-runtime";
import { runPulumiOk, type PulumiRunResult, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { startEmulatorBin, type EmulatorProcess } from "../../support/emulator-bin";
import { installPackages, lockedVersion, programText, typeCheck, typedDescription, writeProject } from "../../support/fresh-project";
import { packWorkspaces, type PackedTarball } from "../../support/pack";

jest.setTimeout(300_000);

const connectorType = "pulumi-nodejs:dynamic/scalekit:CustomConnector";

let runtime: NewestRuntime;
let tmp: string;
let tarballs: Record<string, PackedTarball>;

beforeAll(async () => {
  runtime = ensureNewestRuntime();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-newest-"));
  const packed = await packWorkspaces(["provider", "emulator"], tmp);
  tarballs = Object.fromEntries(packed.map((entry) => [entry.name, entry]));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** One scenario's project, emulator and Pulumi sessions. */
class Scenario {
  emulator: EmulatorProcess | undefined;

  constructor(readonly name: string) {}

  /** Under the suite's temporary folder, made in beforeAll. */
  get projectDir(): string {
    return path.join(tmp, this.name, "project");
  }

  get backendDir(): string {
    return path.join(tmp, this.name, "state");
  }

  get packageSpecs(): string[] {
    return [tarballs["pulumi-scalekit-connectors"]!.tarball, tarballs["scalekit-emulator"]!.tarball];
  }

  /** Starts the emulator from the project's installed bin, under the Node.js first on `env`'s PATH. */
  async startEmulator(env: NodeJS.ProcessEnv): Promise<void> {
    this.emulator = await startEmulatorBin(path.join(this.projectDir, "node_modules", ".bin", "scalekit-emulator"), ["--port", "0"], this.projectDir, 15_000, env);
    fs.mkdirSync(this.backendDir, { recursive: true });
  }

  /** A session of the older pair (the project's own CLI and this Node.js), or of the newest one. */
  session(pair: "older" | "newest"): PulumiSession {
    return {
      cwd: this.projectDir,
      backendDir: this.backendDir,
      passphrase: "newest runtime test",
      env: { ...credentialsEnv(this.emulator!.credentials), PULUMI_HOME: path.join(tmp, this.name, "pulumi-home") },
      ...(pair === "newest" ? { cli: runtime.cli, baseEnv: runtime.env() } : {}),
    };
  }

  pulumi(pair: "older" | "newest", args: string[]): Promise<PulumiRunResult> {
    return runPulumiOk(this.session(pair), args);
  }

  /** The custom connectors the emulator holds, by display name. */
  async stored(): Promise<Record<string, Provider>> {
    return Object.fromEntries((await emulatorControl.connectors(this.emulator!.url)).map((provider) => [provider.display_name, provider]));
  }

  /** The version of a package installed in the project. */
  installedVersion(name: string): string {
    return (JSON.parse(fs.readFileSync(path.join(this.projectDir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  }

  async connectorsInState(pair: "older" | "newest"): Promise<{ urn: string; inputs: Record<string, unknown> }[]> {
    const state = JSON.parse((await this.pulumi(pair, ["stack", "export"])).stdout);
    return (state.deployment.resources ?? []).filter((resource: { type: string }) => resource.type === connectorType);
  }

  /** Edits the typed connector's description in index.ts. */
  editDescription(): void {
    fs.writeFileSync(path.join(this.projectDir, "index.ts"), programText.replace(JSON.stringify(typedDescription.before), JSON.stringify(typedDescription.after)));
  }

  /** Changes the MCP connector's description through Scalekit's API, as the dashboard would. */
  async changeInDashboard(): Promise<void> {
    const live = (await this.stored())["Pager Relay MCP"]!;
    const { display_name, auth_patterns, proxy_url, proxy_enabled, icon_src, metadata } = live;
    const changed = await new EmulatorClient(this.emulator!).update(live.identifier, { display_name, description: "Changed in the dashboard", auth_patterns, proxy_url, proxy_enabled, icon_src, metadata });
    expect(changed.status).toBe(200);
  }

  async stop(): Promise<void> {
    const running = this.emulator;
    this.emulator = undefined;
    if (running) expect(await running.stop()).toBe(0);
  }
}

/** What `pulumi about` says of the CLI, its Node.js language host, the Node.js that host runs and the program's @pulumi/pulumi. */
async function about(scenario: Scenario, pair: "older" | "newest"): Promise<{ cli: string; languageHost: string | undefined; node: string; sdk: string | undefined }> {
  const report = JSON.parse((await scenario.pulumi(pair, ["about", "--json"])).stdout) as {
    cliAbout?: { version: string };
    plugins?: { name: string; kind: string; version: string }[];
    runtime?: { version: string };
    dependencies?: { name: string; version: string }[];
  };
  return {
    cli: (report.cliAbout?.version ?? "").replace(/^v/, ""),
    languageHost: report.plugins?.find((plugin) => plugin.kind === "language" && plugin.name === "nodejs")?.version,
    node: report.runtime?.version ?? "",
    sdk: report.dependencies?.find((dependency) => dependency.name === "@pulumi/pulumi")?.version,
  };
}

/** What `about` must say with the newest pair. */
function newestAbout(): { cli: string; languageHost: string; node: string; sdk: string } {
  return { cli: runtime.cliVersion, languageHost: runtime.cliVersion, node: newestVersions.node, sdk: newestVersions.pulumiSdk };
}

describe("state written by the older pair, read by the newest", () => {
  const scenario = new Scenario("upgrade");

  beforeAll(async () => {
    writeProject(scenario.projectDir);
    await installPackages(scenario.projectDir, [
      ...scenario.packageSpecs,
      `@pulumi/pulumi@${lockedVersion("@pulumi/pulumi")}`,
      `typescript@${lockedVersion("typescript")}`,
      `@types/node@${lockedVersion("@types/node")}`,
    ]);
    await scenario.startEmulator(process.env);
  });

  afterAll(() => scenario.stop());

  test("the older pair creates both connectors, the dynamic provider serialized into the state", async () => {
    expect(scenario.installedVersion("@pulumi/pulumi")).toBe(lockedVersion("@pulumi/pulumi"));
    await scenario.pulumi("older", ["stack", "init", "dev"]);
    expect((await about(scenario, "older")).sdk).toBe(lockedVersion("@pulumi/pulumi"));
    await scenario.pulumi("older", ["up", "--yes", "--skip-preview"]);
    expect(Object.keys(await scenario.stored()).sort()).toEqual(["Acme CRM", "Pager Relay MCP"]);
    const connectors = await scenario.connectorsInState("older");
    expect(connectors).toHaveLength(2);
    for (const connector of connectors) expect(typeof connector.inputs["__provider"]).toBe("string");
  });

  test(`the project moves to @pulumi/pulumi ${newestVersions.pulumiSdk}, installed under Node.js ${newestVersions.node}`, async () => {
    await installPackages(scenario.projectDir, [`@pulumi/pulumi@${newestVersions.pulumiSdk}`], { node: runtime.node.nodePath });
    expect(scenario.installedVersion("@pulumi/pulumi")).toBe(newestVersions.pulumiSdk);
    expect(await about(scenario, "newest")).toEqual(newestAbout());
  });

  test("preview with the newest pair shows no change", async () => {
    const preview = await scenario.pulumi("newest", ["preview", "--diff", "--expect-no-changes"]);
    expect(preview.output).not.toMatch(/to (create|update|delete|replace)/);
    expect(preview.output).toMatch(/3 unchanged/);
  });

  test("refresh reads both connectors with the shim the older pair serialized, and takes in a dashboard change", async () => {
    await scenario.changeInDashboard();
    const refresh = await scenario.pulumi("newest", ["refresh", "--yes", "--skip-preview"]);
    expect(refresh.output).toMatch(/~ 1 updated/);
    const preview = await scenario.pulumi("newest", ["preview", "--diff"]);
    expect(preview.output).toMatch(/~ description\s*: "Changed in the dashboard" => "Acknowledge and escalate alerts"/);
  });

  test("an update applies an edit and undoes the dashboard change", async () => {
    scenario.editDescription();
    await scenario.pulumi("newest", ["up", "--yes", "--skip-preview"]);
    const live = await scenario.stored();
    expect(live["Acme CRM"]!.description).toBe(typedDescription.after);
    expect(live["Pager Relay MCP"]!.description).toBe("Acknowledge and escalate alerts");
    await scenario.pulumi("newest", ["preview", "--expect-no-changes"]);
  });

  test("destroy deletes both from Scalekit", async () => {
    await scenario.pulumi("newest", ["destroy", "--yes", "--skip-preview"]);
    expect(await scenario.stored()).toEqual({});
    expect(await scenario.connectorsInState("newest")).toEqual([]);
  });
});

describe("a fresh project on the newest pair", () => {
  const scenario = new Scenario("fresh");

  beforeAll(async () => {
    writeProject(scenario.projectDir);
    await installPackages(
      scenario.projectDir,
      [...scenario.packageSpecs, `@pulumi/pulumi@${newestVersions.pulumiSdk}`, `typescript@${lockedVersion("typescript")}`, `@types/node@${lockedVersion("@types/node")}`],
      { node: runtime.node.nodePath },
    );
    // The emulator's bin runs under Node.js 24 too.
    await scenario.startEmulator(runtime.env());
  });

  afterAll(() => scenario.stop());

  test(`the provider resolves @pulumi/pulumi ${newestVersions.pulumiSdk}, and the program type-checks under Node.js ${newestVersions.node}`, async () => {
    const fromProvider = require.resolve("@pulumi/pulumi/package.json", { paths: [path.join(scenario.projectDir, "node_modules", "pulumi-scalekit-connectors")] });
    expect(JSON.parse(fs.readFileSync(fromProvider, "utf8")).version).toBe(newestVersions.pulumiSdk);
    const result = await typeCheck(scenario.projectDir, { node: runtime.node.nodePath });
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  });

  test("the newest CLI runs the program under Node.js 24 with the newest SDK", async () => {
    await scenario.pulumi("newest", ["stack", "init", "dev"]);
    expect(await about(scenario, "newest")).toEqual(newestAbout());
  });

  test("preview plans both connectors and sends nothing", async () => {
    const preview = await scenario.pulumi("newest", ["preview"]);
    expect(preview.output).toMatch(/\+\s+pulumi-nodejs:dynamic\/scalekit:CustomConnector\s+acme-crm\s+create/);
    expect(preview.output).toMatch(/\+\s+pulumi-nodejs:dynamic\/scalekit:CustomConnector\s+pager-relay-mcp\s+create/);
    expect(await scenario.stored()).toEqual({});
  });

  test("up creates them in Scalekit, and the outputs are Scalekit's identifiers", async () => {
    await scenario.pulumi("newest", ["up", "--yes", "--skip-preview"]);
    const live = await scenario.stored();
    expect(Object.keys(live).sort()).toEqual(["Acme CRM", "Pager Relay MCP"]);
    expect(live["Acme CRM"]).toMatchObject({ description: typedDescription.before, metadata: { owner: "platform-team" } });
    const outputs = JSON.parse((await scenario.pulumi("newest", ["stack", "output", "--json"])).stdout);
    expect(outputs.identifiers).toEqual({ crm: live["Acme CRM"]!.identifier, mcp: live["Pager Relay MCP"]!.identifier });
  });

  test("an edit previews as the user's own property, then up applies it", async () => {
    scenario.editDescription();
    const preview = await scenario.pulumi("newest", ["preview", "--diff"]);
    expect(preview.output).toMatch(new RegExp(`~ description\\s*: "${typedDescription.before}" => "${typedDescription.after}"`));
    expect(preview.output).toMatch(/~ 1 to update/);
    await scenario.pulumi("newest", ["up", "--yes", "--skip-preview"]);
    expect((await scenario.stored())["Acme CRM"]!.description).toBe(typedDescription.after);
  });

  test("refresh takes in a change made outside Pulumi, and preview offers to undo it", async () => {
    await scenario.changeInDashboard();
    const refresh = await scenario.pulumi("newest", ["refresh", "--yes", "--skip-preview"]);
    expect(refresh.output).toMatch(/~ 1 updated/);
    const preview = await scenario.pulumi("newest", ["preview", "--diff"]);
    expect(preview.output).toMatch(/~ description\s*: "Changed in the dashboard" => "Acknowledge and escalate alerts"/);
    expect(preview.output).toMatch(/~ 1 to update/);
  });

  test("destroy deletes both from Scalekit", async () => {
    await scenario.pulumi("newest", ["destroy", "--yes", "--skip-preview"]);
    expect(await scenario.stored()).toEqual({});
    expect(await scenario.connectorsInState("newest")).toEqual([]);
  });
});
