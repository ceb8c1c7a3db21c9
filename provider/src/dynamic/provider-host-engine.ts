/**
 * The one place this package relies on something Pulumi does not publish as an API: how its
 * Node.js dynamic provider host (@pulumi/pulumi/cmd/dynamic-provider) is started. The engine
 * starts the host with the engine's gRPC address as its first argument (process.argv[2]); the
 * host keeps that address to itself, so the SDK's log functions, finding no engine, print to
 * stderr, and the CLI shows the text as a plain message instead of a warning.
 *
 * Handing the address to the SDK uses public functions only: pulumi.runtime.getEngine (is an
 * engine connected?) and pulumi.runtime.resetOptions (the documented way to set the runtime's
 * options), with the settings the process already has.
 *
 * test/provider/host-warnings.test.ts starts the real host of the installed @pulumi/pulumi with the
 * address of a stand-in engine, as the engine does, and fails when a new version changes any of this.
 */
import * as pulumi from "@pulumi/pulumi";

/** An engine address as the host is given it: `host:port` (an IPv6 host in brackets). */
const addressPattern = /^[\w.\-[\]:]+:\d+$/;

/** The engine's address, when this process is the dynamic provider host; else undefined. */
export function hostEngineAddress(argv: readonly string[] = process.argv): string | undefined {
  const first = argv[2];
  return first !== undefined && addressPattern.test(first) ? first : undefined;
}

/**
 * Connects the SDK (pulumi.log.*) to the engine at `address`, unless it has an engine already.
 * True when the SDK has an engine afterwards.
 */
export function connectSdkToEngine(address: string): boolean {
  if (pulumi.runtime.getEngine() !== undefined) return true;
  const { runtime } = pulumi;
  // The host connects to no resource monitor ("" is none) and runs nothing in parallel itself (-1: no limit).
  runtime.resetOptions(runtime.getProject(), runtime.getStack(), -1, address, "", runtime.isDryRun(), organizationOrNone());
  return runtime.getEngine() !== undefined;
}

/** getOrganization throws when the process was told none, as the host is. */
function organizationOrNone(): string {
  try {
    return pulumi.runtime.getOrganization();
  } catch {
    return "";
  }
}
