import * as path from "path";
import { credentialConfigKeys, type ScalekitCredentials } from "../lib/credentials";
import type { ReviewFormat, ReviewOptions } from "./args";
import { reviewConnector } from "./compare";
import { credentialEnvVars, resolveStackCredentials, type StackConfigReader } from "./credentials";
import { loadDefinitions, type SecretConfigLookup } from "./definitions";
import { ReviewError } from "./errors";
import type { LiveConnector } from "./live";
import { matchEnvironment, type UnmatchedLive } from "./match";
import { EXIT_CHANGES, EXIT_NO_CHANGES, Review, StateInfo, targetWouldChange, UnmanagedConnector } from "./model";
import { renderJson } from "./render-json";
import { renderMarkdown } from "./render-markdown";
import { renderTable } from "./render-table";
import { newFingerprint } from "./secrets";
import type { StackState, StackStateReader } from "./state";

/** What the review needs from the outside world; tests pass their own. */
export interface ReviewDeps {
  /** Reads a stack's Pulumi config; undefined = environment variables only. */
  readConfig?: StackConfigReader;
  env: NodeJS.ProcessEnv;
  /** Every custom connector live in one environment. */
  listConnectors(credentials: ScalekitCredentials): Promise<LiveConnector[]>;
  /** Reads a stack's state (resource name → identifier); undefined = not read, match by display name only. */
  readState?: StackStateReader;
}

export interface ReviewResult {
  review: Review;
  /** The review in the format asked for: the table, the JSON document or Markdown. */
  output: string;
  /** 0 = the target would not change, 2 = it would. */
  exitCode: number;
}

const renderers: Record<ReviewFormat, (review: Review) => string> = { table: renderTable, json: renderJson, markdown: renderMarkdown };

/** A folder as the review shows it: relative to the current folder when inside it, else absolute. */
function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? dir : relative;
}

function unmanaged(unmatched: readonly UnmatchedLive[], fileOf: ReadonlyMap<string, string>): UnmanagedConnector[] {
  return unmatched.map((entry) => ({
    identifier: entry.live.identifier,
    displayName: entry.live.definition.displayName,
    ...(entry.stateResource !== undefined ? { stateResource: entry.stateResource } : {}),
    sharesNameWith: entry.sharesNameWith,
    ...(entry.ambiguousFor !== undefined ? { ambiguousFor: fileOf.get(entry.ambiguousFor) ?? entry.ambiguousFor } : {}),
  }));
}

function stateInfo(state: StackState): StateInfo {
  return state.status === "read" ? { status: "read", connectors: state.connectors.size } : { status: state.status };
}

async function listLive(stack: string, credentials: ScalekitCredentials, deps: ReviewDeps): Promise<LiveConnector[]> {
  try {
    return await deps.listConnectors(credentials);
  } catch (err) {
    const cause = (err as Error & { cause?: { message?: string } }).cause?.message;
    throw new ReviewError(
      `cannot list the connectors of stack "${stack}" at ${credentials.environmentUrl}: ${(err as Error).message}${cause ? ` (${cause})` : ""}\n` +
        `Check that the environment URL and the client credentials of stack "${stack}" are right (its Pulumi config ${credentialConfigKeys.join(", ")}, ` +
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
  const configuredDir = targetConfig?.available ? targetConfig.values[`${targetConfig.projectName}:connectorsDir`] : undefined;
  const definitionsDir = path.resolve(options.projectDir, options.connectorsDir ?? configuredDir ?? "connectors");
  const secretConfig: SecretConfigLookup = targetConfig?.available
    ? { readable: true, get: (key) => targetConfig.values[`${targetConfig.projectName}:${key}`] }
    : { readable: false, reason: targetConfig ? targetConfig.reason : "reading Pulumi config was turned off (--no-pulumi-config)" };
  const definitions = loadDefinitions(definitionsDir, options.to, secretConfig);

  const readState = async (stack: string): Promise<StackState> => (deps.readState ? deps.readState(stack) : { status: "off" });
  const [sourceState, targetState, sourceLive, targetLive] = await Promise.all([
    readState(options.from),
    readState(options.to),
    listLive(options.from, sourceCredentials, deps),
    listLive(options.to, targetCredentials, deps),
  ]);
  const keys = definitions.map((definition) => ({ name: definition.name, displayName: definition.definition.displayName }));
  const sourceMatching = matchEnvironment(keys, sourceState, sourceLive);
  const targetMatching = matchEnvironment(keys, targetState, targetLive);
  const fileOf = new Map(definitions.map((definition) => [definition.name, definition.file]));
  const secretsInState = (name: string): string[] =>
    [sourceState, targetState].flatMap((state) => (state.status === "read" ? (state.secretPaths?.get(name) ?? []) : []));
  const fingerprint = newFingerprint();
  const review: Review = {
    source: options.from,
    target: options.to,
    sourceEnvironmentUrl: sourceCredentials.environmentUrl,
    targetEnvironmentUrl: targetCredentials.environmentUrl,
    sourceState: stateInfo(sourceState),
    targetState: stateInfo(targetState),
    definitionsDir: displayPath(definitionsDir),
    connectors: definitions.map((definition) =>
      reviewConnector({
        name: definition.name,
        file: definition.file,
        written: definition.written,
        proposed: definition.definition,
        sourceMatch: sourceMatching.matches.get(definition.name)!,
        targetMatch: targetMatching.matches.get(definition.name)!,
        secretPaths: secretsInState(definition.name),
        fromConfig: definition.fromConfig,
        fingerprint,
      }),
    ),
    onlyInTarget: unmanaged(targetMatching.unmatched, fileOf),
    onlyInSource: unmanaged(sourceMatching.unmatched, fileOf),
  };
  return {
    review,
    output: renderers[options.format](review),
    exitCode: targetWouldChange(review) ? EXIT_CHANGES : EXIT_NO_CHANGES,
  };
}
