/**
 * `npm run pull`: one definition file for every custom connector live in a stack's Scalekit
 * environment that the definitions folder does not declare yet. Read only towards Scalekit.
 */
import * as fs from "fs";
import * as path from "path";
import { readDefinitionFiles } from "pulumi-scalekit-connectors";
import { ScalekitClient, type StoredProvider } from "pulumi-scalekit-connectors/internal";
import { credentialConfigKeys, credentialEnvVars, type ScalekitCredentials } from "../lib/credentials";
import { EXIT_OK, PullError, type PullOptions } from "./args";
import { planPull, showRelative, type Decision } from "./plan";
import { renderReport } from "./report";
import { credentialSource, definitionsDir, stackCredentials, type StackConfigReader } from "./stack";

/** What pull needs from the outside world; tests pass their own. */
export interface PullDeps {
  readConfig: StackConfigReader;
  env: NodeJS.ProcessEnv;
  /** Every custom connector of the environment (the CUSTOM listing, all pages). */
  listConnectors(credentials: ScalekitCredentials): Promise<StoredProvider[]>;
}

export interface PullResult {
  decisions: Decision[];
  output: string;
  exitCode: number;
}

/** The CUSTOM listing through the provider's own client (the only call pull makes). */
export async function listCustomConnectors(credentials: ScalekitCredentials): Promise<StoredProvider[]> {
  const client = new ScalekitClient(credentials);
  try {
    return await client.listCustomProviders();
  } finally {
    await client.close();
  }
}

/** The `*.json` definitions already in the folder, and every entry name there (none when the folder does not exist yet). */
function readFolder(dir: string): { existing: { file: string; payload: unknown }[]; entries: string[] } {
  if (!fs.existsSync(dir)) return { existing: [], entries: [] };
  if (!fs.statSync(dir).isDirectory()) throw new PullError(`${showRelative(dir)} is not a folder; pass the definitions folder with --dir.`);
  try {
    return { existing: readDefinitionFiles(dir), entries: fs.readdirSync(dir) };
  } catch (err) {
    // An unreadable file would stop pulumi up too; pull cannot tell which connector it declares.
    throw new PullError(`${(err as Error).message}`);
  }
}

async function listLive(stack: string, credentials: ScalekitCredentials, source: string, deps: PullDeps): Promise<StoredProvider[]> {
  try {
    return await deps.listConnectors(credentials);
  } catch (err) {
    throw new PullError(
      `cannot list the custom connectors of stack "${stack}" at ${credentials.environmentUrl}: ${(err as Error).message}\n` +
        `Stack "${stack}" took these credentials from ${source} (${credentialConfigKeys.join(", ")} in its config, ` +
        `else ${credentialEnvVars.join(", ")}). Correct them there, or check that the environment is reachable, then run the command again.`,
    );
  }
}

/** Writes one new file; never replaces one (a file that appeared meanwhile stops the command). */
function writeNew(dir: string, decision: Extract<Decision, { kind: "write" }>, done: string[]): void {
  try {
    fs.writeFileSync(path.join(dir, decision.fileName), decision.text, { flag: "wx" });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "EEXIST" ? "it appeared while pull was running (pull never overwrites a file)" : (err as Error).message;
    throw new PullError(`cannot write ${decision.file}: ${why}.${done.length > 0 ? ` Written before: ${done.join(", ")}.` : ""} Run the command again.`);
  }
  done.push(decision.file);
}

export async function runPull(options: PullOptions, deps: PullDeps): Promise<PullResult> {
  const config = await deps.readConfig(options.projectDir, options.stack);
  const credentials = stackCredentials(options.stack, config, deps.env);
  const { dir, configured } = definitionsDir(options.projectDir, config, options.dir);
  const folder = readFolder(dir);
  const source = credentialSource(config);
  const live = await listLive(options.stack, credentials, source, deps);
  const decisions = planPull({ dir, existing: folder.existing, entries: folder.entries, live });

  const toWrite = decisions.filter((d): d is Extract<Decision, { kind: "write" }> => d.kind === "write");
  if (toWrite.length > 0) fs.mkdirSync(dir, { recursive: true });
  const done: string[] = [];
  for (const decision of toWrite) writeNew(dir, decision, done);

  const relativeDir = path.relative(options.projectDir, dir) || ".";
  const output = renderReport({
    stack: options.stack,
    environmentUrl: credentials.environmentUrl,
    credentialsFrom: source,
    dir: showRelative(dir),
    existingFiles: folder.existing.length,
    liveCount: live.length,
    decisions,
    ...(dir === configured ? {} : { connectorsDirCommand: `npm run pulumi -- config set connectorsDir ${relativeDir} --stack ${options.stack}` }),
  });
  return { decisions, output, exitCode: EXIT_OK };
}
