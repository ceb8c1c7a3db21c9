/**
 * A working copy of a Pulumi program for one suite, in a temporary folder with its own file
 * backend and PULUMI_HOME, so that nothing a suite does touches the repository or the user's
 * Pulumi: the root program (scripts/lib/project-copy.ts) or any other program folder (an
 * example, a fixture), `node_modules` linked to the repository's.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { credentialSettings, credentialsEnv, type ScalekitCredentials } from "../../scripts/lib/credentials";
import { linkNodeModules, prepareProjectCopy } from "../../scripts/lib/project-copy";
import { runPulumiOk, sessionBackendUrl, type PulumiRunResult, type PulumiSession } from "../../scripts/lib/pulumi-process";

export interface WorkProject {
  /** The temporary folder that holds everything: project/, backend/, pulumi-home/. */
  tmp: string;
  /** The program's folder. */
  dir: string;
  session: PulumiSession;
  /** Removes the temporary folder. */
  cleanup(): void;
}

export interface WorkProjectOptions {
  /** Names the temporary folder, e.g. `warnings`. */
  label: string;
  /** A program folder to copy instead of the root program. */
  programFrom?: string;
  /** With programFrom: only these of its files (default all). */
  programFiles?: readonly string[];
  /** With the root program: the definitions to copy in as `connectors/` (default the repository's). */
  connectorsFrom?: string;
  /** With the root program: exactly these definitions in `connectors/` (file name → payload; `{}` for none). */
  definitions?: Record<string, unknown>;
  /** An environment every command reaches through the SCALEKIT_* variables. */
  credentials?: ScalekitCredentials;
  /** Default `<label>-local-only`. */
  passphrase?: string;
  /** More environment for every command. */
  env?: NodeJS.ProcessEnv;
  /** Stacks to create in the backend. */
  stacks?: readonly string[];
  /** A backend other than the folder's own file backend (`postgres://...`): every command and shellEnv use it. */
  backendUrl?: string;
}

export async function openWorkProject(options: WorkProjectOptions): Promise<WorkProject> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `${options.label}-`));
  const dir = path.join(tmp, "project");
  if (options.programFrom) {
    const from = options.programFrom;
    if (options.programFiles) {
      fs.mkdirSync(dir);
      for (const file of options.programFiles) fs.copyFileSync(path.join(from, file), path.join(dir, file));
    } else {
      fs.cpSync(from, dir, { recursive: true });
    }
    linkNodeModules(dir);
  } else {
    prepareProjectCopy(dir, { connectorsFrom: options.connectorsFrom });
    if (options.definitions) writeDefinitions(dir, options.definitions);
  }
  const backendDir = path.join(tmp, "backend");
  fs.mkdirSync(backendDir);
  const session: PulumiSession = {
    cwd: dir,
    backendDir,
    ...(options.backendUrl ? { backendUrl: options.backendUrl } : {}),
    passphrase: options.passphrase ?? `${options.label}-local-only`,
    env: { ...(options.credentials ? credentialsEnv(options.credentials) : {}), PULUMI_HOME: path.join(tmp, "pulumi-home"), ...options.env },
  };
  for (const stack of options.stacks ?? []) await runPulumiOk(session, ["stack", "init", stack]);
  return { tmp, dir, session, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

/** Makes `connectors/` of the program in `dir` hold exactly `definitions` (file name → payload), as 2-space JSON. */
export function writeDefinitions(dir: string, definitions: Record<string, unknown>): void {
  const connectorsDir = path.join(dir, "connectors");
  fs.rmSync(connectorsDir, { recursive: true, force: true });
  fs.mkdirSync(connectorsDir);
  for (const [file, payload] of Object.entries(definitions)) fs.writeFileSync(path.join(connectorsDir, file), `${JSON.stringify(payload, null, 2)}\n`);
}

/** Puts an environment's credentials into a stack's config, the secret encrypted, as the README tells a user to; returns what each command printed. */
export async function setStackCredentials(session: PulumiSession, stack: string, credentials: ScalekitCredentials): Promise<PulumiRunResult[]> {
  const results: PulumiRunResult[] = [];
  for (const setting of credentialSettings) {
    results.push(await runPulumiOk(session, ["config", "set", ...(setting.secret ? ["--secret"] : []), setting.configKey, credentials[setting.field], "--stack", stack]));
  }
  return results;
}

/** What a user's shell holds for the project's stacks (backend, passphrase, PULUMI_HOME): for the tools a suite runs as processes. */
export function shellEnv(session: PulumiSession): NodeJS.ProcessEnv {
  return { PULUMI_BACKEND_URL: sessionBackendUrl(session), PULUMI_CONFIG_PASSPHRASE: session.passphrase, PULUMI_HOME: session.env?.PULUMI_HOME };
}
