/**
 * The fixed cost of a command: a `pulumi preview` with no change, for three programs and three
 * ways of running TypeScript, each in its own copy of the root project and file backend.
 *
 * Programs:
 *   - empty: `export {}`: what Pulumi itself costs (CLI, engine, language host, Node.js SDK);
 *   - dynamic: 10 no-op dynamic resources: Pulumi's dynamic-provider machinery on top (the
 *     provider closure serialized, the dynamic provider host started, 10 checks and diffs);
 *   - ours: the root program with 10 connector definitions (the dynamic door, its default);
 *   - plugin: the same with `door: plugin` in the stack's config: the connectors served by the
 *     resource plugin pulumi-resource-scalekit, which the engine starts as its own process.
 * Runtimes:
 *   - shipped: the project's Pulumi.yaml as it is (`typescript: true`, `tsconfig:
 *     tsconfig.pulumi.json`, whose `noCheck` makes ts-node only transpile);
 *   - typecheck: the same without the `tsconfig` line: ts-node compiles with tsconfig.json and
 *     type-checks, what the project did before;
 *   - js: the program compiled to JavaScript beforehand, `typescript: false`.
 * PULUMI_NODEJS_TRANSPILE_ONLY is unset for all of them, whatever the calling shell has.
 * Beside them, the plugin executable started alone until it prints its port: its own start-up.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../../scripts/lib/paths";
import { prepareProjectCopy } from "../../../scripts/lib/project-copy";
import { runPulumi, runPulumiOk, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { assertDoor, connectorResources, modeConfig, typeCheckEveryRun } from "./cli-bench";

export const fixedPrograms = ["empty", "dynamic", "ours", "plugin"] as const;
export type FixedProgram = (typeof fixedPrograms)[number];
export const fixedRuntimes = ["shipped", "typecheck", "js"] as const;
export type FixedRuntime = (typeof fixedRuntimes)[number];

export const fixedProgramLabels: Record<FixedProgram, string> = {
  empty: "empty program (Pulumi's floor)",
  dynamic: "10 no-op dynamic resources (Pulumi's dynamic-provider floor)",
  ours: "the root program, 10 connectors",
  plugin: "the root program, 10 connectors, plugin door (`door: plugin`)",
};

export const fixedRuntimeLabels: Record<FixedRuntime, string> = {
  shipped: "TypeScript, transpile-only: the project as shipped (tsconfig.pulumi.json, `noCheck`)",
  typecheck: "TypeScript, type-checked: Pulumi.yaml without its `tsconfig` line (tsconfig.json)",
  js: "compiled JavaScript, `typescript: false`",
};

export interface FixedCell {
  /** Every preview's wall time, in order. */
  wallMs: number[];
  medianMs: number;
}

export interface FixedCostResult {
  connectors: number;
  runs: number;
  cells: Record<FixedProgram, Record<FixedRuntime, FixedCell>>;
  /** `pulumi stack export` of the 10-connector stack: the CLI starting and reading the checkpoint, no program. */
  cliOnlyMs: number;
  /** The plugin executable started alone until it prints its port, median of `runs` starts (absent in older results). */
  pluginStartMs?: number;
}

/** The resource plugin's executable, as Pulumi.yaml's plugins.providers finds it in the installed package. */
export const pluginExecutable = path.join(repoRoot, "provider", "bin", "pulumi-resource-scalekit");

/**
 * Starts the plugin executable with no engine address (its warnings would go to stderr) and
 * resolves with the milliseconds until it printed its port, the line the engine waits for; then
 * ends it.
 */
export function timePluginStart(executable = pluginExecutable): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(executable, [], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let out = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/^\d+\r?\n/.test(out)) {
        const ms = performance.now() - started;
        child.kill();
        resolve(ms);
      }
    });
    child.on("error", reject);
    // "close", not "exit": only then has everything it wrote to stderr arrived (Node.js 24 often reports the exit first).
    child.on("close", (code, signal) => {
      if (!/^\d+\r?\n/.test(out)) reject(new Error(`${executable} ended (${signal ?? code}) before printing its port:\n${stderr.slice(-2000)}`));
    });
  });
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const dynamicProgram = `import * as pulumi from "@pulumi/pulumi";

// A dynamic provider that calls nothing: only Pulumi's own machinery is left to measure.
const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: String(inputs.name), outs: inputs };
  },
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name: string) {
    super(provider, name, { name }, {});
  }
}

for (let i = 1; i <= 10; i += 1) {
  new Noop(\`noop-\${i}\`);
}
`;

function writeProgram(projectDir: string, program: FixedProgram): void {
  const index = path.join(projectDir, "index.ts");
  if (program === "empty") fs.writeFileSync(index, "export {};\n");
  if (program === "dynamic") fs.writeFileSync(index, dynamicProgram);
}

/** Compiles the program's index.ts to index.js and turns Pulumi's TypeScript support off. */
function compileToJavaScript(projectDir: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("typescript") as typeof import("typescript");
  const index = path.join(projectDir, "index.ts");
  const output = ts.transpileModule(fs.readFileSync(index, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: "index.ts",
  });
  fs.writeFileSync(path.join(projectDir, "index.js"), output.outputText);
  fs.rmSync(index);
  const manifest = path.join(projectDir, "package.json");
  fs.writeFileSync(manifest, JSON.stringify({ ...(JSON.parse(fs.readFileSync(manifest, "utf8")) as object), main: "index.js" }, null, 2));
  const project = path.join(projectDir, "Pulumi.yaml");
  const yaml = fs.readFileSync(project, "utf8");
  if (!/typescript: true/.test(yaml)) throw new Error("Pulumi.yaml no longer says `typescript: true`; the bench's JavaScript variant needs updating");
  fs.writeFileSync(project, yaml.replace("typescript: true", "typescript: false"));
}

export interface FixedCostContext {
  workDir: string;
  /** Credentials of an emulator for the root program. */
  env: NodeJS.ProcessEnv;
  /** Empties the emulator between the root program's stacks. */
  resetEmulator: () => Promise<void>;
  /** The 10 definitions the root program declares. */
  definitionsDir: string;
  runs: number;
  log: (line: string) => void;
}

export async function measureFixedCost(context: FixedCostContext): Promise<FixedCostResult> {
  const cells = {} as Record<FixedProgram, Record<FixedRuntime, FixedCell>>;
  let cliOnlyMs = 0;
  for (const program of fixedPrograms) {
    cells[program] = {} as Record<FixedRuntime, FixedCell>;
    for (const runtime of fixedRuntimes) {
      const dir = path.join(context.workDir, `fixed-${program}-${runtime}`);
      fs.rmSync(dir, { recursive: true, force: true });
      const projectDir = prepareProjectCopy(path.join(dir, "project"), { connectorsFrom: context.definitionsDir });
      writeProgram(projectDir, program);
      if (runtime === "typecheck") typeCheckEveryRun(projectDir);
      if (runtime === "js") compileToJavaScript(projectDir);
      const backendDir = path.join(dir, "backend");
      fs.mkdirSync(backendDir, { recursive: true });
      const session: PulumiSession = {
        cwd: projectDir,
        backendDir,
        passphrase: "bench-local-only",
        env: { ...context.env, PULUMI_NODEJS_TRANSPILE_ONLY: undefined },
      };
      if (program === "ours" || program === "plugin") await context.resetEmulator();
      await runPulumiOk(session, ["stack", "init", "dev"]);
      if (program === "plugin") {
        for (const [key, value] of modeConfig("plugin")) await runPulumiOk(session, ["config", "set", key, value, "--stack", "dev"]);
      }
      await runPulumiOk(session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);
      if (program === "ours" || program === "plugin") {
        const exported = await runPulumiOk(session, ["stack", "export", "--stack", "dev"]);
        assertDoor(connectorResources(JSON.parse(exported.stdout)), 10, program === "plugin" ? "plugin" : "default");
      }
      const wallMs: number[] = [];
      for (let run = 0; run < context.runs; run += 1) {
        const started = performance.now();
        const result = await runPulumi(session, ["preview", "--expect-no-changes", "--stack", "dev"]);
        wallMs.push(performance.now() - started);
        if (result.code !== 0) throw new Error(`preview of the ${program} program (${runtime}) found changes or failed:\n${result.output.slice(-3000)}`);
      }
      cells[program][runtime] = { wallMs, medianMs: median(wallMs) };
      context.log(`  fixed cost: ${program} / ${runtime}: ${wallMs.map((ms) => (ms / 1000).toFixed(2)).join(", ")} s`);
      if (program === "ours" && runtime === "shipped") {
        const started = performance.now();
        await runPulumiOk(session, ["stack", "export", "--stack", "dev"]);
        cliOnlyMs = performance.now() - started;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const starts: number[] = [];
  for (let run = 0; run < context.runs; run += 1) starts.push(await timePluginStart());
  context.log(`  fixed cost: the plugin executable alone, to its port: ${starts.map((ms) => (ms / 1000).toFixed(2)).join(", ")} s`);
  return { connectors: 10, runs: context.runs, cells, cliOnlyMs, pluginStartMs: median(starts) };
}
