/**
 * How Scalekit derives a connector's identifier from its display name at creation.
 * Assumed (see scalekit-api.md): lower-cased, spaces removed. Kept here alone so that it is easy
 * to change if Scalekit's real rule differs.
 */
export function deriveIdentifier(displayName: string): string {
  return displayName.toLowerCase().replace(/ /g, "");
}
