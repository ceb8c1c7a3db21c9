/**
 * What a stack's state (`pulumi stack export`) records of the project's connectors, read the same
 * way by every tool: the resource type each door gives a connector, and a resource's name.
 */

/** The type Pulumi records for a connector declared through the dynamic provider (the package's main entry). */
export const DYNAMIC_CONNECTOR_TYPE = "pulumi-nodejs:dynamic/scalekit:CustomConnector";

/** The type of the same connector declared through the resource plugin `pulumi-resource-scalekit`. */
export const PLUGIN_CONNECTOR_TYPE = "scalekit:index:CustomConnector";

/** Both: a tool that reads connectors from state reads either door's. */
export const CONNECTOR_RESOURCE_TYPES: readonly string[] = [DYNAMIC_CONNECTOR_TYPE, PLUGIN_CONNECTOR_TYPE];

/** The resource name of a URN, `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function resourceNameOf(urn: string): string | undefined {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts.slice(3).join("::") : undefined;
}
