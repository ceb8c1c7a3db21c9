/**
 * The `door` a stack file (`Pulumi.<stack>.yaml`) gives the root program, read from the file's
 * text: the key `door` under `config:`, written `<project>:door` (as `pulumi config set door`
 * writes it) or bare. Used on the text git holds, which is what every other run reads.
 */
import { parse } from "yaml";

export type Door = "dynamic" | "plugin";

/** Thrown when the text is not a stack file the root program could run with. */
export class DoorConfigError extends Error {
  override readonly name = "DoorConfigError";
}

/** The door the root program would choose with this stack file: `dynamic` when the key is absent (its default). */
export function doorInStackFile(text: string, projectName: string, fileLabel: string): Door {
  let document: unknown;
  try {
    document = parse(text);
  } catch (err) {
    throw new DoorConfigError(`${fileLabel} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const config = document !== null && typeof document === "object" ? (document as Record<string, unknown>).config : undefined;
  if (config === undefined || config === null) return "dynamic";
  if (typeof config !== "object" || Array.isArray(config)) throw new DoorConfigError(`${fileLabel}: config: must be a mapping`);
  const entries = config as Record<string, unknown>;
  const value = entries[`${projectName}:door`] ?? entries.door;
  if (value === undefined || value === null) return "dynamic";
  if (value === "dynamic" || value === "plugin") return value;
  throw new DoorConfigError(`${fileLabel}: door: must be "dynamic" or "plugin", not ${JSON.stringify(value)}`);
}

/** The project's name, from the text of Pulumi.yaml. */
export function projectNameOf(text: string): string {
  const document = parse(text) as { name?: unknown } | null;
  if (typeof document?.name !== "string" || document.name === "") throw new DoorConfigError("Pulumi.yaml has no project name (name:)");
  return document.name;
}
