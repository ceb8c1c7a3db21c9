/**
 * The real Pulumi CLI (found on PATH, or built from source by tools/pulumi-cli/index.js) runs a
 * TypeScript program with a Node.js dynamic resource through the whole lifecycle against a local
 * file backend: stack init, config (with a secret), up, stack output, preview, refresh, import,
 * export, destroy.
 *
 * It also pins three facts the connector provider relies on, at the @pulumi/pulumi of the lock file:
 *  - a dynamic provider's configure(req) receives the stack config (secrets decrypted, every
 *    value a string) through req.config.get("<project>:<key>");
 *  - pulumi.log.warn() inside diff/create/read/delete shows in the CLI output of preview/up/
 *    refresh/destroy;
 *  - importing a dynamic resource (`pulumi import` or the `import` resource option) fails: the
 *    engine's import step calls the provider's Read with only an id, and the Node.js dynamic
 *    provider host needs the serialized provider from the resource's properties.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { nodeModulesDir } from "../../../scripts/lib/paths";
import { linkNodeModules } from "../../../scripts/lib/project-copy";
import { runPulumi, type PulumiRunResult, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { ensurePulumiCli, type PulumiCli } from "../../../tools/pulumi-cli";

const project = "clitest";
const stack = "dev";

/** The program: one dynamic resource whose provider keeps a file per resource in `worldDir`. */
const program = `
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

interface ThingInputs { dir: string; name: string; message: string }

const provider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    // Record what configure receives, for the test to read back.
    const dir = req.config.require("worldDir");
    const seen = {
      greeting: req.config.get("greeting"),
      token: req.config.get("${project}:token"),
      count: req.config.get("count"),
      missing: req.config.get("nope"),
    };
    fs.writeFileSync(path.join(dir, "configure.json"), JSON.stringify(seen));
  },
  async diff(id: string, olds: ThingInputs, news: ThingInputs) {
    pulumi.log.warn("clitest-probe diff " + id);
    const replaces = olds.message !== news.message ? ["message"] : [];
    return { changes: replaces.length > 0, replaces };
  },
  async create(inputs: ThingInputs) {
    pulumi.log.warn("clitest-probe create " + inputs.name);
    const file = path.join(inputs.dir, inputs.name + ".txt");
    fs.writeFileSync(file, inputs.message);
    return { id: inputs.name, outs: { ...inputs, file, length: inputs.message.length } };
  },
  async read(id: string, props: any) {
    pulumi.log.warn("clitest-probe read " + id);
    const message = fs.readFileSync(props.file, "utf8");
    return { id, props: { ...props, message, length: message.length } };
  },
  async delete(id: string, props: any) {
    pulumi.log.warn("clitest-probe delete " + id);
    fs.rmSync(props.file, { force: true });
  },
};

class Thing extends pulumi.dynamic.Resource {
  declare public readonly file: pulumi.Output<string>;
  declare public readonly length: pulumi.Output<number>;
  constructor(name: string, args: { dir: string; message: pulumi.Input<string> }, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args, name, file: undefined, length: undefined }, opts);
  }
}

const config = new pulumi.Config();
const dir = config.require("worldDir");
const thing = new Thing("thing", { dir, message: config.require("greeting") });

const adoptId = config.get("adoptId");
if (adoptId) {
  new Thing("adopted", { dir, message: "adopted" }, { import: adoptId });
}

export const file = thing.file;
export const length = thing.length;
export const token = config.requireSecret("token");
`;

let cli: PulumiCli;
let tmp: string;
let projectDir: string;
let worldDir: string;
let session: PulumiSession;

function pulumi(args: string[]): Promise<PulumiRunResult> {
  return runPulumi(session, args);
}

/** Runs a command that must succeed; on failure the assertion shows its whole output. */
async function ok(args: string[]): Promise<PulumiRunResult> {
  const result = await pulumi(args);
  expect({ command: `pulumi ${args.join(" ")}`, code: result.code, output: result.code === 0 ? "(ok)" : result.output }).toEqual({
    command: `pulumi ${args.join(" ")}`,
    code: 0,
    output: "(ok)",
  });
  return result;
}

beforeAll(async () => {
  cli = ensurePulumiCli();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-test-"));
  projectDir = path.join(tmp, "project");
  worldDir = path.join(tmp, "world");
  const backendDir = path.join(tmp, "state");
  for (const dir of [projectDir, worldDir, backendDir]) fs.mkdirSync(dir);
  fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\ndescription: Pulumi CLI test program\n`);
  fs.writeFileSync(path.join(projectDir, "package.json"), JSON.stringify({ name: project, private: true, main: "index.ts", dependencies: { "@pulumi/pulumi": "^3.200.0" } }));
  fs.writeFileSync(path.join(projectDir, "index.ts"), program);
  linkNodeModules(projectDir);
  session = { cwd: projectDir, backendDir, passphrase: "test passphrase", env: { PULUMI_HOME: path.join(tmp, "pulumi-home") } };
}, 30 * 60 * 1000); // the first run on a machine may build the CLI

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// One CLI command takes a few seconds; leave room for a busy machine.
jest.setTimeout(5 * 60 * 1000);

describe("the Pulumi CLI runs a Node.js dynamic provider", () => {
  test("pulumi version matches the installed @pulumi/pulumi", async () => {
    const sdk = JSON.parse(fs.readFileSync(path.join(nodeModulesDir, "@pulumi", "pulumi", "package.json"), "utf8")).version;
    const result = await ok(["version"]);
    if (cli.source === "build") expect(result.stdout.trim()).toBe(`v${sdk}`);
    else expect(result.stdout.trim()).toMatch(/^v3\./);
  });

  test("stack init and config, with a secret", async () => {
    await ok(["stack", "init", stack]);
    await ok(["config", "set", "worldDir", worldDir]);
    await ok(["config", "set", "greeting", "hello"]);
    await ok(["config", "set", "count", "3"]);
    await ok(["config", "set", "--secret", "token", "s3cret"]);
    const stackFile = fs.readFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), "utf8");
    expect(stackFile).toContain("secure:");
    expect(stackFile).not.toContain("s3cret");
  });

  test("up creates the resource; provider warnings show; configure gets the stack config", async () => {
    const result = await ok(["up", "--yes"]);
    expect(result.output).toContain("clitest-probe create thing");
    expect(result.output).toContain("+ 2 created");
    expect(fs.readFileSync(path.join(worldDir, "thing.txt"), "utf8")).toBe("hello");

    // configure(req): namespaced keys, the secret decrypted, every value a string.
    const seen = JSON.parse(fs.readFileSync(path.join(worldDir, "configure.json"), "utf8"));
    expect(seen).toEqual({ greeting: "hello", token: "s3cret", count: "3" });
    // The CLI masks the secret's value wherever it would print it.
    expect(result.output).not.toContain("s3cret");
  });

  test("stack output --json", async () => {
    const shown = JSON.parse((await ok(["stack", "output", "--json"])).stdout);
    expect(shown).toEqual({ file: path.join(worldDir, "thing.txt"), length: 5, token: "[secret]" });
    const revealed = JSON.parse((await ok(["stack", "output", "--json", "--show-secrets"])).stdout);
    expect(revealed.token).toBe("s3cret");
  });

  test("preview finds no changes and shows the provider's diff warning", async () => {
    const result = await ok(["preview", "--expect-no-changes"]);
    expect(result.output).toContain("clitest-probe diff thing");
    expect(result.output).toContain("2 unchanged");
  });

  test("pulumi import of a dynamic resource fails at this version", async () => {
    const result = await pulumi(["import", "pulumi-nodejs:dynamic:Resource", "imported", "thing", "--yes"]);
    expect(result.code).not.toBe(0);
    // The dynamic provider host gets a Read without properties, so no serialized provider: at
    // 3.276 its loader says the provider's code is missing (3.248 failed reading a property of it).
    expect(result.output).toContain("code must be a string, not undefined");
  });

  test("the import resource option fails for a dynamic resource too", async () => {
    await ok(["config", "set", "adoptId", "thing"]);
    const result = await pulumi(["up", "--yes"]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("code must be a string, not undefined");
    await ok(["config", "rm", "adoptId"]);
  });

  test("stack export holds the dynamic resource and its serialized provider", async () => {
    const exported = JSON.parse((await ok(["stack", "export"])).stdout);
    expect(exported.deployment.manifest.version).toMatch(/^v3\./);
    const types = exported.deployment.resources.map((r: { type: string }) => r.type).sort();
    expect(types).toEqual(["pulumi-nodejs:dynamic:Resource", "pulumi:providers:pulumi-nodejs", "pulumi:pulumi:Stack"]);
    const thing = exported.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic:Resource");
    expect(typeof thing.inputs.__provider).toBe("string");
  });

  test("refresh reads the resource through the provider", async () => {
    fs.writeFileSync(path.join(worldDir, "thing.txt"), "hello, drifted");
    const result = await ok(["refresh", "--yes"]);
    expect(result.output).toContain("clitest-probe read thing");
    const exported = JSON.parse((await ok(["stack", "export"])).stdout);
    const thing = exported.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::thing"));
    expect(thing.outputs.message).toBe("hello, drifted");
    expect(thing.outputs.length).toBe("hello, drifted".length);
  });

  test("destroy deletes the resource through the provider", async () => {
    const result = await ok(["destroy", "--yes"]);
    expect(result.output).toContain("clitest-probe delete thing");
    expect(fs.existsSync(path.join(worldDir, "thing.txt"))).toBe(false);
    const exported = JSON.parse((await ok(["stack", "export"])).stdout);
    expect(exported.deployment.resources ?? []).toEqual([]);
  });
});
