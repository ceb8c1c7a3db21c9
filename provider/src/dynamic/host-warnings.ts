/**
 * Warnings from inside Pulumi's Node.js dynamic provider host, as engine diagnostics ("warning:",
 * counted in the summary) rather than the SDK's stderr fallback. The host does not tell the SDK
 * where the engine is; provider-host-engine.ts finds the address and hands it over, once. If that
 * fails, the stderr fallback still shows the text.
 */
import * as pulumi from "@pulumi/pulumi";
import { connectSdkToEngine, hostEngineAddress } from "./provider-host-engine";

let connectionTried = false;

function connectOnce(): void {
  connectionTried = true;
  const address = hostEngineAddress();
  if (!address) return;
  try {
    connectSdkToEngine(address);
  } catch {
    // Keep the stderr fallback.
  }
}

/** Sends a warning to the engine when running inside the provider host, else through the SDK's fallback. */
export function warn(message: string): void {
  if (!connectionTried) connectOnce();
  void pulumi.log.warn(message);
}
