/**
 * A definition file holding a key that names a JavaScript internal, through the real Pulumi CLI:
 * `pulumi preview` of the root program fails, naming the file, the property and the rule, for a
 * `__proto__` at the top level and one deep in an auth pattern (JSON text as a user writes it),
 * and Scalekit receives no request at all.
 */
import * as fs from "fs";
import * as path from "path";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { connectorsDir } from "../../../scripts/lib/paths";
import { runPulumi, type PulumiRunResult } from "../../../scripts/lib/pulumi-process";
import { openWorkProject, type WorkProject } from "../../support/work-project";

jest.setTimeout(5 * 60 * 1000);

let emulator: WatchedEmulator;
let project: WorkProject;
let result: PulumiRunResult;

/** The repository's acme-crm.json as text, with `insert` written right after the text `after`. */
function spliced(after: string, insert: string): string {
  const text = fs.readFileSync(path.join(connectorsDir, "acme-crm.json"), "utf8");
  expect(text).toContain(after);
  return text.replace(after, `${after} ${insert},`);
}

beforeAll(async () => {
  emulator = await startWatchedEmulator();
  project = await openWorkProject({ label: "reserved-keys", connectorsFrom: connectorsDir, credentials: emulator.credentials, stacks: ["dev"] });
  const connectors = path.join(project.dir, "connectors");
  fs.writeFileSync(path.join(connectors, "zz-proto-top.json"), spliced("{", `"__proto__": { "proxy_url": "https://elsewhere.example.com" }`).replace('"display_name": "Acme CRM"', '"display_name": "Proto Top"'));
  fs.writeFileSync(path.join(connectors, "zz-proto-pattern.json"), spliced('"type": "OAUTH",', `"__proto__": { "is_mcp": true }`).replace('"display_name": "Acme CRM"', '"display_name": "Proto Pattern"'));
  await emulatorControl.clearCounters(emulator.url);
  result = await runPulumi(project.session, ["preview", "--stack", "dev"]);
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

test("the preview fails and Scalekit receives no request", async () => {
  expect(result.code).not.toBe(0);
  expect(await emulatorControl.counters(emulator.url)).toMatchObject({ total: 0, writes: 0 });
});

test.each([
  ["zz-proto-top.json", "__proto__"],
  ["zz-proto-pattern.json", "auth_patterns[0].__proto__"],
])("%s: the preview names the file, %s and the rule", (file, property) => {
  const lines = result.output.split("\n").map((line) => line.trim().replace(/^error: /, ""));
  const line = lines.find((each) => each.startsWith(`connectors/${file}: ${property}: `));
  expect({ file, line }).toEqual({ file, line: expect.stringMatching(/names a JavaScript internal \("__proto__"\).*cannot be carried faithfully through Pulumi's serialisation/) });
});
