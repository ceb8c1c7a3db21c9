/**
 * What moving a stack from one door to the other changes in its state, worked out from a
 * `pulumi stack export` document alone: which connectors the plugin imports (by name and
 * Scalekit identifier, with their protect flag), and the deployment without the dynamic
 * provider's records of them. Nothing here runs a command; migrate.ts does.
 */
import { DYNAMIC_CONNECTOR_TYPE, PLUGIN_CONNECTOR_TYPE, resourceNameOf } from "../lib/connector-state";

/** A resource as `pulumi stack export` writes it; keys this module does not read are kept as they are. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  protect?: boolean;
  provider?: string;
  delete?: boolean;
  [key: string]: unknown;
}

/** The document `pulumi stack export` prints and `pulumi stack import` takes. */
export interface ExportedStack {
  version: number;
  deployment: {
    resources?: StateResource[];
    pending_operations?: unknown[];
    [key: string]: unknown;
  };
}

/** A connector the dynamic provider manages, to be taken over by the plugin. */
export interface ConnectorToMove {
  /** The resource name (the definition file's base name in the root program). */
  name: string;
  urn: string;
  /** Scalekit's identifier: the id the plugin imports it by. */
  id: string;
  protect: boolean;
}

export interface MigrationPlan {
  /** Connectors the plugin does not hold yet: `pulumi import` takes them over. */
  toImport: ConnectorToMove[];
  /** Connectors the plugin already holds under the same name (a migration stopped half-way): only the dynamic record goes. */
  alreadyImported: ConnectorToMove[];
}

/** Why a stack cannot be moved as it is; the message says what to do first. */
export class MigrationPlanError extends Error {
  override readonly name = "MigrationPlanError";
}

function resourcesOf(exported: ExportedStack): StateResource[] {
  const resources = exported.deployment?.resources ?? [];
  if (!Array.isArray(resources)) throw new MigrationPlanError("the stack's export has no list of resources (deployment.resources)");
  return resources;
}

/** Which connectors move, and which of them the plugin already holds, matched by Scalekit's identifier and by name. */
export function planMigration(exported: ExportedStack): MigrationPlan {
  const pending = exported.deployment?.pending_operations ?? [];
  if (pending.length > 0) {
    throw new MigrationPlanError(
      `the stack has ${pending.length} pending operation(s) from an update that was interrupted. ` +
        "Run `pulumi refresh` (or `pulumi cancel` if an update is still marked running) and review what it finds before moving the stack.",
    );
  }
  const resources = resourcesOf(exported).filter((resource) => resource.delete !== true);
  const pluginRecords = resources.filter((resource) => resource.type === PLUGIN_CONNECTOR_TYPE);
  const pluginByName = new Map(pluginRecords.map((resource) => [resourceNameOf(resource.urn), resource]));
  const pluginById = new Map(pluginRecords.filter((resource) => typeof resource.id === "string").map((resource) => [resource.id as string, resource]));
  const dynamicById = new Map<string, string>();
  const plan: MigrationPlan = { toImport: [], alreadyImported: [] };
  for (const resource of resources) {
    if (resource.type !== DYNAMIC_CONNECTOR_TYPE) continue;
    const name = resourceNameOf(resource.urn);
    if (name === undefined || typeof resource.id !== "string" || resource.id === "") {
      throw new MigrationPlanError(`the state holds a connector without a name or an identifier (${resource.urn}); run \`pulumi refresh\` first`);
    }
    const twin = dynamicById.get(resource.id);
    if (twin !== undefined) {
      throw new MigrationPlanError(
        `the dynamic provider's records "${twin}" and "${name}" both hold Scalekit connector ${resource.id}. ` +
          "Deleting either would delete the connector the other holds; remove one record with `pulumi state delete <urn>` (it writes nothing to Scalekit) and preview before moving the stack.",
      );
    }
    dynamicById.set(resource.id, name);
    const connector: ConnectorToMove = { name, urn: resource.urn, id: resource.id, protect: resource.protect === true };
    const sameId = pluginById.get(resource.id);
    const sameName = pluginByName.get(name);
    if (sameId === undefined && sameName === undefined) {
      plan.toImport.push(connector);
    } else if (sameId !== undefined && sameId === sameName) {
      plan.alreadyImported.push(connector);
    } else if (sameName !== undefined) {
      throw new MigrationPlanError(
        `the plugin already holds a connector named "${name}", but with identifier ${String(sameName.id)}, while the dynamic provider's "${name}" holds ${resource.id}. ` +
          "They are two different Scalekit connectors; find out which one the definition file means (`pulumi refresh`, the Scalekit dashboard) and remove the other record with `pulumi state delete <urn>` before moving the stack.",
      );
    } else {
      throw new MigrationPlanError(
        `Scalekit connector ${resource.id} is held by the dynamic provider as "${name}" and by the plugin as "${resourceNameOf(sameId!.urn) ?? sameId!.urn}". ` +
          "The root program declares each connector under its definition file's name, so the plugin's record under the other name would be deleted with the connector; remove it with `pulumi state delete <urn>` (it writes nothing to Scalekit) before moving the stack.",
      );
    }
  }
  return plan;
}

/**
 * The export with `retainOnDelete` set on the given resources. The engine keeps that flag in each
 * resource's state and, when a resource that left the program is deleted, drops its record
 * without asking the provider to delete anything. A run from the other door (a checkout whose
 * `door` differs) then cannot DELETE a connector through these records; the flag lasts until a
 * run of the program that declares them writes their records again.
 */
export function withRetainedRecords(exported: ExportedStack, urns: ReadonlySet<string>): ExportedStack {
  const resources = resourcesOf(exported).map((resource) => (urns.has(resource.urn) ? { ...resource, retainOnDelete: true } : resource));
  return { ...exported, deployment: { ...exported.deployment, resources } };
}

/** The URNs of the dynamic provider's connector records in an export (the ones to move). */
export function dynamicConnectorUrns(exported: ExportedStack): Set<string> {
  return new Set(resourcesOf(exported).filter((resource) => resource.type === DYNAMIC_CONNECTOR_TYPE && resource.delete !== true).map((resource) => resource.urn));
}

/** The URNs of the plugin's connector records that hold the given identifiers. */
export function pluginUrnsHolding(exported: ExportedStack, identifiers: ReadonlySet<string>): Set<string> {
  return new Set(
    resourcesOf(exported)
      .filter((resource) => resource.type === PLUGIN_CONNECTOR_TYPE && resource.delete !== true && typeof resource.id === "string" && identifiers.has(resource.id))
      .map((resource) => resource.urn),
  );
}

/** The resources file of `pulumi import --file`: each connector by the plugin's type, its name and its identifier. */
export function importFile(connectors: readonly ConnectorToMove[]): { resources: { type: string; name: string; id: string }[] } {
  return { resources: connectors.map((connector) => ({ type: PLUGIN_CONNECTOR_TYPE, name: connector.name, id: connector.id })) };
}

const providerTypePrefix = "pulumi:providers:";

/** The provider references (`<provider urn>::<provider id>`) of the resources given. */
function providerReferences(resources: readonly StateResource[]): Set<string> {
  return new Set(resources.map((resource) => resource.provider).filter((reference): reference is string => typeof reference === "string"));
}

/**
 * The export without the given resources, and without a provider that only they referred to (the
 * dynamic provider's default provider once its last connector is gone). Everything else is kept
 * exactly as exported.
 */
export function withoutResources(exported: ExportedStack, urns: ReadonlySet<string>): ExportedStack {
  const all = resourcesOf(exported);
  const kept = all.filter((resource) => !urns.has(resource.urn));
  const stillReferenced = providerReferences(kept);
  const referencedByRemoved = providerReferences(all.filter((resource) => urns.has(resource.urn)));
  const orphaned = (resource: StateResource): boolean => {
    if (!resource.type.startsWith(providerTypePrefix)) return false;
    const reference = `${resource.urn}::${resource.id ?? ""}`;
    return referencedByRemoved.has(reference) && !stillReferenced.has(reference);
  };
  return { ...exported, deployment: { ...exported.deployment, resources: kept.filter((resource) => !orphaned(resource)) } };
}
