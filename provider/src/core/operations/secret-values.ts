/**
 * Which values are secrets, for both doors: whatever a message, a warning or an error may carry
 * must be redacted of them (client/errors.ts, redact). A door remembers the values it learns
 * (the client secret, values the program marked secret) and, through `addCredentialsOf`, every
 * credential a declaration, its inputs or its outputs hold at a credential path
 * (credential-paths.ts): a default password is a secret whether or not the program said so.
 */
import { isPlainObject } from "../schema/schema-tree";
import { valueAtPath, type PropertyPath } from "../schema/property-path";
import { credentialPaths } from "./credential-paths";
import type { CheckedInputs } from "./state";

/**
 * The credential values (strings at credential paths) of a declaration, its checked inputs or its
 * outputs, of this version's shape or 0.1.0's (`desired` inputs, `definition` outputs).
 */
export function credentialValues(shaped: unknown): string[] {
  if (!isPlainObject(shaped)) return [];
  const shapes = [shaped, shaped.desired, shaped.definition].filter(isPlainObject);
  return shapes.flatMap((shape) =>
    credentialPaths(shape as Partial<CheckedInputs>)
      .map((path) => valueAtPath(shape, path))
      .filter((value): value is string => typeof value === "string" && value !== ""),
  );
}

/** The secret values one process knows of; only ever added to. */
export class SecretValues {
  private readonly values = new Set<string>();

  /** Remembers these values (empty and missing ones are ignored). */
  add(values: Iterable<string | undefined>): void {
    for (const value of values) if (typeof value === "string" && value !== "") this.values.add(value);
  }

  /** Remembers every credential of these declarations, inputs or outputs (credentialValues). */
  addCredentialsOf(...shaped: unknown[]): void {
    for (const one of shaped) this.add(credentialValues(one));
  }

  list(): string[] {
    return [...this.values];
  }
}
