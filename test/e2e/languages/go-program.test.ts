/**
 * A Go program (examples/go-program) declaring connectors through the resource plugin with the
 * Go SDK `pulumi package gen-sdk --language go` generates from the plugin's schema
 * (scripts/go-sdk.js, generated here for each run), driven by the real CLI against the emulator:
 * create, a preview that expects no change, an update, `pulumi import` of a connector made in the
 * dashboard (with the Go it prints pasted into the program, and the whole printed program built
 * and vetted as it is, offline), refresh, destroy, and what the emulator holds after each.
 *
 * The CLI runs a Go language host: bundled with a pulumi on PATH, else this project's own
 * (tools/pulumi-cli/cmd/pulumi-language-go), which compiles the program with `go build` before
 * every run that needs it (up, preview). With Go's build cache cold that compile is most of the
 * suite's time; the first test's name says so.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulators, type Emulators } from "../../../scripts/lib/emulators";
import { repoRoot } from "../../../scripts/lib/paths";
import { runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { generateGoSdk, goSdkModule } from "../../../scripts/go-sdk";
import { pulumiCommand } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient, payload } from "../../support/emulator-api";
import { heldConnector, heldConnectors, importedCode, pluginConnectors, usePluginFromRepository, writesTo } from "../../support/language-program";
import { openWorkProject, type WorkProject } from "../../support/work-project";

// The first up compiles the program, the generated SDK and (on a machine whose Go build cache
// does not hold them yet) the Go SDK's dependencies.
jest.setTimeout(420_000);

let emulators: Emulators<"dev">;
let dev: EmulatorClient;
let project: WorkProject;
const transcript: string[] = [];

async function pulumiOk(args: string[]) {
  const result = await runPulumiOk(project.session, [...args, "--stack", "dev"]);
  transcript.push(result.output);
  return result;
}

/** The whole Go program `pulumi import` printed (the import step keeps it for the step that builds it as it is). */
let printedProgram = "";

/** Runs `go` in `cwd`; its exit code and everything it printed. */
function runGo(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile("go", args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}${stderr}${error && typeof error.code !== "number" ? error.message : ""}` });
    });
  });
}

/** Where the example's main.go invites the declarations `pulumi import` prints. */
const pasteMarker = "// Connectors taken over with `pulumi import` go here";

/** The statements inside the pulumi.Run of a program `pulumi import` printed, its final `return nil` left out. */
function declarationsOf(program: string): string {
  const lines = program.split("\n");
  const start = lines.findIndex((line) => line.includes("pulumi.Run(func(ctx *pulumi.Context) error {"));
  let end = lines.length - 1;
  while (end > start && lines[end]!.trim() !== "return nil") end--;
  if (start < 0 || end <= start) throw new Error(`no pulumi.Run body in the program pulumi import printed:\n${program}`);
  return lines.slice(start + 1, end).join("\n");
}

beforeAll(async () => {
  emulators = await startEmulators({ dev: {} });
  dev = new EmulatorClient(emulators.dev);
  project = await openWorkProject({
    label: "go-program",
    programFrom: path.join(repoRoot, "examples", "go-program"),
    programFiles: ["Pulumi.yaml", "main.go", "go.mod", "go.sum"],
    credentials: emulators.dev.credentials,
    stacks: ["dev"],
  });
  usePluginFromRepository(project.dir);
  generateGoSdk(path.join(project.dir, "sdk"), { cli: await pulumiCommand(), env: project.session.env });
});

afterAll(async () => {
  await emulators?.close();
  project?.cleanup();
});

test("pulumi package gen-sdk writes a Go SDK that asks for the plugin at the schema's version, from the schema's download URL", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8"));
  const manifest = JSON.parse(fs.readFileSync(path.join(project.dir, "sdk", "go", "scalekit", "pulumi-plugin.json"), "utf8"));
  expect(manifest).toEqual({ resource: true, name: "scalekit", version: schema.version, server: schema.pluginDownloadURL });
  expect(fs.readFileSync(path.join(project.dir, "sdk", "go", "go.mod"), "utf8")).toMatch(/^module github\.com\/scalekit-connectors-as-code\/sdk\/go$/m);
  expect(fs.readFileSync(path.join(project.dir, "sdk", "go", "scalekit", "customConnector.go"), "utf8")).toMatch(/func NewCustomConnector\(ctx \*pulumi\.Context/);
});

test("up (compiling the program first) creates the connectors as the Go program declares them", async () => {
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
  // The SDK registers its resources with the schema's version, and the engine loaded that plugin.
  const state = pluginConnectors(JSON.parse((await pulumiOk(["stack", "export"])).stdout));
  expect(Object.keys(state).sort()).toEqual(["forecastly", "pager-relay"]);
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

test("pulumi import takes a dashboard connector over with no write, and the Go it prints declares it with no change", async () => {
  const made = await dev.created(payload("Dash Board"));
  const writes = await writesTo(dev);
  const result = await pulumiOk(["import", "scalekit:index:CustomConnector", "dash-board", made.identifier, "--yes", "--protect=false"]);
  expect(await writesTo(dev)).toBe(writes);

  const printed = importedCode(result.stdout, /^package main\s*$/);
  expect(printed).toMatch(/scalekit\.NewCustomConnector\(ctx, "dash-board", &scalekit\.CustomConnectorArgs\{/);
  expect(printed).toMatch(/DisplayName:\s+pulumi\.String\("Dash Board"\)/);
  const mainFile = path.join(project.dir, "main.go");
  const main = fs.readFileSync(mainFile, "utf8");
  expect(main).toContain(pasteMarker);
  fs.writeFileSync(mainFile, main.replace(pasteMarker, `{\n${declarationsOf(printed)}\n\t\t}\n\t\t${pasteMarker}`));

  await pulumiOk(["preview", "--expect-no-changes"]);
  expect(await writesTo(dev)).toBe(writes);
  printedProgram = printed;
});

test("the whole Go program pulumi import printed, saved as main.go with no edit, builds and passes go vet against the generated SDK, offline", async () => {
  // It imports the Go SDK's package by the schema's language.go.importBasePath, the module a program replaces with the generated folder.
  expect(printedProgram).toContain(`"${goSdkModule}/scalekit"`);
  const pasted = path.join(project.tmp, "pasted");
  fs.mkdirSync(pasted);
  fs.writeFileSync(path.join(pasted, "main.go"), printedProgram);
  const goMod = fs.readFileSync(path.join(project.dir, "go.mod"), "utf8");
  expect(goMod).toContain(`replace ${goSdkModule} => ./sdk/go`);
  fs.writeFileSync(path.join(pasted, "go.mod"), goMod.replace(`replace ${goSdkModule} => ./sdk/go`, `replace ${goSdkModule} => ${path.join(project.dir, "sdk", "go")}`));
  fs.copyFileSync(path.join(project.dir, "go.sum"), path.join(pasted, "go.sum"));
  const offline = { ...process.env, GOPROXY: "off", GOFLAGS: "-mod=readonly" };
  for (const args of [["build", "-o", os.devNull, "."], ["vet", "."]]) {
    const result = await runGo(args, pasted, offline);
    if (result.code !== 0) throw new Error(`go ${args.join(" ")} of the program pulumi import printed failed:\n${result.output}\n--- the program:\n${printedProgram}`);
  }
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
