/**
 * How the review keeps credentials to itself. Where a value is a credential is the provider's
 * rule (credentialPaths, the placeholders of secret-config-placeholders.ts) or the state's (a
 * value Pulumi stores as a secret); the review only hides those values and compares them by a
 * keyed hash: HMAC-SHA256 under a key drawn at random for each run and never shown, so equal
 * values have equal fingerprints within a run and no fingerprint can be checked against a guess.
 */
import { createHmac, randomBytes } from "node:crypto";
import { formatPropertyPath, payloadCredentialPaths } from "pulumi-scalekit-connectors/internal";
import { within, type Leaf } from "./leaves";
import type { SecretCell, SecretRow } from "./model";

/** A leaf's fingerprint: its keyed hash, as text. */
export type Fingerprint = (value: Leaf) => string;

/** A new fingerprint function with its own random key (one per review run). */
export function newFingerprint(): Fingerprint {
  const key = randomBytes(32);
  return (value) => `hmac-sha256:${createHmac("sha256", key).update(JSON.stringify(value)).digest("hex")}`;
}

/** The row paths (`auth_patterns[0].auth_field_mutations.password.default`) where a Scalekit payload holds a credential. */
export function credentialRowPaths(payload: Record<string, unknown> | undefined): string[] {
  return payloadCredentialPaths(payload).map((path) => formatPropertyPath(path, "payload"));
}

/** Whether a row path is, or lies inside, one of the secret paths. */
export function isSecretPath(path: string, secretPaths: readonly string[]): boolean {
  return secretPaths.some((secret) => within(path, secret));
}

/** The leaves with every secret one replaced by its fingerprint; the values themselves go no further. */
export function fingerprinted(leaves: ReadonlyMap<string, Leaf>, secretPaths: readonly string[], fingerprint: Fingerprint): Map<string, Leaf> {
  return new Map([...leaves].map(([path, value]) => [path, isSecretPath(path, secretPaths) ? fingerprint(value) : value]));
}

/** What a row shows of a credential in one environment, next to the proposed one's fingerprint. */
function cellOf(fingerprint: Leaf | undefined, proposed: Leaf | undefined): SecretCell {
  return fingerprint === undefined ? "absent" : fingerprint === proposed ? "same" : "differs";
}

/** A secret row's cells, from the fingerprints (never the values) of the three places. */
export function secretRow(source: Leaf | undefined, target: Leaf | undefined, proposed: Leaf | undefined, configKey: string | undefined): SecretRow {
  return {
    source: cellOf(source, proposed),
    target: cellOf(target, proposed),
    proposed: proposed === undefined ? "absent" : "set",
    ...(configKey !== undefined ? { configKey } : {}),
  };
}
