/**
 * How many bytes one connector takes in `pulumi stack export`, and what they are: the serialized
 * provider (in the inputs and again in the outputs, both put there by Pulumi's dynamic provider
 * machinery), the declaration (the other inputs), what Scalekit stored (the other outputs), the
 * stack trace the Node.js SDK records for every registration, and the engine's own bookkeeping
 * (URN, type, parent, provider reference, dates, property dependencies). A connector of the
 * resource plugin (the plugin door) stores no serialized provider: both its provider parts are 0 B.
 *
 * Sizes are of compact JSON (`JSON.stringify`), as the engine stores the checkpoint. A part's
 * size is how much smaller the entry gets without it, keys and separators included, the parts
 * removed one after the other in the order of stateParts so that they add up to the entry's size.
 */

export interface StateResource {
  urn: string;
  id: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  [key: string]: unknown;
}

export const stateParts = ["providerInInputs", "providerInOutputs", "declaration", "stored", "stackTrace", "bookkeeping"] as const;
export type StatePart = (typeof stateParts)[number];

export const statePartLabels: Record<StatePart, string> = {
  providerInInputs: "serialized provider, in the inputs",
  providerInOutputs: "serialized provider, in the outputs",
  declaration: "declaration (the other inputs)",
  stored: "what Scalekit stored, and the identifiers (the other outputs)",
  stackTrace: "stack trace and source position of the registration",
  bookkeeping: "engine bookkeeping (URN, type, parent, provider, dates, dependencies)",
};

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

function without(resource: StateResource, part: Exclude<StatePart, "bookkeeping">): StateResource {
  const copy: StateResource = { ...resource, inputs: { ...resource.inputs }, outputs: { ...resource.outputs } };
  switch (part) {
    case "providerInInputs":
      delete copy.inputs.__provider;
      break;
    case "providerInOutputs":
      delete copy.outputs.__provider;
      break;
    case "declaration":
      copy.inputs = "__provider" in resource.inputs ? { __provider: resource.inputs.__provider } : {};
      break;
    case "stored":
      copy.outputs = "__provider" in resource.outputs ? { __provider: resource.outputs.__provider } : {};
      break;
    case "stackTrace":
      delete copy.stackTrace;
      delete copy.sourcePosition;
      break;
  }
  return copy;
}

/** Bytes of one resource entry, by part; `total` is the whole entry. */
export function partsOf(resource: StateResource): Record<StatePart, number> & { total: number } {
  const total = bytes(resource);
  const parts = {} as Record<StatePart, number>;
  // Removed one after the other: a separator two parts share (the comma between __provider and the
  // declaration) is counted once, and the bookkeeping is exactly what is left.
  let rest = resource;
  for (const part of stateParts) {
    if (part === "bookkeeping") continue;
    const smaller = without(rest, part);
    parts[part] = bytes(rest) - bytes(smaller);
    rest = smaller;
  }
  parts.bookkeeping = bytes(rest);
  return { ...parts, total };
}

export interface StateFootprint {
  exportBytes: number;
  connectors: number;
  /** Mean size of one connector's resource entry in the export (compact JSON). */
  bytesPerConnector: number;
  /** Mean bytes per connector, by part (they add up to bytesPerConnector, give or take rounding). */
  parts: Record<StatePart, number>;
  /** Size of the `__provider` string itself. */
  providerBytes: number;
  /** How many times one connector's entry holds that string (inputs, outputs). */
  providerCopiesPerConnector: number;
  /**
   * Mean bytes per connector with the stack-trace paths a project at the repository root would
   * record: the bench's projects live elsewhere and resolve packages through a link to the
   * repository's node_modules, so each recorded frame carries the way there (`../../../work/main/`).
   * Equal to bytesPerConnector when no prefix is given.
   */
  bytesPerConnectorAtRoot: number;
}

/** The entry with `project:///<prefix>` in its recorded source positions shortened to `project:///`. */
export function withPathsFromRoot(resource: StateResource, prefix: string): StateResource {
  if (prefix === "") return resource;
  const from = `"project:///${prefix}`;
  return JSON.parse(JSON.stringify(resource).split(from).join(`"project:///`)) as StateResource;
}

/**
 * `pathPrefix`: the way from the project to the repository root, with a trailing slash (e.g.
 * "../../../work/main/"), or "" when the project is the repository root.
 */
export function stateFootprint(exportText: string, resources: StateResource[], pathPrefix = ""): StateFootprint {
  const providerString = String(resources[0]?.inputs.__provider ?? "");
  const each = resources.map(partsOf);
  const mean = (pick: (entry: ReturnType<typeof partsOf>) => number): number =>
    each.length ? Math.round(each.reduce((sum, entry) => sum + pick(entry), 0) / each.length) : 0;
  const parts = Object.fromEntries(stateParts.map((part) => [part, mean((entry) => entry[part])])) as Record<StatePart, number>;
  const copies = resources[0]
    ? [resources[0].inputs.__provider, resources[0].outputs.__provider].filter((value) => value === providerString).length
    : 0;
  return {
    exportBytes: Buffer.byteLength(exportText),
    connectors: resources.length,
    bytesPerConnector: mean((entry) => entry.total),
    parts,
    providerBytes: Buffer.byteLength(providerString),
    providerCopiesPerConnector: copies,
    bytesPerConnectorAtRoot: resources.length
      ? Math.round(resources.reduce((sum, resource) => sum + bytes(withPathsFromRoot(resource, pathPrefix)), 0) / resources.length)
      : 0,
  };
}
