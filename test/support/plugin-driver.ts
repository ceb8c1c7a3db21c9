/**
 * The resource plugin driven as Pulumi's engine drives it: a gRPC client of the ResourceProvider
 * service (requests built as the engine builds them, properties as Structs, secrets in Pulumi's
 * wire form), and a stand-in engine that receives the plugin's Log calls.
 */
import * as grpc from "@grpc/grpc-js";
import { spawn, type ChildProcess } from "child_process";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import type { LogRequest } from "@pulumi/pulumi/proto/engine_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";

type Properties = Record<string, unknown>;

function struct(value: Properties): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Parameters<typeof Struct.fromJavaScript>[0]);
}

function plain(value: Struct | undefined): Properties {
  return (value?.toJavaScript() ?? {}) as Properties;
}

export interface EngineLogEntry {
  severity: number;
  message: string;
  urn: string;
}

/** A stand-in engine: only Log, recording what the plugin says. */
export interface StandInEngine {
  address: string;
  logs: EngineLogEntry[];
  /** The first Log call about `urn`: at once if it has come, else when it comes (rejects after `timeoutMs`). */
  logged(urn: string, timeoutMs?: number): Promise<EngineLogEntry>;
  stop(): Promise<void>;
}

export async function startStandInEngine(): Promise<StandInEngine> {
  const logs: EngineLogEntry[] = [];
  const waiting: Array<{ urn: string; resolve: (entry: EngineLogEntry) => void }> = [];
  const server = new grpc.Server();
  server.addService(EngineService, {
    log: (call: grpc.ServerUnaryCall<LogRequest, Empty>, callback: grpc.sendUnaryData<Empty>) => {
      const entry = { severity: call.request.getSeverity(), message: call.request.getMessage(), urn: call.request.getUrn() };
      logs.push(entry);
      for (const waiter of waiting.filter((each) => each.urn === entry.urn)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(entry);
      }
      callback(null, new Empty());
    },
  });
  const logged = (urn: string, timeoutMs = 10_000): Promise<EngineLogEntry> => {
    const found = logs.find((entry) => entry.urn === urn);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(new Error(`the stand-in engine got no Log call about ${urn} in ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        urn,
        resolve: (entry: EngineLogEntry) => {
          clearTimeout(timer);
          resolve(entry);
        },
      };
      waiting.push(waiter);
    });
  };
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { address: `127.0.0.1:${port}`, logs, logged, stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())) };
}

export const connectorType = "scalekit:index:CustomConnector";

export function connectorUrn(name: string, stack = "dev", project = "plugin-test"): string {
  return `urn:pulumi:${stack}::${project}::${connectorType}::${name}`;
}

export interface DiffAnswer {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  stables: string[];
  diffs: string[];
  detailedDiff: Record<string, { kind: number; inputDiff: boolean }>;
  hasDetailedDiff: boolean;
}

function diffAnswer(response: proto.DiffResponse): DiffAnswer {
  const changes = response.getChanges();
  const detailedDiff: DiffAnswer["detailedDiff"] = {};
  response.getDetaileddiffMap().forEach((entry, key) => {
    detailedDiff[key] = { kind: entry.getKind(), inputDiff: entry.getInputdiff() };
  });
  return {
    changes: changes === proto.DiffResponse.DiffChanges.DIFF_SOME ? "some" : changes === proto.DiffResponse.DiffChanges.DIFF_NONE ? "none" : "unknown",
    replaces: response.getReplacesList(),
    stables: response.getStablesList(),
    diffs: response.getDiffsList(),
    detailedDiff,
    hasDetailedDiff: response.getHasdetaileddiff(),
  };
}

/** Calls the plugin at `address` as the engine does. Every call rejects with the plugin's error status. */
export class PluginDriver {
  private readonly client: ResourceProviderClient;

  constructor(address: string) {
    this.client = new ResourceProviderClient(address, grpc.credentials.createInsecure());
  }

  private call<Res>(send: (callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
      send((error, response) => (error ? reject(error) : resolve(response)));
    });
  }

  async pluginVersion(): Promise<string> {
    return (await this.call<PluginInfo>((cb) => this.client.getPluginInfo(new Empty(), cb))).getVersion();
  }

  async schema(): Promise<string> {
    return (await this.call<proto.GetSchemaResponse>((cb) => this.client.getSchema(new proto.GetSchemaRequest(), cb))).getSchema();
  }

  async checkConfig(news: Properties): Promise<{ inputs: Properties; failures: { property: string; reason: string }[] }> {
    const request = new proto.CheckRequest().setUrn("urn:pulumi:dev::plugin-test::pulumi:providers:scalekit::default").setNews(struct(news)).setOlds(struct({}));
    const response = await this.call<proto.CheckResponse>((cb) => this.client.checkConfig(request, cb));
    return { inputs: plain(response.getInputs()), failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
  }

  async diffConfig(olds: Properties, news: Properties): Promise<DiffAnswer> {
    const request = new proto.DiffRequest().setUrn("urn:pulumi:dev::plugin-test::pulumi:providers:scalekit::second").setOlds(struct(olds)).setNews(struct(news));
    return diffAnswer(await this.call<proto.DiffResponse>((cb) => this.client.diffConfig(request, cb)));
  }

  /** Configure with typed `args` (as today's engine sends), or with `variables` (`scalekit:config:<key>`). */
  async configure(args: Properties | undefined, variables: Record<string, string> = {}): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }> {
    const request = new proto.ConfigureRequest().setAcceptsecrets(true).setAcceptresources(true);
    if (args) request.setArgs(struct(args));
    for (const [key, value] of Object.entries(variables)) request.getVariablesMap().set(key, value);
    const response = await this.call<proto.ConfigureResponse>((cb) => this.client.configure(request, cb));
    return { acceptSecrets: response.getAcceptsecrets(), supportsPreview: response.getSupportspreview() };
  }

  async check(urn: string, news: Properties, olds: Properties = {}): Promise<{ inputs: Properties; failures: { property: string; reason: string }[] }> {
    const request = new proto.CheckRequest().setUrn(urn).setNews(struct(news)).setOlds(struct(olds)).setType(connectorType);
    const response = await this.call<proto.CheckResponse>((cb) => this.client.check(request, cb));
    return { inputs: plain(response.getInputs()), failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
  }

  async diff(urn: string, id: string, olds: Properties, news: Properties): Promise<DiffAnswer> {
    const request = new proto.DiffRequest().setUrn(urn).setId(id).setOlds(struct(olds)).setNews(struct(news)).setType(connectorType);
    return diffAnswer(await this.call<proto.DiffResponse>((cb) => this.client.diff(request, cb)));
  }

  async create(urn: string, properties: Properties, preview = false): Promise<{ id: string; properties: Properties }> {
    const request = new proto.CreateRequest().setUrn(urn).setProperties(struct(properties)).setPreview(preview).setType(connectorType);
    const response = await this.call<proto.CreateResponse>((cb) => this.client.create(request, cb));
    return { id: response.getId(), properties: plain(response.getProperties()) };
  }

  async read(urn: string, id: string, properties: Properties = {}, inputs: Properties = {}): Promise<{ id: string; properties: Properties; inputs: Properties }> {
    const request = new proto.ReadRequest().setUrn(urn).setId(id).setProperties(struct(properties)).setInputs(struct(inputs)).setType(connectorType);
    const response = await this.call<proto.ReadResponse>((cb) => this.client.read(request, cb));
    return { id: response.getId(), properties: plain(response.getProperties()), inputs: plain(response.getInputs()) };
  }

  async update(urn: string, id: string, olds: Properties, news: Properties, preview = false): Promise<Properties> {
    const request = new proto.UpdateRequest().setUrn(urn).setId(id).setOlds(struct(olds)).setNews(struct(news)).setPreview(preview).setType(connectorType);
    return plain((await this.call<proto.UpdateResponse>((cb) => this.client.update(request, cb))).getProperties());
  }

  async delete(urn: string, id: string, properties: Properties): Promise<void> {
    await this.call<Empty>((cb) => this.client.delete(new proto.DeleteRequest().setUrn(urn).setId(id).setProperties(struct(properties)).setType(connectorType), cb));
  }

  /** The engine's Cancel (sent on Ctrl+C): the plugin is to end what it is doing. */
  async cancel(): Promise<void> {
    await this.call<Empty>((cb) => this.client.cancel(new Empty(), cb));
  }

  close(): void {
    this.client.close();
  }
}

/** The plugin's executable started as the engine starts it (engine address first); resolves with the port it printed. */
export function startPluginProcess(executable: string, engineAddress: string, env: NodeJS.ProcessEnv = process.env): Promise<{ port: number; child: ChildProcess; stderr: () => string }> {
  const child = spawn(executable, [engineAddress], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${executable} printed no port in 20 s; stderr: ${stderr}`)), 20_000);
    child.on("exit", (code) => reject(new Error(`${executable} exited with ${code} before printing a port; stderr: ${stderr}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const line = /^(\d+)\n/.exec(stdout);
      if (line) {
        clearTimeout(timer);
        resolve({ port: Number(line[1]), child, stderr: () => stderr });
      }
    });
  });
}
