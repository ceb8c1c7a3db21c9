/**
 * `pulumi import` in a TypeScript project on the resource plugin's SDK
 * (pulumi-scalekit-connectors/plugin), with the real CLI against the emulator: the connector is
 * taken over with no write, the TypeScript printed for it (our Node.js language host's
 * GenerateProgram when the CLI is built here, Pulumi's own otherwise) pasted as the program, with
 * no edit, imports the SDK the user installed (the schema's language.nodejs.packageName),
 * type-checks (tsc, strict) and previews with no change, and `pulumi package gen-sdk --language
 * nodejs` writes a TypeScript SDK from the plugin's schema.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulators, type Emulators } from "../../../scripts/lib/emulators";
import { repoRoot, testFixturesDir } from "../../../scripts/lib/paths";
import { runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient, payload } from "../../support/emulator-api";
import { typeCheck } from "../../support/fresh-project";
import { importedCode, usePluginFromRepository, writesTo } from "../../support/language-program";
import { openWorkProject, type WorkProject } from "../../support/work-project";

jest.setTimeout(120_000);

let emulators: Emulators<"dev">;
let dev: EmulatorClient;
let project: WorkProject;

async function pulumiOk(args: string[]) {
  return runPulumiOk(project.session, [...args, "--stack", "dev"]);
}

beforeAll(async () => {
  emulators = await startEmulators({ dev: {} });
  dev = new EmulatorClient(emulators.dev);
  project = await openWorkProject({
    label: "typescript-import",
    programFrom: path.join(testFixturesDir, "typescript-plugin-program"),
    credentials: emulators.dev.credentials,
    stacks: ["dev"],
  });
  usePluginFromRepository(project.dir);
  await pulumiOk(["up", "--yes"]);
});

afterAll(async () => {
  await emulators?.close();
  project?.cleanup();
});

test("pulumi import prints TypeScript that, pasted as the program with no edit, type-checks and previews with no change, and nothing is written", async () => {
  const made = await dev.created(payload("Dash Board"));
  const writes = await writesTo(dev);
  const result = await pulumiOk(["import", "scalekit:index:CustomConnector", "dash-board", made.identifier, "--yes", "--protect=false"]);
  expect(await writesTo(dev)).toBe(writes);

  const printed = importedCode(result.stdout, /^import \* as pulumi from "@pulumi\/pulumi";\s*$/);
  expect(printed).toMatch(/new scalekit\.CustomConnector\("dash-board", \{/);
  expect(printed).toMatch(/displayName: "Dash Board",/);
  // It imports the SDK this package installs, not a package named after the schema.
  expect(printed).toMatch(/^import \* as scalekit from "pulumi-scalekit-connectors\/plugin";$/m);
  fs.writeFileSync(path.join(project.dir, "index.ts"), printed);
  const checked = await typeCheck(project.dir);
  if (!checked.ok) throw new Error(`the TypeScript pulumi import printed does not type-check as pasted:\n${checked.output}\n--- the program:\n${printed}`);

  await pulumiOk(["preview", "--expect-no-changes"]);
  expect(await writesTo(dev)).toBe(writes);
});

test("pulumi package gen-sdk --language nodejs writes a TypeScript SDK for the plugin's schema", async () => {
  const out = path.join(project.tmp, "sdk");
  await runPulumiOk(project.session, ["package", "gen-sdk", path.join(repoRoot, "provider", "schema.json"), "--language", "nodejs", "--out", out]);
  const connector = fs.readFileSync(path.join(out, "nodejs", "customConnector.ts"), "utf8");
  expect(connector).toMatch(/export class CustomConnector extends pulumi\.CustomResource/);
  expect(connector).toContain("__pulumiType = 'scalekit:index:CustomConnector'");
});
