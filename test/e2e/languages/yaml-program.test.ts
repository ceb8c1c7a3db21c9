/**
 * A Pulumi YAML program (examples/yaml-program) declaring connectors through the resource plugin,
 * driven by the real CLI against the emulator: create, a preview that expects no change, an
 * update, `pulumi import` of a connector made in the dashboard (with the YAML it prints pasted
 * into the program), refresh, destroy, and what the emulator holds after each.
 *
 * The CLI runs Pulumi YAML's own language host: bundled with a pulumi on PATH, else built from
 * Go modules (tools/pulumi-yaml/index.js).
 */
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { startEmulators, type Emulators } from "../../../scripts/lib/emulators";
import { repoRoot } from "../../../scripts/lib/paths";
import { runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { ensurePulumiYaml } from "../../../tools/pulumi-yaml";
import { EmulatorClient, payload } from "../../support/emulator-api";
import { heldConnector, heldConnectors, importedCode, pluginConnectors, usePluginFromRepository, writesTo } from "../../support/language-program";
import { openWorkProject, type WorkProject } from "../../support/work-project";

jest.setTimeout(120_000);

let emulators: Emulators<"dev">;
let dev: EmulatorClient;
let project: WorkProject;
const transcript: string[] = [];

async function pulumiOk(args: string[]) {
  const result = await runPulumiOk(project.session, [...args, "--stack", "dev"]);
  transcript.push(result.output);
  return result;
}

function programFile(): string {
  return path.join(project.dir, "Pulumi.yaml");
}

beforeAll(async () => {
  ensurePulumiYaml();
  emulators = await startEmulators({ dev: {} });
  dev = new EmulatorClient(emulators.dev);
  project = await openWorkProject({
    label: "yaml-program",
    programFrom: path.join(repoRoot, "examples", "yaml-program"),
    programFiles: ["Pulumi.yaml"],
    credentials: emulators.dev.credentials,
    stacks: ["dev"],
  });
  usePluginFromRepository(project.dir);
});

afterAll(async () => {
  await emulators?.close();
  project?.cleanup();
});

test("up creates the connectors as the YAML declares them, and exports their identifiers", async () => {
  await pulumiOk(["up", "--yes"]);
  const pagerRelay = await heldConnector(dev, "Pager Relay MCP");
  expect(pagerRelay).toMatchObject({
    description: "Acknowledge and escalate alerts through the Pager Relay MCP server",
    proxy_url: "https://mcp.pagerrelay.com/mcp",
    proxy_enabled: true,
    auth_patterns: [{ type: "BEARER", display_name: "API Token", is_mcp: true, fields: [{ field_name: "token", label: "API Token", input_type: "password", required: true }] }],
  });
  const forecastly = await heldConnector(dev, "Forecastly");
  expect(forecastly.auth_patterns[0]).toMatchObject({ type: "API_KEY", auth_header_key_override: "X-Api-Key" });
  const outputs = JSON.parse((await pulumiOk(["stack", "output", "--json"])).stdout);
  expect(outputs).toEqual({ pagerRelayIdentifier: pagerRelay.identifier, forecastlyIdentifier: forecastly.identifier });
});

test("a preview of the unchanged program expects no change and writes nothing", async () => {
  const writes = await writesTo(dev);
  await pulumiOk(["preview", "--expect-no-changes"]);
  expect(await writesTo(dev)).toBe(writes);
});

test("a changed config value updates the connector in place", async () => {
  const before = await heldConnector(dev, "Pager Relay MCP");
  const writes = await writesTo(dev);
  await pulumiOk(["config", "set", "pagerRelayDescription", "Acknowledge, escalate and resolve Pager Relay alerts"]);
  await pulumiOk(["up", "--yes"]);
  const after = await heldConnector(dev, "Pager Relay MCP");
  expect(after.description).toBe("Acknowledge, escalate and resolve Pager Relay alerts");
  expect(after.identifier).toBe(before.identifier);
  expect(await writesTo(dev)).toBe(writes + 1);
});

test("pulumi import takes a dashboard connector over with no write, and the YAML it prints declares it with no change", async () => {
  const made = await dev.created(payload("Dash Board"));
  const writes = await writesTo(dev);
  const result = await pulumiOk(["import", "scalekit:index:CustomConnector", "dash-board", made.identifier, "--yes", "--protect=false"]);
  expect(await writesTo(dev)).toBe(writes);

  const printed = parse(importedCode(result.stdout, /^resources:\s*$/)) as { resources: Record<string, any> };
  expect(printed.resources["dash-board"]).toMatchObject({ properties: { displayName: "Dash Board", proxyUrl: "https://api.example.com/v1" } });
  const program = parse(fs.readFileSync(programFile(), "utf8")) as { resources: Record<string, unknown> };
  Object.assign(program.resources, printed.resources);
  fs.writeFileSync(programFile(), stringify(program));

  await pulumiOk(["preview", "--expect-no-changes"]);
  expect(await writesTo(dev)).toBe(writes);
});

test("refresh takes a change made in the dashboard into the state, with no write", async () => {
  const held = await heldConnector(dev, "Forecastly");
  const edited = await dev.update(held.identifier, { ...held, description: "Edited in the dashboard" });
  expect(edited.status).toBe(200);
  const writes = await writesTo(dev);
  await pulumiOk(["refresh", "--yes"]);
  expect(await writesTo(dev)).toBe(writes);
  const state = pluginConnectors(JSON.parse((await pulumiOk(["stack", "export"])).stdout));
  expect(state.forecastly.outputs.description).toBe("Edited in the dashboard");
});

test("destroy deletes every connector of the stack, the imported one too", async () => {
  await pulumiOk(["destroy", "--yes"]);
  expect(await heldConnectors(dev)).toEqual([]);
});
