/**
 * What the suites of programs in other languages (test/e2e/languages/) share: a work copy of an
 * example program that loads the resource plugin from this repository, the emulator's writes
 * counted, a connector found by display name, and the code `pulumi import` prints.
 */
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { repoRoot } from "../../scripts/lib/paths";
import type { EmulatorClient } from "./emulator-api";

/** The folder holding the resource plugin's executable, pulumi-resource-scalekit. */
export const pluginBinDir = path.join(repoRoot, "provider", "bin");

/**
 * Makes the program in `programDir` load the scalekit plugin from this repository, as a user
 * without the plugin's tarball would: `plugins.providers` in its Pulumi.yaml.
 */
export function usePluginFromRepository(programDir: string): void {
  const file = path.join(programDir, "Pulumi.yaml");
  const project = parse(fs.readFileSync(file, "utf8")) as Record<string, any>;
  project.plugins = { providers: [{ name: "scalekit", path: pluginBinDir }] };
  fs.writeFileSync(file, stringify(project));
}

/** How many writes (POST, PUT, DELETE of a custom connector) the emulator has answered. */
export async function writesTo(client: EmulatorClient): Promise<number> {
  const routes = (await client.control("GET", "counters")).body.routes as Record<string, number>;
  return (
    (routes["POST /api/v1/custom-providers"] ?? 0) +
    (routes["PUT /api/v1/custom-providers/{identifier}"] ?? 0) +
    (routes["DELETE /api/v1/custom-providers/{identifier}"] ?? 0)
  );
}

/** Every custom connector the emulator holds, as it stores them. */
export async function heldConnectors(client: EmulatorClient): Promise<Record<string, any>[]> {
  return (await client.control("GET", "connectors")).body.providers;
}

/** The one connector of this display name the emulator holds; fails when there is not exactly one. */
export async function heldConnector(client: EmulatorClient, displayName: string): Promise<Record<string, any>> {
  const found = (await heldConnectors(client)).filter((c) => c.display_name === displayName);
  if (found.length !== 1) throw new Error(`expected one connector named "${displayName}", the emulator holds ${found.length}`);
  return found[0]!;
}

/**
 * The program `pulumi import` printed after "Please copy the following code into your Pulumi
 * application", from the first line that starts it (`resources:` for YAML, `package main` for Go).
 */
export function importedCode(stdout: string, firstLine: RegExp): string {
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => firstLine.test(line));
  if (start < 0) throw new Error(`pulumi import printed no code starting with ${firstLine}; it printed:\n${stdout}`);
  return lines.slice(start).join("\n");
}

/** The resources of a stack export whose type is the plugin's connector, by resource name. */
export function pluginConnectors(exported: any): Record<string, any> {
  const byName: Record<string, any> = {};
  for (const resource of exported.deployment.resources ?? []) {
    if (resource.type === "scalekit:index:CustomConnector") byName[resource.urn.split("::").pop()] = resource;
  }
  return byName;
}
