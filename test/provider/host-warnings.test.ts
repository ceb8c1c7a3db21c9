/**
 * The provider's warnings reach the engine as diagnostics, through the real Node.js dynamic
 * provider host of the installed @pulumi/pulumi, started as the engine starts it (the engine's
 * address as its first argument), with a stand-in engine that records what it is sent. This is
 * the guard of provider/src/dynamic/provider-host-engine.ts, the one place that relies on how Pulumi
 * starts that host: when a new @pulumi/pulumi passes the address differently, or the SDK's
 * public runtime functions stop reaching the engine with it, the warning arrives on stderr instead
 * and this fails. (The real-CLI half is test/e2e/root-program/warnings.test.ts.)
 */
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import { repoRoot } from "../../scripts/lib/paths";
import { bearerArgs } from "../support/payloads";
import { currentShimText } from "../support/stored-shims";

// Pulumi's generated gRPC stubs, as its own host and SDK load them (not an API: this test is the guard).
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engineRpc = require(path.join(pulumiDir, "proto", "engine_grpc_pb"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engineProto = require(path.join(pulumiDir, "proto", "engine_pb"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const providerRpc = require(path.join(pulumiDir, "proto", "provider_grpc_pb"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const providerProto = require(path.join(pulumiDir, "proto", "provider_pb"));

interface LoggedMessage {
  severity: number;
  message: string;
}

/** A stand-in for the engine: it answers Log and hands each message to whoever waits for one. */
class StandInEngine {
  readonly logged: LoggedMessage[] = [];
  private readonly waiting: { matches(entry: LoggedMessage): boolean; resolve(entry: LoggedMessage): void }[] = [];
  private readonly server = new grpc.Server();
  address = "";

  async start(): Promise<void> {
    this.server.addService(engineRpc.EngineService, {
      log: (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
        const entry = { severity: call.request.getSeverity() as number, message: call.request.getMessage() as string };
        this.logged.push(entry);
        for (const waiter of this.waiting.filter((candidate) => candidate.matches(entry))) waiter.resolve(entry);
        callback(null, new emptyproto.Empty());
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    this.address = `127.0.0.1:${port}`;
  }

  /** Resolves with the first message (already logged or still to come) that contains `text`. */
  messageContaining(text: string): Promise<LoggedMessage> {
    const matches = (entry: LoggedMessage) => entry.message.includes(text);
    const found = this.logged.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiting.push({ matches, resolve }));
  }

  stop(): void {
    this.server.forceShutdown();
  }
}

/** Pulumi's dynamic provider host, started as the engine starts it; resolves once it says its port. */
async function startHost(engineAddress: string): Promise<{ process: ChildProcess; port: number; stderrContaining(text: string): Promise<string> }> {
  const host = spawn(process.execPath, [path.join(pulumiDir, "cmd", "dynamic-provider"), engineAddress], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  host.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const stderrContaining = (text: string): Promise<string> =>
    new Promise((resolve) => {
      const look = () => {
        if (!stderr.includes(text)) return false;
        resolve(stderr);
        return true;
      };
      if (!look()) host.stderr!.on("data", look);
    });
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    host.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const line = /^(\d+)\s*\n/.exec(stdout);
      if (line) resolve(Number(line[1]));
    });
    host.on("exit", (code) => reject(new Error(`the provider host exited (${code}) before saying its port: ${stderr}`)));
  });
  return { process: host, port, stderrContaining };
}

function call<T>(client: any, method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));
}

const proxyWarning = 'Connector "Engine Log": proxyEnabled: is false, so tool calling will not work';

let engine: StandInEngine;
let host: Awaited<ReturnType<typeof startHost>>;
let provider: any;
let checkFailures: unknown[];

beforeAll(async () => {
  engine = new StandInEngine();
  await engine.start();
  host = await startHost(engine.address);
  provider = new providerRpc.ResourceProviderClient(`127.0.0.1:${host.port}`, grpc.credentials.createInsecure());
  const configure = new providerProto.ConfigureRequest();
  configure.setArgs(structproto.Struct.fromJavaScript({}));
  await call(provider, "configure", configure);
  // A check that warns (the proxy turned off) and sends nothing to Scalekit.
  const check = new providerProto.CheckRequest();
  check.setUrn("urn:pulumi:dev::connectors::pulumi-nodejs:dynamic:Resource::engine-log");
  check.setOlds(structproto.Struct.fromJavaScript({}));
  check.setNews(structproto.Struct.fromJavaScript({ ...bearerArgs("Engine Log", { proxyEnabled: false }), __provider: await currentShimText() }));
  const checked = await call<any>(provider, "check", check);
  checkFailures = checked.getFailuresList();
});

afterAll(() => {
  provider?.close();
  host?.process.kill();
  engine?.stop();
});

test("a warning during check reaches the engine as a warning diagnostic, not the stderr fallback", async () => {
  expect(checkFailures).toEqual([]);
  // Whichever comes first: the engine's diagnostic, or the SDK's fallback to stderr (which fails at once).
  const onStderr = host.stderrContaining(proxyWarning).then((stderr) => {
    throw new Error(`the warning went to the host's stderr: the SDK found no engine\n${stderr}`);
  });
  const received = await Promise.race([engine.messageContaining(proxyWarning), onStderr]);
  expect(received.severity).toBe(engineProto.LogSeverity.WARNING);
});
