/**
 * The packages as a new user gets them: `npm pack` of both workspaces, installed from those
 * tarballs into a fresh Pulumi TypeScript project outside this repository (no workspace link),
 * the emulator started by its installed bin, and the project's Pulumi CLI taking two connectors
 * (one typed, one pasted as Scalekit's payload) through preview, up, an edit, refresh and
 * destroy, each step checked against what the emulator holds.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Provider } from "scalekit-emulator";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { repoRoot } from "../../../scripts/lib/paths";
import { runPulumiOk, type PulumiRunResult, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { startEmulatorBin, type EmulatorProcess } from "../../support/emulator-bin";
import { installPackages, lockedVersion, programText, typeCheck, typedDescription, writeProject } from "../../support/fresh-project";
import { expectedTarballFiles, packWorkspaces, type PackedTarball } from "../../support/pack";

jest.setTimeout(180_000);

let tmp: string;
let projectDir: string;
let tarballs: Record<string, PackedTarball>;
let emulator: EmulatorProcess | undefined;
let session: PulumiSession;

/** The custom connectors the emulator holds, by display name. */
async function stored(): Promise<Record<string, Provider>> {
  return Object.fromEntries((await emulatorControl.connectors(emulator!.url)).map((provider) => [provider.display_name, provider]));
}

function pulumi(args: string[]): Promise<PulumiRunResult> {
  return runPulumiOk(session, args);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-package-"));
  projectDir = path.join(tmp, "project");
  const packed = await packWorkspaces(["provider", "emulator"], tmp);
  tarballs = Object.fromEntries(packed.map((entry) => [entry.name, entry]));
});

afterAll(async () => {
  await emulator?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("npm pack", () => {
  test.each([
    ["pulumi-scalekit-connectors", "provider"],
    ["scalekit-emulator", "emulator"],
  ])("%s's tarball holds its build, package.json, README.md and LICENSE, and nothing else", (name, workspace) => {
    const packed = tarballs[name];
    expect(packed).toBeDefined();
    const expected = expectedTarballFiles(path.join(repoRoot, workspace));
    const extra = packed!.files.filter((file) => !expected.includes(file));
    const missing = expected.filter((file) => !packed!.files.includes(file));
    // Extra files are usually a stale build: `npx tsc -b --clean provider emulator && npm run build`.
    expect({ extra, missing }).toEqual({ extra: [], missing: [] });
  });
});

describe("a fresh Pulumi project outside the repository", () => {
  beforeAll(async () => {
    writeProject(projectDir);
    await installPackages(projectDir, [
      tarballs["pulumi-scalekit-connectors"]!.tarball,
      tarballs["scalekit-emulator"]!.tarball,
      `@pulumi/pulumi@${lockedVersion("@pulumi/pulumi")}`,
      `typescript@${lockedVersion("typescript")}`,
      `@types/node@${lockedVersion("@types/node")}`,
    ]);
  });

  test("installs both packages as copies, with the provider's own dependencies", () => {
    for (const name of ["pulumi-scalekit-connectors", "scalekit-emulator"]) {
      const installed = path.join(projectDir, "node_modules", name);
      expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
      expect(path.relative(repoRoot, fs.realpathSync(installed)).startsWith("..")).toBe(true);
    }
    const fromProject = (request: string) => require.resolve(request, { paths: [projectDir] });
    expect(fromProject("pulumi-scalekit-connectors/runtime")).toBe(path.join(projectDir, "node_modules", "pulumi-scalekit-connectors", "dist", "dynamic", "runtime.js"));
    for (const dependency of ["undici", "zod", "@pulumi/pulumi"]) {
      const resolved = require.resolve(dependency, { paths: [path.join(projectDir, "node_modules", "pulumi-scalekit-connectors")] });
      expect(resolved.startsWith(path.join(projectDir, "node_modules"))).toBe(true);
    }
  });

  test("the program type-checks against the installed package (strict, library types checked too)", async () => {
    const result = await typeCheck(projectDir);
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  });

  test("the emulator starts from the installed bin and prints its ready line", async () => {
    emulator = await startEmulatorBin(path.join(projectDir, "node_modules", ".bin", "scalekit-emulator"), ["--port", "0"], projectDir);
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await stored()).toEqual({});
    const backendDir = path.join(tmp, "state");
    fs.mkdirSync(backendDir);
    session = {
      cwd: projectDir,
      backendDir,
      passphrase: "package test",
      env: { ...credentialsEnv(emulator.credentials), PULUMI_HOME: path.join(tmp, "pulumi-home") },
    };
    await pulumi(["stack", "init", "dev"]);
  });

  test("the program's language host runs on the Node.js this run is on (Node.js 22 in npm test's maintenance run)", async () => {
    const about = JSON.parse((await pulumi(["about", "--json"])).stdout) as { runtime?: { version?: string } };
    expect(about.runtime?.version?.replace(/^v/, "")).toBe(process.versions.node);
    // Set by tools/runtimes/run-on-node.js: the run really is on the release it asked for.
    if (process.env.SCALEKIT_EXPECTED_NODE) expect(process.versions.node).toBe(process.env.SCALEKIT_EXPECTED_NODE);
  });

  test("preview plans both connectors and sends nothing", async () => {
    const preview = await pulumi(["preview"]);
    expect(preview.output).toMatch(/\+\s+pulumi-nodejs:dynamic\/scalekit:CustomConnector\s+acme-crm\s+create/);
    expect(preview.output).toMatch(/\+\s+pulumi-nodejs:dynamic\/scalekit:CustomConnector\s+pager-relay-mcp\s+create/);
    expect(await stored()).toEqual({});
  });

  test("up creates them in Scalekit, and the outputs are Scalekit's identifiers", async () => {
    await pulumi(["up", "--yes", "--skip-preview"]);
    const live = await stored();
    expect(Object.keys(live).sort()).toEqual(["Acme CRM", "Pager Relay MCP"]);
    expect(live["Acme CRM"]).toMatchObject({ description: typedDescription.before, proxy_url: "https://{{domain}}.acmecrm.com/api/v3", metadata: { owner: "platform-team" } });
    expect(live["Pager Relay MCP"]).toMatchObject({ is_custom_mcp: true, proxy_url: "https://mcp.pagerrelay.com/mcp" });
    const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout);
    expect(outputs.identifiers).toEqual({ crm: live["Acme CRM"]!.identifier, mcp: live["Pager Relay MCP"]!.identifier });
    expect(outputs.crmDescription).toBe(typedDescription.before);
  });

  test("an edit previews as the user's own property, then up applies it", async () => {
    fs.writeFileSync(path.join(projectDir, "index.ts"), programText.replace(JSON.stringify(typedDescription.before), JSON.stringify(typedDescription.after)));
    const preview = await pulumi(["preview", "--diff"]);
    expect(preview.output).toMatch(new RegExp(`~ description\\s*: "${typedDescription.before}" => "${typedDescription.after}"`));
    expect(preview.output).not.toMatch(/desired|declaredAs/);
    expect(preview.output).toMatch(/~ 1 to update/);
    await pulumi(["up", "--yes", "--skip-preview"]);
    expect((await stored())["Acme CRM"]!.description).toBe(typedDescription.after);
  });

  test("refresh takes in a change made outside Pulumi, and preview offers to undo it", async () => {
    const live = (await stored())["Pager Relay MCP"]!;
    const { display_name, description: _old, auth_patterns, proxy_url, proxy_enabled, icon_src, metadata } = live;
    // Changed in the dashboard: through Scalekit's API, not through Pulumi.
    const changed = await new EmulatorClient(emulator!).update(live.identifier, { display_name, description: "Changed in the dashboard", auth_patterns, proxy_url, proxy_enabled, icon_src, metadata });
    expect(changed.status).toBe(200);

    const refresh = await pulumi(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.output).toMatch(/~ 1 updated/);
    const preview = await pulumi(["preview", "--diff"]);
    expect(preview.output).toMatch(/~ scalekitPayload: \{[^]*~ description\s*: "Changed in the dashboard" => "Acknowledge and escalate alerts"/);
    expect(preview.output).toMatch(/~ 1 to update/);
    expect(preview.output).not.toMatch(/desired|declaredAs/);
    expect((await stored())["Pager Relay MCP"]!.description).toBe("Changed in the dashboard");
  });

  test("destroy deletes both from Scalekit", async () => {
    await pulumi(["destroy", "--yes", "--skip-preview"]);
    expect(await stored()).toEqual({});
    const state = JSON.parse((await pulumi(["stack", "export"])).stdout);
    expect((state.deployment.resources ?? []).filter((resource: { type: string }) => resource.type.endsWith("CustomConnector"))).toEqual([]);
  });

  test("the emulator stops cleanly on SIGTERM", async () => {
    const running = emulator!;
    emulator = undefined;
    expect(await running.stop()).toBe(0);
  });
});
