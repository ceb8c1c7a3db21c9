/**
 * The engine's Cancel is honoured by the plugin, and the plugin does not outlive its engine.
 * A create waiting out a Retry-After of 60 s (the emulator's 429 fault) fails within seconds of
 * the Cancel with a message saying it was cancelled, and nothing is stored. The plugin's process,
 * started as the engine starts it, exits once nothing answers at the engine's address any more.
 */
import * as grpc from "@grpc/grpc-js";
import { randomBytes } from "crypto";
import * as path from "path";
import { EngineLog, packageRoot, pluginExecutable, startProviderServer, type RunningServer } from "pulumi-scalekit-connectors/internal";
import { emulatorControl } from "../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../scripts/lib/emulators";
import { connectorUrn, PluginDriver, startPluginProcess } from "../support/plugin-driver";

const createRoute = "POST /api/v1/custom-providers";

describe("Cancel during a Retry-After wait of 60 s", () => {
  let emulator: WatchedEmulator;
  let server: RunningServer;
  let driver: PluginDriver;

  beforeAll(async () => {
    emulator = await startWatchedEmulator({ clientSecret: `cancel-secret-${randomBytes(8).toString("hex")}` });
    server = await startProviderServer({ engineLog: new EngineLog() });
    driver = new PluginDriver(`127.0.0.1:${server.port}`);
    await driver.configure({ ...emulator.credentials, version: "0.1.0" });
  });

  afterAll(async () => {
    driver?.close();
    await server?.stop();
    await emulator?.close();
  });

  test("the pending create fails within seconds, saying it was cancelled; nothing is stored", async () => {
    await emulatorControl.setFaults(emulator.url, { rules: [{ route: createRoute, rate429: 1, retryAfterSeconds: 60 }] });
    const rateLimited = new Promise<void>((resolve) => {
      emulator.requests.onRequest = (request) => {
        if (`${request.method} ${request.path}` === createRoute && request.outcome === 429) resolve();
      };
    });
    const urn = connectorUrn("cancelled");
    const { inputs, failures } = await driver.check(urn, {
      displayName: "Cancelled Connector",
      authPatterns: [{ type: "BEARER", displayName: "Token", fields: [{ fieldName: "token", label: "Token", inputType: "password" }] }],
      proxyUrl: "https://api.example.com",
    });
    expect(failures).toEqual([]);
    const pending = driver.create(urn, inputs).then(
      () => undefined,
      (error: unknown) => error,
    );
    await rateLimited;
    const cancelledAt = Date.now();
    await driver.cancel();
    const error = await pending;
    const afterCancelMs = Date.now() - cancelledAt;

    expect(error).toBeInstanceOf(Error);
    expect((error as grpc.ServiceError).details).toMatch(/^Creating connector "Cancelled Connector" was cancelled \(Pulumi cancelled the operation\) before Scalekit answered\./);
    // Far below the minute the retry would have waited (no timing target: only that it did not wait).
    expect(afterCancelMs).toBeLessThan(30_000);
    await emulatorControl.clearFaults(emulator.url);
    expect(await emulatorControl.connectors(emulator.url)).toEqual([]);
  });
});

/** gRPC's health service (grpc.health.v1), for a stand-in engine. */
function healthService(): grpc.ServiceDefinition {
  return {
    check: {
      path: "/grpc.health.v1.Health/Check",
      requestStream: false,
      responseStream: false,
      requestSerialize: (value: Buffer) => value,
      requestDeserialize: (bytes: Buffer) => bytes,
      // HealthCheckResponse { status: SERVING }
      responseSerialize: () => Buffer.from([0x08, 0x01]),
      responseDeserialize: (bytes: Buffer) => bytes,
    },
  };
}

test("the plugin's process exits when its engine's address stops answering", async () => {
  let probed!: () => void;
  const firstProbe = new Promise<void>((resolve) => (probed = resolve));
  const engine = new grpc.Server();
  engine.addService(healthService(), {
    check: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
      probed();
      callback(null, Buffer.alloc(0));
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  const { child, stderr } = await startPluginProcess(path.join(packageRoot, "bin", pluginExecutable), `127.0.0.1:${port}`);
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });
  try {
    // The plugin has asked the engine once, so it holds a connection to it.
    await firstProbe;
    expect(child.exitCode).toBeNull();
    engine.forceShutdown();
    expect(await exited).toBe(0);
    expect(stderr()).toMatch(new RegExp(`the Pulumi engine at 127\\.0\\.0\\.1:${port} no longer answers; exiting`));
  } finally {
    if (child.exitCode === null) child.kill();
    engine.forceShutdown();
  }
});
