import * as fs from "fs";
import * as path from "path";
import type { ReviewOptions } from "./args";
import { reviewConnector } from "./compare";
import { credentialEnvVars, EnvironmentCredentials, resolveStackCredentials, StackConfigReader } from "./credentials";

const configKeyList = "scalekit:environmentUrl, scalekit:clientId, scalekit:clientSecret";
import { loadDefinitions } from "./definitions";
import { ReviewError } from "./errors";
import type { LiveConnector } from "./live";
import { EXIT_CHANGES, EXIT_NO_CHANGES, Review, targetWouldChange, UnmanagedConnector } from "./model";
import { renderJson } from "./render-json";
import { renderTable } from "./render-table";

/** What the review needs from the outside world; tests pass their own. */
export interface ReviewDeps {
  /** Reads a stack's Pulumi config; undefined = environment variables only. */
  readConfig?: StackConfigReader;
  env: NodeJS.ProcessEnv;
  /** Every custom connector live in one environment. */
  listConnectors(credentials: EnvironmentCredentials): Promise<LiveConnector[]>;
}

export interface ReviewResult {
  review: Review;
  /** The table, or the JSON document with --json. */
  output: string;
  /** 0 = the target would not change, 2 = it would. */
  exitCode: number;
}

/** The Pulumi project name from Pulumi.yaml (config keys of the program are `<name>:<key>`). */
function projectName(projectDir: string): string | undefined {
  try {
    const text = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
    return text.match(/^name:\s*["']?([^"'\s#]+)/m)?.[1];
  } catch {
    return undefined;
  }
}

/** A folder as the review shows it: relative to the current folder when inside it, else absolute. */
function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? dir : relative;
}

function byIdentifier(connectors: readonly LiveConnector[]): Map<string, LiveConnector> {
  return new Map(connectors.map((connector) => [connector.identifier, connector]));
}

function unmanaged(live: Map<string, LiveConnector>, managed: ReadonlySet<string>): UnmanagedConnector[] {
  return [...live.values()]
    .filter((connector) => !managed.has(connector.identifier))
    .map((connector) => ({ identifier: connector.identifier, displayName: connector.definition.displayName }));
}

async function listLive(stack: string, credentials: EnvironmentCredentials, deps: ReviewDeps): Promise<Map<string, LiveConnector>> {
  try {
    return byIdentifier(await deps.listConnectors(credentials));
  } catch (err) {
    const cause = (err as Error & { cause?: { message?: string } }).cause?.message;
    throw new ReviewError(
      `cannot list the connectors of stack "${stack}" at ${credentials.environmentUrl}: ${(err as Error).message}${cause ? ` (${cause})` : ""}\n` +
        `Check that the environment URL and the client credentials of stack "${stack}" are right (its Pulumi config ${configKeyList}, ` +
        `or ${Object.values(credentialEnvVars(stack)).join(", ")}) and that the environment is reachable.`,
    );
  }
}

/**
 * Compares the definitions with the connectors live in the source (Dev) and target (Production)
 * environments and renders the result.
 */
export async function runReview(options: ReviewOptions, deps: ReviewDeps): Promise<ReviewResult> {
  const configs = new Map<string, Awaited<ReturnType<StackConfigReader>>>();
  const readConfig: StackConfigReader | undefined = deps.readConfig
    ? async (stack) => {
        if (!configs.has(stack)) configs.set(stack, await deps.readConfig!(stack));
        return configs.get(stack)!;
      }
    : undefined;
  const sourceCredentials = await resolveStackCredentials(options.from, readConfig, deps.env);
  const targetCredentials = await resolveStackCredentials(options.to, readConfig, deps.env);

  const targetConfig = readConfig ? await readConfig(options.to) : undefined;
  const configuredDir = targetConfig?.available ? targetConfig.values[`${projectName(options.projectDir)}:connectorsDir`] : undefined;
  const definitionsDir = path.resolve(options.projectDir, options.connectorsDir ?? configuredDir ?? "connectors");
  const definitions = loadDefinitions(definitionsDir);

  const [sourceLive, targetLive] = await Promise.all([
    listLive(options.from, sourceCredentials, deps),
    listLive(options.to, targetCredentials, deps),
  ]);
  const managed = new Set(definitions.map((definition) => definition.identifier));
  const review: Review = {
    source: options.from,
    target: options.to,
    sourceEnvironmentUrl: sourceCredentials.environmentUrl,
    targetEnvironmentUrl: targetCredentials.environmentUrl,
    definitionsDir: displayPath(definitionsDir),
    connectors: definitions.map((definition) =>
      reviewConnector({
        identifier: definition.identifier,
        file: definition.file,
        written: definition.written,
        proposed: definition.definition,
        source: sourceLive.get(definition.identifier)?.definition,
        target: targetLive.get(definition.identifier)?.definition,
      }),
    ),
    onlyInTarget: unmanaged(targetLive, managed),
    onlyInSource: unmanaged(sourceLive, managed),
  };
  return {
    review,
    output: options.json ? renderJson(review) : renderTable(review),
    exitCode: targetWouldChange(review) ? EXIT_CHANGES : EXIT_NO_CHANGES,
  };
}
