/**
 * Pulumi's ResourceProvider gRPC service for the `scalekit` package, on the service definitions
 * @pulumi/pulumi ships. Each handler only translates the wire (protobuf, Struct) to the calls of
 * wire-session.ts and back; @pulumi/pulumi's own provider server is not used because it does
 * not unwrap secrets, ignores provider configuration and drops `stables` and detailed diffs.
 */
import * as grpc from "@grpc/grpc-js";
import * as fs from "fs";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { PluginInfo, type PluginAttach } from "@pulumi/pulumi/proto/plugin_pb";
import { ResourceProviderService, type IResourceProviderServer } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { CallsOnDemand } from "./calls-on-demand";
import type { EngineLog } from "./engine-log";
import { customConnectorToken, pluginVersion, schemaPath } from "./package-names";
import { formatPulumiPath } from "./property-path";
import { changedConfig, checkConfig, configSource } from "./provider-config";
import { fromStruct, toStruct } from "./struct";

type Handlers = Pick<
  IResourceProviderServer,
  | "getPluginInfo" | "getSchema" | "checkConfig" | "diffConfig" | "configure" | "check" | "diff" | "create" | "read" | "update" | "delete"
  | "cancel" | "attach" | "getMapping" | "getMappings"
>;

const kinds: Record<string, proto.PropertyDiff.Kind> = {
  add: proto.PropertyDiff.Kind.ADD,
  delete: proto.PropertyDiff.Kind.DELETE,
  update: proto.PropertyDiff.Kind.UPDATE,
};

/** The error for a URN whose resource type this plugin does not serve, or undefined when it serves it. */
function unservedTypeError(urn: string): Error | undefined {
  const type = urn.split("::")[2]?.split("$").pop();
  return type === customConnectorToken ? undefined : new Error(`The scalekit plugin serves ${customConnectorToken} only, not ${type ?? urn}.`);
}

/** A unary handler from an async function: its error becomes the call's status, its message redacted. */
function unary<Req, Res>(calls: CallsOnDemand, run: (request: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    run(call.request).then(
      (response) => callback(null, response),
      (error: unknown) => callback({ code: grpc.status.UNKNOWN, details: calls.get().redact(error instanceof Error ? error.message : String(error)) }, null),
    );
  };
}

export interface ServerOptions {
  engineLog: EngineLog;
}

/** The handlers of one plugin process. */
export function providerHandlers({ engineLog }: ServerOptions): { handlers: Handlers; calls: CallsOnDemand } {
  const calls = new CallsOnDemand((urn, message) => void engineLog.warn(urn, message));
  const handlers: Handlers = {
    getPluginInfo: unary(calls, async () => new PluginInfo().setVersion(pluginVersion)),
    getSchema: unary(calls, async (request: proto.GetSchemaRequest) => {
      if (request.getVersion() !== 0) throw new Error(`schema version ${request.getVersion()} is not supported (0 is)`);
      return new proto.GetSchemaResponse().setSchema(await fs.promises.readFile(schemaPath, "utf8"));
    }),
    checkConfig: unary(calls, async (request: proto.CheckRequest) => {
      const { inputs, failures } = checkConfig(fromStruct(request.getNews()));
      const response = new proto.CheckResponse().setInputs(toStruct(inputs));
      return response.setFailuresList(failures.map((f) => new proto.CheckFailure().setProperty(f.property).setReason(f.reason)));
    }),
    diffConfig: unary(calls, async (request: proto.DiffRequest) => {
      const changed = changedConfig(fromStruct(request.getOlds()), fromStruct(request.getNews()));
      const response = new proto.DiffResponse().setChanges(changed.length > 0 ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE);
      response.setDiffsList(changed).setHasdetaileddiff(true);
      for (const key of changed) response.getDetaileddiffMap().set(key, new proto.PropertyDiff().setKind(proto.PropertyDiff.Kind.UPDATE).setInputdiff(true));
      return response;
    }),
    configure: unary(calls, async (request: proto.ConfigureRequest) => {
      const variables = new Map(request.getVariablesMap().getEntryList() as [string, string][]);
      calls.get().configure(configSource(request.hasArgs() ? fromStruct(request.getArgs()) : undefined, variables));
      return new proto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true).setAcceptresources(false).setAcceptoutputs(false);
    }),
    check: unary(calls, async (request: proto.CheckRequest) => {
      const wrong = unservedTypeError(request.getUrn());
      if (wrong) throw wrong;
      const outcome = await calls.get().check(request.getUrn(), fromStruct(request.getNews()));
      const response = new proto.CheckResponse();
      if (outcome.inputs) response.setInputs(toStruct(outcome.inputs));
      return response.setFailuresList((outcome.failures ?? []).map((f) => new proto.CheckFailure().setProperty(f.property).setReason(f.reason)));
    }),
    diff: unary(calls, async (request: proto.DiffRequest) => {
      const outcome = await calls.get().diff(request.getUrn(), fromStruct(request.getOlds()), fromStruct(request.getNews()));
      const response = new proto.DiffResponse()
        .setChanges(outcome.changes ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE)
        .setReplacesList(outcome.replaces)
        .setStablesList(outcome.stables);
      if (outcome.detailedDiff) {
        response.setHasdetaileddiff(true).setDiffsList([...new Set(outcome.detailedDiff.map(({ path }) => String(path[0])))]);
        for (const { path, kind } of outcome.detailedDiff) response.getDetaileddiffMap().set(formatPulumiPath(path), new proto.PropertyDiff().setKind(kinds[kind]!).setInputdiff(true));
      }
      return response;
    }),
    create: unary(calls, async (request: proto.CreateRequest) => {
      const outcome = await calls.get().create(request.getUrn(), fromStruct(request.getProperties()), request.getPreview());
      return new proto.CreateResponse().setId(outcome.id).setProperties(toStruct(outcome.properties));
    }),
    read: unary(calls, async (request: proto.ReadRequest) => {
      const outcome = await calls.get().read(request.getUrn(), request.getId(), fromStruct(request.getProperties()), fromStruct(request.getInputs()));
      const response = new proto.ReadResponse().setId(outcome.id);
      if (outcome.id === "") return response;
      return response.setProperties(toStruct(outcome.properties)).setInputs(toStruct(outcome.inputs));
    }),
    update: unary(calls, async (request: proto.UpdateRequest) => {
      const properties = await calls.get().update(request.getUrn(), request.getId(), fromStruct(request.getOlds()), fromStruct(request.getNews()), request.getPreview());
      return new proto.UpdateResponse().setProperties(toStruct(properties));
    }),
    delete: unary(calls, async (request: proto.DeleteRequest) => {
      await calls.get().delete(request.getUrn(), request.getId(), fromStruct(request.getProperties()));
      return new Empty();
    }),
    cancel: unary(calls, async () => {
      calls.cancel();
      return new Empty();
    }),
    attach: unary(calls, async (request: PluginAttach) => {
      engineLog.connect(request.getAddress());
      return new Empty();
    }),
    getMapping: unary(calls, async () => new proto.GetMappingResponse().setProvider("").setData("")),
    getMappings: unary(calls, async () => new proto.GetMappingsResponse().setProvidersList([])),
  };
  return { handlers, calls };
}

export interface RunningServer {
  port: number;
  calls: CallsOnDemand;
  stop(): Promise<void>;
}

/** Serves the handlers on 127.0.0.1 at a free port. */
export async function startProviderServer(options: ServerOptions): Promise<RunningServer> {
  const { handlers, calls } = providerHandlers(options);
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(ResourceProviderService, handlers as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  return {
    port,
    calls,
    stop: async () => {
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      await calls.close();
      options.engineLog.close();
    },
  };
}
