/**
 * Lays out the floor: its provider transpiled to JavaScript in a folder of its own (the dynamic
 * provider host and the plugin are plain Node.js), the plugin's executable beside it, and a copy
 * of the root project whose program registers one floor resource per definition file, with the
 * same arguments and options as the root program gives a connector, through either door.
 */
import * as fs from "fs";
import * as path from "path";
import { linkNodeModules, prepareProjectCopy } from "../../../../scripts/lib/project-copy";
import { floorConnectorType, floorPackage, floorPluginVersion } from "./plugin-server";
import { identityOutputs } from "./noop-provider";

export const floorDoors = ["dynamic", "plugin"] as const;
export type FloorDoor = (typeof floorDoors)[number];

/** The floor's modules, transpiled in this order (each file's imports are among them or Node.js's and the installed packages'). */
const floorModules = ["noop-provider", "dynamic-runtime", "plugin-server", "plugin-main"];

/** The connector's input properties through the plugin (the SDK's customConnectorInputs; tools/bench/test/floor.test.ts compares). */
export const connectorInputProperties = ["displayName", "description", "authPatterns", "proxyUrl", "proxyEnabled", "iconSrc", "metadata", "scalekitPayload", "adopt"] as const;

export interface FloorLib {
  dir: string;
  /** The dynamic runtime, loaded by the floor program's shim by path. */
  dynamicRuntime: string;
  /** `pulumi-resource-floor`, found by the engine through `plugins.providers`. */
  pluginExecutable: string;
}

/** Transpiles the floor's modules into `dir` and writes the plugin's executable. */
export function writeFloorLib(dir: string): FloorLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("typescript") as typeof import("typescript");
  fs.mkdirSync(dir, { recursive: true });
  for (const name of floorModules) {
    const source = fs.readFileSync(path.join(__dirname, `${name}.ts`), "utf8");
    const output = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: `${name}.ts`,
    });
    fs.writeFileSync(path.join(dir, `${name}.js`), output.outputText);
  }
  linkNodeModules(dir);
  const pluginExecutable = path.join(dir, `pulumi-resource-${floorPackage}`);
  fs.writeFileSync(pluginExecutable, `#!/usr/bin/env node\nrequire("./plugin-main.js");\n`, { mode: 0o755 });
  return { dir, dynamicRuntime: path.join(dir, "dynamic-runtime.js"), pluginExecutable };
}

/** The program's shared part: one resource per definition file, registered after an await as the root program does. */
function registration(resource: string): string {
  return `export = async () => {
  await Promise.resolve();
  const dir = path.resolve("connectors");
  const identifiers: Record<string, pulumi.Output<string>> = {};
  for (const file of fs.readdirSync(dir).filter((entry) => entry.endsWith(".json")).sort()) {
    const name = file.slice(0, -".json".length);
    const payload = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
    identifiers[name] = new ${resource}(name, { scalekitPayload: payload, adopt: false }, { protect: false }).identifier;
  }
  return { connectors: identifiers };
};
`;
}

const header = `import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
`;

/**
 * The dynamic door's floor program: a shim of one method that loads the floor's runtime on the
 * host's first call, as the connector's shim does, and the connector's properties and options.
 */
export function dynamicFloorProgram(runtimePath: string): string {
  return `${header}
const provider = {
  configure: function (req: unknown) { const r = require(${JSON.stringify(runtimePath)}).floorDynamicProvider; Object.setPrototypeOf(this, r); return r.configure(req); },
} as unknown as pulumi.dynamic.ResourceProvider;

class FloorConnector extends pulumi.dynamic.Resource {
  declare public readonly identifier: pulumi.Output<string>;
  constructor(name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args, identifier: undefined, scalekitId: undefined, isCustomMcp: undefined }, { ...opts, additionalSecretOutputs: ["definition"] }, ${JSON.stringify(floorPackage)}, "Connector");
  }
}

${registration("FloorConnector")}`;
}

/** The plugin door's floor program: a CustomResource with the connector's input and output properties, asking for the floor plugin. */
export function pluginFloorProgram(): string {
  const properties = [...connectorInputProperties, ...identityOutputs];
  return `${header}
class FloorConnector extends pulumi.CustomResource {
  declare public readonly identifier: pulumi.Output<string>;
  constructor(name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = Object.fromEntries(${JSON.stringify(properties)}.map((key) => [key, undefined]));
    super(${JSON.stringify(floorConnectorType)}, name, Object.assign(props, args), { version: ${JSON.stringify(floorPluginVersion)}, ...opts });
  }
}

${registration("FloorConnector")}`;
}

/** Pulumi.yaml with the floor plugin first under plugins.providers; throws when that list is not where it was. */
export function withFloorPlugin(yaml: string, pluginDir: string): string {
  const providers = /^  providers:[ \t]*\r?\n/m;
  if (!providers.test(yaml)) throw new Error("Pulumi.yaml no longer has `plugins:` / `  providers:`; the bench's plugin floor needs updating");
  return yaml.replace(providers, (line) => `${line}    - name: ${floorPackage}\n      path: ${JSON.stringify(pluginDir)}\n`);
}

/** A copy of the root project with the floor program of `door` and the definitions of `definitionsDir`. */
export function prepareFloorProject(projectDir: string, door: FloorDoor, lib: FloorLib, definitionsDir: string): string {
  prepareProjectCopy(projectDir, { connectorsFrom: definitionsDir });
  fs.writeFileSync(path.join(projectDir, "index.ts"), door === "dynamic" ? dynamicFloorProgram(lib.dynamicRuntime) : pluginFloorProgram());
  const project = path.join(projectDir, "Pulumi.yaml");
  fs.writeFileSync(project, withFloorPlugin(fs.readFileSync(project, "utf8"), lib.dir));
  return projectDir;
}
