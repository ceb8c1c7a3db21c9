import type { NormalizedDefinition } from "pulumi-scalekit-connectors";
import {
  changedProperties,
  comparisonJson,
  connectionsNote,
  describeScopeChange,
  payloadProperties,
  proxyWarnings,
  scopeChanges,
  toScalekitPayload,
} from "pulumi-scalekit-connectors/internal";
import { differingPaths, flattenLeaves, orderedLeafPaths, showsDifference, type Leaf } from "./leaves";
import { matchedLive, type Match } from "./match";
import type { ConnectorReview, Drift, FieldRow, MatchInfo, ProductionAction } from "./model";
import { credentialRowPaths, fingerprinted, isSecretPath, newFingerprint, secretRow, type Fingerprint } from "./secrets";

type Payload = Record<string, unknown>;

/** A canonical definition as Scalekit's snake_case payload, the form a reviewer knows. */
function asPayload(definition: NormalizedDefinition | undefined): Payload | undefined {
  return definition ? (toScalekitPayload(definition) as unknown as Payload) : undefined;
}

/**
 * A field's leaves as the provider compares the field (the provider's comparisonJson, core/diff.ts): a value
 * that says nothing (`""`, `false`, an empty list or object) is the same as none, so an empty
 * hint written in a file and none served by Scalekit are no difference, as for `pulumi up`.
 */
function comparedLeaves(payload: Payload | undefined, field: string): Map<string, Leaf> {
  return flattenLeaves(JSON.parse(comparisonJson(payload?.[field])), field);
}

/** Where the rows hide values: the credentials of each place, and the paths given as secret (state, placeholders). */
interface Secrets {
  paths: readonly string[];
  /** Row path → the config key its proposed value comes from. */
  fromConfig: ReadonlyMap<string, string>;
  fingerprint: Fingerprint;
}

function fieldRows(written: Payload, source: Payload | undefined, target: Payload | undefined, proposed: Payload, secrets: Secrets): FieldRow[] {
  const rows: FieldRow[] = [];
  const secretPaths = [...secrets.paths, ...[source, target, proposed].flatMap(credentialRowPaths)];
  // Every field `pulumi up` applies, in the schema's order, as Scalekit names them.
  for (const field of payloadProperties) {
    // Shown as each holds it; marked where the provider's comparison finds a difference.
    const [proposedLeaves, targetLeaves, sourceLeaves] = [proposed, target, source].map((payload) => flattenLeaves(payload?.[field], field));
    // A credential is compared by its fingerprint only.
    const [proposedCompared, targetCompared, sourceCompared] = [proposed, target, source].map((payload) =>
      fingerprinted(comparedLeaves(payload, field), secretPaths, secrets.fingerprint),
    );
    const targetDifferences = differingPaths(targetCompared, proposedCompared);
    const sourceDifferences = differingPaths(sourceCompared, proposedCompared);
    // The file's own key order first, so that a pattern reads `type`, `display_name`, ... as written.
    const paths = orderedLeafPaths([written[field], proposed[field], target?.[field], source?.[field]], field, [proposedLeaves, targetLeaves, sourceLeaves]);
    if (paths.length === 0) paths.push(field);
    for (const path of paths) {
      const marks = {
        targetChanges: !target || showsDifference(path, targetDifferences),
        sourceDiffers: !source || showsDifference(path, sourceDifferences),
      };
      if (isSecretPath(path, secretPaths)) {
        rows.push({ path, secret: secretRow(sourceCompared.get(path), targetCompared.get(path), proposedCompared.get(path), secrets.fromConfig.get(path)), ...marks });
        continue;
      }
      rows.push({ path, source: sourceLeaves.get(path), target: targetLeaves.get(path), proposed: proposedLeaves.get(path), ...marks });
    }
  }
  return rows;
}

export interface ConnectorInputs {
  /** The Pulumi resource name (the file's base name). */
  name: string;
  file: string;
  /** The payload as written in the definition file. */
  written: Payload;
  /** The canonical definition `pulumi up` would apply. */
  proposed: NormalizedDefinition;
  /** How the definition was matched in the source environment (Dev). */
  sourceMatch: Match;
  /** How the definition was matched in the target environment (Production). */
  targetMatch: Match;
  /** Row paths whose values are secret besides the credentials (what the stacks' state holds as secrets). */
  secretPaths?: readonly string[];
  /** Row path → the config key a proposed credential comes from (the definition's placeholders). */
  fromConfig?: ReadonlyMap<string, string>;
  /** The run's keyed hash, to compare secrets without their values (default: one drawn for this connector). */
  fingerprint?: Fingerprint;
}

/**
 * How warnings and notes name a connector: its display name, and the target's identifier when it
 * has one (the provider's own form, so that the review and `pulumi preview` read alike).
 */
export function connectorLabel(displayName: string, identifier?: string): string {
  return identifier && identifier !== displayName ? `"${displayName}" (${identifier})` : `"${displayName}"`;
}

/** A match as the review reports it: the identifiers, not the live connector. */
export function matchInfo(match: Match): MatchInfo {
  switch (match.kind) {
    case "state":
    case "name":
    case "stale":
      return { kind: match.kind, identifier: match.identifier };
    case "ambiguous":
      return { kind: "ambiguous", identifiers: [...match.identifiers] };
    case "none":
      return { kind: "none" };
  }
}

/**
 * Compares one definition with its live counterparts in both environments. Whether the target
 * changes is the provider's own decision (its canonical diff), so the review and `pulumi up` agree.
 */
export function reviewConnector(inputs: ConnectorInputs): ConnectorReview {
  const { proposed, sourceMatch, targetMatch } = inputs;
  const source = matchedLive(sourceMatch)?.definition;
  const target = matchedLive(targetMatch)?.definition;
  const rows = fieldRows(inputs.written, asPayload(source), asPayload(target), asPayload(proposed)!, {
    paths: [...(inputs.secretPaths ?? []), ...(inputs.fromConfig?.keys() ?? [])],
    fromConfig: inputs.fromConfig ?? new Map(),
    fingerprint: inputs.fingerprint ?? newFingerprint(),
  });
  const action: ProductionAction =
    targetMatch.kind === "ambiguous" ? "ambiguous" : !target ? "create" : changedProperties(target, proposed).length > 0 ? "update" : "unchanged";
  const driftPaths = rows.filter((row) => row.sourceDiffers).map((row) => row.path);
  const drift: Drift =
    sourceMatch.kind === "ambiguous"
      ? { kind: "ambiguous", identifiers: [...sourceMatch.identifiers] }
      : !source
        ? { kind: "missing" }
        : driftPaths.length > 0
          ? { kind: "differs", paths: driftPaths }
          : { kind: "none" };
  const scopes = action === "update" ? scopeChanges(target, proposed) : [];
  const label = connectorLabel(proposed.displayName, matchedLive(targetMatch)?.identifier);
  return {
    name: inputs.name,
    file: inputs.file,
    displayName: proposed.displayName,
    source: matchInfo(sourceMatch),
    target: matchInfo(targetMatch),
    action,
    drift,
    rows,
    scopeChanges: scopes,
    warnings: [...scopes.map((change) => describeScopeChange(label, change)), ...proxyWarnings(label, proposed)],
    notes: action === "update" ? [connectionsNote(label)] : [],
  };
}
