/**
 * The Go example (examples/go-program) and the Go SDK generated for it: its go.mod requires every
 * module it shares with the CLI's build (tools/pulumi-cli/go.mod) at the CLI's version, so that a
 * machine that built the CLI compiles the program from Go's build cache (seconds instead of
 * minutes); and the schema handed to `pulumi package gen-sdk` is the plugin's with only the Go
 * options added.
 */
import * as fs from "fs";
import * as path from "path";
import { goSdkModule, goSdkSchema } from "../../scripts/go-sdk";
import { pulumiCliModuleDir, repoRoot } from "../../scripts/lib/paths";

/** module path → version, of every require line of a go.mod (direct and indirect). */
function requirements(goModFile: string): Map<string, string> {
  const text = fs.readFileSync(goModFile, "utf8");
  const found = new Map<string, string>();
  const blocks = [...text.matchAll(/^require \(\n([\s\S]*?)^\)/gm)].map((m) => m[1]!);
  const singles = [...text.matchAll(/^require (\S+ \S+)/gm)].map((m) => m[1]!);
  for (const line of [...blocks.flatMap((block) => block.split("\n")), ...singles]) {
    const match = /^\s*(\S+)\s+(v\S+)/.exec(line);
    if (match) found.set(match[1]!, match[2]!);
  }
  return found;
}

const programDir = path.join(repoRoot, "examples", "go-program");

test("the Go example requires each module it shares with the CLI's build at the CLI's version", () => {
  const cli = requirements(path.join(pulumiCliModuleDir, "go.mod"));
  const program = requirements(path.join(programDir, "go.mod"));
  expect(program.get("github.com/pulumi/pulumi/sdk/v3")).toBe(cli.get("github.com/pulumi/pulumi/sdk/v3"));
  const shared = [...program.keys()].filter((module) => cli.has(module));
  expect(shared.length).toBeGreaterThan(20);
  expect(shared.filter((module) => program.get(module) !== cli.get(module)).map((module) => `${module} ${program.get(module)} (CLI: ${cli.get(module)})`)).toEqual([]);
});

test("the Go example takes the SDK from the folder scripts/go-sdk.js generates into", () => {
  const goMod = fs.readFileSync(path.join(programDir, "go.mod"), "utf8");
  expect(goMod).toContain(`replace ${goSdkModule} => ./sdk/go`);
  expect(fs.readFileSync(path.join(programDir, "main.go"), "utf8")).toContain(`"${goSdkModule}/scalekit"`);
});

/** Deletes `key` from the object at `path` of `schema`, and each object on the way that this leaves empty. */
function withoutKey(schema: Record<string, any>, path: string[], key: string): void {
  const parents = [schema];
  for (const step of path) parents.push(parents[parents.length - 1]?.[step]);
  const holder = parents[parents.length - 1];
  if (holder === undefined || !(key in holder)) return;
  delete holder[key];
  for (let depth = path.length; depth > 0 && Object.keys(parents[depth]).length === 0; depth--) delete parents[depth - 1]![path[depth - 1]!];
}

test("the schema for the Go SDK is the plugin's, whose Go import path names the module, with a go.mod and the version pinned added, and nothing else", () => {
  const plugin = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8"));
  // The plugin's own schema names the Go package, so the Go that `pulumi import` prints imports the generated SDK.
  expect(plugin.language.go.importBasePath).toBe(`${goSdkModule}/scalekit`);
  const forGo = goSdkSchema();
  expect(forGo.language.go).toMatchObject({ importBasePath: `${goSdkModule}/scalekit`, respectSchemaVersion: true });
  expect(forGo.meta.supportPack).toBe(true);
  // Take the two Go additions away: what is left is the plugin's schema, every key and value.
  const rest = structuredClone(forGo);
  withoutKey(rest, ["language", "go"], "respectSchemaVersion");
  withoutKey(rest, ["meta"], "supportPack");
  expect(rest).toStrictEqual(plugin);
});
