/**
 * One program for both stacks: the definitions come from definitions.ts, the stack decides only
 * where they go (its credentials) and whether they are protected (its `protect` config).
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomConnector } from "pulumi-scalekit-connectors";
import { connectorDefinitions } from "./definitions";

const config = new pulumi.Config();
/** true on production (Pulumi.production.yaml): Pulumi then refuses to delete these connectors. */
const protect = config.getBoolean("protect") ?? false;

const identifiers: Record<string, pulumi.Output<string>> = {};
for (const [name, args] of Object.entries(connectorDefinitions)) {
  identifiers[name] = new CustomConnector(name, args, { protect }).identifier;
}

/** Resource name → Scalekit identifier. */
export const connectors = identifiers;
export const protectedStack = protect;
