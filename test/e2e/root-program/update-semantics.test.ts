/**
 * What an update does, which Scalekit's own sources disagree on (scalekit-api.md, "Update
 * semantics"), through the real Pulumi CLI and the root program, under each reading the emulator
 * plays: `replace` (the docs: every field replaced) and `partial` (the OpenAPI and the SDK: an
 * empty description or icon, or proxy_enabled false, keeps what Scalekit holds). One stack per
 * reading: a connector with a description, an icon and the proxy on is created, then its file
 * clears all three.
 *
 * Under replace Scalekit clears them and nothing is said. Under partial the up succeeds, says once
 * per property that Scalekit kept it and what to do, and the state records what Scalekit holds;
 * the next up sends nothing and says why; once the value is cleared in the dashboard, a refresh
 * drops the record. In both, the next preview expects no change.
 */
import * as fs from "fs";
import * as path from "path";
import { ROUTES, type Provider, type UpdateSemanticsMode } from "scalekit-emulator";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { runPulumiOk, type PulumiRunResult } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { openWorkProject, type WorkProject } from "../../support/work-project";

// A few CLI commands of some seconds each; the first run on a machine may build the CLI.
jest.setTimeout(10 * 60 * 1000);

const file = "kept-fields.json";
const resourceName = "kept-fields";
const description = "Tickets, alerts and the on-call rota";
const iconSrc = "https://cdn.kept-fields.example/icon.png";

/** The definition as first written: every field an update may fail to clear has a value. */
const described = {
  display_name: "Kept Fields",
  description,
  auth_patterns: [{ type: "BEARER", display_name: "API token", fields: [{ field_name: "token", label: "Token", input_type: "password", required: true }] }],
  proxy_url: "https://api.kept-fields.example/v2",
  icon_src: iconSrc,
  proxy_enabled: true,
};

/** The same file after the edit: no description, no icon, the proxy off. */
const cleared: Record<string, unknown> = { ...described, proxy_enabled: false };
delete cleared.description;
delete cleared.icon_src;

/** The properties an update may fail to clear, as the definition files spell them. */
const clearable = ["description", "icon_src", "proxy_enabled"];

interface Diagnostic {
  severity: string;
  message: string;
}

/**
 * The warnings the engine received during a command run with `--json`, one entry per diagnostic:
 * `pulumi preview --json` prints one document holding them all, `pulumi up --json` one engine
 * event a line.
 */
function warningsOf(command: "preview" | "up", result: PulumiRunResult): string[] {
  const diagnostics: Diagnostic[] =
    command === "preview"
      ? ((JSON.parse(result.stdout) as { diagnostics?: Diagnostic[] }).diagnostics ?? [])
      : result.stdout
          .split("\n")
          .filter((line) => line.trim() !== "")
          .flatMap((line) => (JSON.parse(line) as { diagnosticEvent?: Diagnostic }).diagnosticEvent ?? []);
  return diagnostics.filter((diagnostic) => diagnostic.severity === "warning").map((diagnostic) => diagnostic.message.trim());
}

describe.each(["replace", "partial"] as const)("updateSemantics %s", (updateSemantics: UpdateSemanticsMode) => {
  let emulator: WatchedEmulator;
  let project: WorkProject;
  /** Scalekit's identifier of the connector, which the warnings name. */
  let identifier: string;

  const pulumi = (args: string[]): Promise<PulumiRunResult> => runPulumiOk(project.session, [...args, "--stack", "dev"]);

  async function held(): Promise<Provider> {
    const found = (await emulatorControl.connectors(emulator.url)).filter((provider) => provider.display_name === described.display_name);
    expect(found).toHaveLength(1);
    return found[0]!;
  }

  /** The connector's outputs in the stack's state (`pulumi stack export`). */
  async function outputsInState(): Promise<{ scalekitPayload: Record<string, unknown>; keptByScalekit?: string[] }> {
    const state = JSON.parse((await pulumi(["stack", "export"])).stdout);
    const connectors = (state.deployment.resources ?? []).filter((resource: { type: string }) => resource.type.endsWith("CustomConnector"));
    expect(connectors.map((resource: { urn: string }) => resource.urn.split("::").pop())).toEqual([resourceName]);
    return connectors[0].outputs;
  }

  function writeDefinition(payload: Record<string, unknown>): void {
    fs.writeFileSync(path.join(project.dir, "connectors", file), `${JSON.stringify(payload, null, 2)}\n`);
  }

  /** The update's warnings that Scalekit kept `what` ("the description it had"), naming the connector. */
  const keptSaid = (warnings: string[], what: string): string[] =>
    warnings.filter((warning) => warning.includes(`Connector "Kept Fields" (${identifier}): Scalekit kept ${what} although this update asked to ${what.startsWith("proxy_enabled") ? "turn it off" : "clear it"}.`));
  /** The diff's warnings that the clear of `property` is not sent again, naming the connector. */
  const notResentSaid = (warnings: string[], property: string): string[] =>
    warnings.filter((warning) => warning.includes(`Connector "Kept Fields" (${identifier}): ${property} is declared ${property === "proxy_enabled" ? "false" : "empty"}, but Scalekit kept`) && warning.includes("so the change is not sent again"));

  beforeAll(async () => {
    emulator = await startWatchedEmulator({ identifierStyle: "opaque", updateSemantics });
    project = await openWorkProject({ label: `update-semantics-${updateSemantics}`, definitions: { [file]: described }, credentials: emulator.credentials, stacks: ["dev"] });
    await pulumi(["up", "--yes", "--skip-preview"]);
    const created = await held();
    expect(created).toMatchObject({ description, icon_src: iconSrc, proxy_enabled: true });
    identifier = created.identifier;
    expect((await emulatorControl.modes(emulator.url)).updateSemantics).toBe(updateSemantics);
  });

  afterAll(async () => {
    await emulator?.close();
    project?.cleanup();
  });

  test("an up that clears the description, the icon and the proxy", async () => {
    writeDefinition(cleared);
    await emulatorControl.clearCounters(emulator.url);
    const up = await pulumi(["up", "--yes", "--skip-preview", "--json"]);
    expect((await emulatorControl.routeCounters(emulator.url)).routes[ROUTES.updateProvider]).toBe(1);
    const warnings = warningsOf("up", up);
    const outputs = await outputsInState();
    if (updateSemantics === "replace") {
      expect(await held()).toMatchObject({ description: "", icon_src: "", proxy_enabled: false });
      expect(warnings.filter((warning) => warning.includes("Scalekit kept"))).toEqual([]);
      expect(outputs.scalekitPayload).toMatchObject({ proxy_enabled: false });
      expect(outputs.scalekitPayload).not.toHaveProperty("description");
      expect(outputs.scalekitPayload).not.toHaveProperty("icon_src");
      expect(outputs.keptByScalekit).toBeUndefined();
    } else {
      // Scalekit kept all three: the up still succeeds, and says so once per property, with what to do.
      expect(await held()).toMatchObject({ description, icon_src: iconSrc, proxy_enabled: true });
      expect(keptSaid(warnings, "the description it had")).toEqual([expect.stringContaining("To clear it, clear it in the Scalekit dashboard, then run `pulumi refresh`; or give description a value.")]);
      expect(keptSaid(warnings, "the icon_src it had")).toEqual([expect.stringContaining("To clear it, clear it in the Scalekit dashboard, then run `pulumi refresh`; or give icon_src a value.")]);
      expect(keptSaid(warnings, "proxy_enabled: true (the proxy on)")).toEqual([expect.stringContaining("To turn the proxy off, do it in the Scalekit dashboard, then run `pulumi refresh`")]);
      expect(warnings.filter((warning) => warning.includes("Scalekit kept"))).toHaveLength(clearable.length);
      // Never the value itself: a description may be secret.
      expect(warnings.join("\n")).not.toContain(description);
      // The state holds what Scalekit holds, and which of it Scalekit kept against the declaration.
      expect(outputs.scalekitPayload).toMatchObject({ description, icon_src: iconSrc, proxy_enabled: true });
      expect([...(outputs.keptByScalekit ?? [])].sort()).toEqual(["description", "iconSrc", "proxyEnabled"]);
    }
  });

  if (updateSemantics === "partial") {
    test("the next up sends no update to Scalekit, and says why", async () => {
      await emulatorControl.clearCounters(emulator.url);
      const up = await pulumi(["up", "--yes", "--skip-preview", "--json"]);
      expect((await emulatorControl.routeCounters(emulator.url)).routes[ROUTES.updateProvider] ?? 0).toBe(0);
      const warnings = warningsOf("up", up);
      expect(clearable.map((property) => notResentSaid(warnings, property).length)).toEqual(clearable.map(() => 1));
      expect(warnings.filter((warning) => warning.includes("although this update asked to clear it"))).toEqual([]);
      expect((await outputsInState()).keptByScalekit?.sort()).toEqual(["description", "iconSrc", "proxyEnabled"]);
    });
  }

  test("a preview then expects no change, refreshing first or not (under partial, saying why for each property Scalekit kept)", async () => {
    // With --refresh, the diff sees what the refresh read: under partial, the record holds while Scalekit still holds the values.
    for (const refresh of [[], ["--refresh"]]) {
      const warnings = warningsOf("preview", await pulumi(["preview", ...refresh, "--expect-no-changes", "--json"]));
      const said = (property: string) => ({ refresh, property, said: notResentSaid(warnings, property).length });
      expect(clearable.map(said)).toEqual(clearable.map((property) => ({ refresh, property, said: updateSemantics === "partial" ? 1 : 0 })));
      expect(warnings.filter((warning) => warning.includes("Scalekit kept")).length).toBe(updateSemantics === "partial" ? clearable.length : 0);
    }
  });

  if (updateSemantics === "partial") {
    test("cleared in the dashboard, then refreshed: the record is dropped and a preview shows no change", async () => {
      const dashboard = new EmulatorClient(emulator);
      // The dashboard can clear what an update through the API cannot: here it replaces.
      await emulatorControl.setModes(emulator.url, { updateSemantics: "replace" });
      const live = await held();
      const answer = await dashboard.call("PUT", `/api/v1/custom-providers/${encodeURIComponent(identifier)}`, {
        body: { display_name: live.display_name, auth_patterns: live.auth_patterns, proxy_url: live.proxy_url, metadata: live.metadata, description: "", icon_src: "", proxy_enabled: false },
      });
      expect(answer.status).toBe(200);
      expect(await emulatorControl.setModes(emulator.url, { updateSemantics: "partial" })).toMatchObject({ updateSemantics: "partial" });
      expect(await held()).toMatchObject({ description: "", icon_src: "", proxy_enabled: false });

      await pulumi(["refresh", "--yes", "--skip-preview"]);
      const outputs = await outputsInState();
      expect(outputs.keptByScalekit).toBeUndefined();
      expect(outputs.scalekitPayload).toMatchObject({ proxy_enabled: false });
      expect(outputs.scalekitPayload).not.toHaveProperty("description");
      expect(outputs.scalekitPayload).not.toHaveProperty("icon_src");

      const preview = await pulumi(["preview", "--expect-no-changes", "--json"]);
      expect(warningsOf("preview", preview).filter((warning) => warning.includes("Scalekit kept"))).toEqual([]);
    });
  }
});
