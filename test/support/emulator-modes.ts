/**
 * The emulator's answers to what Scalekit does not document (emulator README, "Undocumented
 * behaviour"), combined so that every value of every mode is played at least once, and the risky
 * ones (a server that accepts a taken name, identifiers that are not the lower-cased name, an
 * update that keeps what it was asked to clear) in more than one combination. Suites that must
 * hold whatever Scalekit really does run under each.
 */
import type { EmulatorOptions } from "scalekit-emulator";

export type EmulatorModes = Required<Pick<EmulatorOptions, "identifierStyle" | "duplicateNames" | "deleteInUse" | "updateSemantics">>;

export const emulatorModeMatrix: EmulatorModes[] = [
  { identifierStyle: "lowercase", duplicateNames: "conflict", deleteInUse: "permission-denied", updateSemantics: "replace" },
  { identifierStyle: "lowercase", duplicateNames: "accept", deleteInUse: "failed-precondition", updateSemantics: "partial" },
  { identifierStyle: "suffixed", duplicateNames: "accept", deleteInUse: "permission-denied", updateSemantics: "replace" },
  { identifierStyle: "opaque", duplicateNames: "conflict", deleteInUse: "failed-precondition", updateSemantics: "partial" },
  { identifierStyle: "opaque", duplicateNames: "accept", deleteInUse: "permission-denied", updateSemantics: "replace" },
];

/** "opaque identifiers, taken names accepted, in-use delete 403, partial updates" for test titles. */
export function describeModes(modes: EmulatorModes): string {
  return `${modes.identifierStyle} identifiers, taken names ${modes.duplicateNames === "accept" ? "accepted" : "refused"}, in-use delete ${modes.deleteInUse === "permission-denied" ? "403" : "400"}, ${modes.updateSemantics} updates`;
}
