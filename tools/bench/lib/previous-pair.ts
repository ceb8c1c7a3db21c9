/**
 * The previous runtime pair measured beside the default in the same run (issue 25): Node.js 20,
 * @pulumi/pulumi 3.248.0 and the Pulumi CLI 3.248.0 (tools/runtimes/runtimes.js), the pair the
 * project ran on before Node.js 24 and Pulumi 3.276 became its default.
 *
 * The project runs as its earlier users ran it. One folder outside the repository holds its
 * packages, installed by npm running on Node.js 20: this commit's provider package as `npm pack`
 * makes it, @pulumi/pulumi 3.248.0 from the registry, and the repository's TypeScript and
 * @types/node. The provider's package.json says `engines: node >=22`; npm on Node.js 20 warns
 * about that and installs it anyway (npm does not enforce engines unless told to), as the
 * compatibility run does (test/e2e/package/previous-release.test.ts). Every project copy of the
 * previous pair links its node_modules to that folder, so the program, the dynamic provider's
 * shim and the resource plugin all load @pulumi/pulumi 3.248, and the CLI 3.248 runs them with
 * Node.js 20 first on PATH.
 *
 * Only the whole commands of the default mode and of the plugin door run on it, for the same
 * sizes; the targets are judged on the default pair alone.
 */
import * as fs from "fs";
import * as path from "path";
import { nodeModulesDir } from "../../../scripts/lib/paths";
import { runPulumiCommand } from "../../../scripts/lib/pulumi-process";
import { ensurePreviousRuntime } from "../../runtimes/runtimes";
import { installPackages, lockedVersion } from "../../../test/support/fresh-project";
import { packWorkspaces } from "../../../test/support/pack";
import { runCliBench, type BenchPair, type CliBenchContext } from "./cli-bench";
import { previousPairModes, type PairDescription, type PairMode, type PreviousPairSize } from "./previous-pair-report";
import type { CliModeResult } from "./report";

/** The previous pair, installed and ready to run project copies on. */
export interface PreparedPreviousPair {
  pair: BenchPair;
  /** Its own PULUMI_HOME, so that nothing the CLI 3.276 keeps there is read by the CLI 3.248. */
  pulumiHome: string;
  description: PairDescription;
}

/** The packages npm installs for the previous pair: the packed provider, the previous SDK, the repository's TypeScript and Node.js types. */
export function previousPairPackages(providerTarball: string, previousSdk: string): string[] {
  return [providerTarball, `@pulumi/pulumi@${previousSdk}`, `typescript@${lockedVersion("typescript")}`, `@types/node@${lockedVersion("@types/node")}`];
}

function installedVersion(modulesDir: string, name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(modulesDir, name, "package.json"), "utf8")) as { version: string }).version;
}

/** The default pair as this run has it: this Node.js, the repository's @pulumi/pulumi, and the CLI's `pulumi version`. */
export function describeDefaultPair(cliVersion: string): PairDescription {
  return { node: process.version, sdk: installedVersion(nodeModulesDir, "@pulumi/pulumi"), cli: cliVersion };
}

/**
 * Node.js 20 and the CLI 3.248 (fetched or built once per machine), and the previous pair's
 * packages installed under `workDir` by npm on Node.js 20. Throws when npm installed another
 * @pulumi/pulumi than the previous pair's, since the comparison would then compare nothing.
 */
export async function preparePreviousPair(workDir: string, log: (line: string) => void): Promise<PreparedPreviousPair> {
  const previous = ensurePreviousRuntime();
  const dir = path.join(workDir, "previous-pair");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-previous-pair", private: true }, null, 2));
  log(`previous pair: installing the packed provider and @pulumi/pulumi ${previous.pulumi} with npm on Node.js ${previous.node.version}`);
  const [provider] = await packWorkspaces(["provider"], dir);
  if (!provider) throw new Error("npm pack --workspace provider made no tarball");
  await installPackages(dir, previousPairPackages(provider.tarball, previous.pulumi), { node: previous.node.nodePath });
  const modulesDir = path.join(dir, "node_modules");
  const sdk = installedVersion(modulesDir, "@pulumi/pulumi");
  if (sdk !== previous.pulumi) throw new Error(`${modulesDir} holds @pulumi/pulumi ${sdk}, not the previous pair's ${previous.pulumi}`);
  const baseEnv = previous.env();
  const version = await runPulumiCommand(["version"], { cwd: dir, cli: previous.cli, baseEnv });
  if (version.code !== 0) throw new Error(`the previous pair's CLI (${previous.cli.pulumiPath}) did not start:\n${version.output}`);
  return {
    pair: { name: "previous", cli: previous.cli, baseEnv, nodeModulesDir: modulesDir },
    pulumiHome: path.join(workDir, "pulumi-home-previous"),
    description: { node: `v${previous.node.version}`, sdk, cli: version.stdout.trim() },
  };
}

/** The whole commands of the default mode and the plugin door for one size, on the previous pair, the emulator reset before each mode. */
export async function runPreviousPair(
  prepared: PreparedPreviousPair,
  context: Omit<CliBenchContext, "pair">,
  n: number,
  definitionsDir: string,
  resetEmulator: () => Promise<void>,
): Promise<PreviousPairSize> {
  const cli = {} as Record<PairMode, CliModeResult>;
  for (const mode of previousPairModes) {
    await resetEmulator();
    context.log(`N=${n}: real CLI, ${mode} mode, previous pair`);
    const run = await runCliBench({ ...context, env: { ...context.env, PULUMI_HOME: prepared.pulumiHome }, pair: prepared.pair }, n, definitionsDir, mode);
    cli[mode] = { runs: run.runs, totalMs: run.totalMs, state: run.state };
  }
  return { n, cli };
}
