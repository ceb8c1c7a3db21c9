/**
 * An example program copied to a temporary folder (node_modules linked to the repository's),
 * with its own file backend and an emulator as its Scalekit environment.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "scalekit-emulator";
import { credentialsEnv } from "../../scripts/lib/credentials";
import { repoRoot } from "../../scripts/lib/paths";
import { runPulumi, runPulumiOk, type PulumiRunResult, type PulumiSession } from "../../scripts/lib/pulumi-process";

export interface ExampleProject {
  dir: string;
  emulator: RunningEmulator;
  session: PulumiSession;
  /** A Pulumi command that must succeed. */
  ok(args: string[]): Promise<PulumiRunResult>;
  /** A Pulumi command that may fail. */
  run(args: string[]): Promise<PulumiRunResult>;
  /** The custom connectors the emulator holds. */
  connectors(): Promise<{ identifier: string; display_name: string; is_custom_mcp: boolean; auth_patterns: { type: string }[] }[]>;
  close(): Promise<void>;
}

export async function openExample(name: string): Promise<ExampleProject> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  const dir = path.join(tmp, name);
  fs.cpSync(path.join(repoRoot, "examples", name), dir, { recursive: true });
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  const backendDir = path.join(tmp, "state");
  fs.mkdirSync(backendDir);
  // Identifiers in a form no example may guess: each must use what Scalekit returns.
  const emulator = await startEmulator({ port: 0, identifierStyle: "suffixed" });
  const session: PulumiSession = {
    cwd: dir,
    backendDir,
    passphrase: "example test",
    env: { ...credentialsEnv(emulator.credentials), PULUMI_HOME: path.join(tmp, "pulumi-home") },
  };
  return {
    dir,
    emulator,
    session,
    ok: (args) => runPulumiOk(session, args),
    run: (args) => runPulumi(session, args),
    async connectors() {
      const response = await fetch(`${emulator.url}/_emulator/connectors`);
      return ((await response.json()) as { providers: [] }).providers;
    },
    async close() {
      await emulator.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The resource names a preview or up reports as created (`+ ... CustomConnector <name> create`). */
export function createdConnectors(output: string): string[] {
  const names = new Set<string>();
  for (const match of output.matchAll(/^ \+ +pulumi-nodejs:dynamic\/scalekit:CustomConnector (\S+) creat/gm)) names.add(match[1]);
  return [...names].sort();
}
