/**
 * When two display names name the same connector. Scalekit chooses a connector's identifier
 * itself, from the display name, in a way it does not document (scalekit-api.md, "The
 * identifier"); so the provider never computes one. "The connector with this name" is found in
 * the environment's custom listing instead, and two names are taken as the same connector when
 * they match ignoring case and spaces, since any derivation from the name would make them clash.
 */

/** The name as it is compared: lower case, spaces removed. */
export function connectorNameKey(displayName: string): string {
  return displayName.toLowerCase().replace(/\s+/g, "");
}

/** True when the two display names name the same connector (equal ignoring case and spaces). */
export function sameConnectorName(a: string, b: string): boolean {
  return connectorNameKey(a) === connectorNameKey(b);
}
