/**
 * The floor's resource plugin: Pulumi's ResourceProvider gRPC service on the service definitions
 * @pulumi/pulumi ships (as the connector plugin serves it, without @pulumi/pulumi's own provider
 * server, which loads the whole SDK), answering from noop-provider.ts. Package `floor`, one
 * resource type.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import * as noop from "./noop-provider";

export const floorPackage = "floor";
export const floorPluginVersion = "0.1.0";
/** The floor's resource type through the plugin. */
export const floorConnectorType = "floor:index:Connector";

type Properties = noop.Properties;
type JavaScriptValue = Parameters<typeof Struct.fromJavaScript>[0];

const fromStruct = (struct: Struct | undefined): Properties => (struct ? (struct.toJavaScript() as Properties) : {});
const toStruct = (value: Properties): Struct => Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as JavaScriptValue);

function unary<Req, Res>(run: (request: Req) => Res): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    try {
      callback(null, run(call.request));
    } catch (error) {
      callback({ code: grpc.status.UNKNOWN, details: error instanceof Error ? error.message : String(error) }, null);
    }
  };
}

/** The service's handlers; every method the engine may call on a resource provider answers at once. */
export function floorHandlers(): grpc.UntypedServiceImplementation {
  const handlers = {
    getPluginInfo: unary(() => new PluginInfo().setVersion(floorPluginVersion)),
    getSchema: unary(() => new proto.GetSchemaResponse().setSchema(JSON.stringify({ name: floorPackage, version: floorPluginVersion }))),
    checkConfig: unary((request: proto.CheckRequest) => new proto.CheckResponse().setInputs(request.getNews())),
    diffConfig: unary(() => new proto.DiffResponse().setChanges(proto.DiffResponse.DiffChanges.DIFF_NONE)),
    configure: unary(() => new proto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true).setAcceptresources(false).setAcceptoutputs(false)),
    check: unary((request: proto.CheckRequest) => new proto.CheckResponse().setInputs(toStruct(noop.check(fromStruct(request.getNews()))))),
    diff: unary((request: proto.DiffRequest) => {
      const changed = noop.diff(fromStruct(request.getOlds()), fromStruct(request.getNews()));
      return new proto.DiffResponse().setChanges(changed ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE);
    }),
    create: unary((request: proto.CreateRequest) => {
      const { id, outs } = noop.create(fromStruct(request.getProperties()));
      return new proto.CreateResponse().setId(request.getPreview() ? "" : id).setProperties(toStruct(outs));
    }),
    read: unary((request: proto.ReadRequest) => {
      const { id, props, inputs } = noop.read(request.getId(), fromStruct(request.getProperties()));
      return new proto.ReadResponse().setId(id).setProperties(toStruct(props)).setInputs(toStruct(inputs));
    }),
    update: unary((request: proto.UpdateRequest) => new proto.UpdateResponse().setProperties(toStruct(noop.update(fromStruct(request.getOlds()), fromStruct(request.getNews()))))),
    delete: unary(() => {
      noop.remove();
      return new Empty();
    }),
    cancel: unary(() => new Empty()),
    attach: unary(() => new Empty()),
    getMapping: unary(() => new proto.GetMappingResponse().setProvider("").setData("")),
    getMappings: unary(() => new proto.GetMappingsResponse().setProvidersList([])),
  };
  return handlers as unknown as grpc.UntypedServiceImplementation;
}

/** Serves the floor on 127.0.0.1 at a free port. */
export async function startFloorServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(ResourceProviderService, floorHandlers());
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  return { port, stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}
