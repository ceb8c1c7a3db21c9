/**
 * An example program copied to a temporary folder (node_modules linked to the repository's),
 * with its own file backend and an emulator as its Scalekit environment.
 */
import * as path from "path";
import type { Provider } from "scalekit-emulator";
import { emulatorControl } from "../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../scripts/lib/emulators";
import { repoRoot } from "../../scripts/lib/paths";
import { runPulumi, runPulumiOk, type PulumiRunResult, type PulumiSession } from "../../scripts/lib/pulumi-process";
import { openWorkProject } from "./work-project";

export interface ExampleProject {
  dir: string;
  emulator: WatchedEmulator;
  session: PulumiSession;
  /** A Pulumi command that must succeed. */
  ok(args: string[]): Promise<PulumiRunResult>;
  /** A Pulumi command that may fail. */
  run(args: string[]): Promise<PulumiRunResult>;
  /** The custom connectors the emulator holds. */
  connectors(): Promise<Provider[]>;
  close(): Promise<void>;
}

export async function openExample(name: string): Promise<ExampleProject> {
  // Identifiers in a form no example may guess: each must use what Scalekit returns.
  const emulator = await startWatchedEmulator({ identifierStyle: "suffixed" });
  const project = await openWorkProject({ label: `example-${name}`, programFrom: path.join(repoRoot, "examples", name), credentials: emulator.credentials, passphrase: "example test" });
  const { dir, session } = project;
  return {
    dir,
    emulator,
    session,
    ok: (args) => runPulumiOk(session, args),
    run: (args) => runPulumi(session, args),
    connectors: () => emulatorControl.connectors(emulator.url),
    async close() {
      await emulator.close();
      project.cleanup();
    },
  };
}

/**
 * Opens the example before the file's tests, with its stacks created (default `dev`), and closes
 * it after them; the returned function gives it to a test.
 */
export function useExample(name: string, stacks: readonly string[] = ["dev"]): () => ExampleProject {
  let example: ExampleProject | undefined;
  beforeAll(async () => {
    example = await openExample(name);
    for (const stack of stacks) await example.ok(["stack", "init", stack]);
  });
  afterAll(async () => {
    await example?.close();
  });
  return () => {
    if (!example) throw new Error(`examples/${name} is only open inside the file's tests`);
    return example;
  };
}

/** The resource names a preview or up reports as created (`+ ... CustomConnector <name> create`). */
export function createdConnectors(output: string): string[] {
  const names = new Set<string>();
  for (const match of output.matchAll(/^ \+ +pulumi-nodejs:dynamic\/scalekit:CustomConnector (\S+) creat/gm)) names.add(match[1]);
  return [...names].sort();
}
