/** google.protobuf.Struct to and from plain values (Pulumi's properties on the wire). */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

export function fromStruct(struct: Struct | undefined): Record<string, unknown> {
  return (struct?.toJavaScript() ?? {}) as Record<string, unknown>;
}

/** A Struct of plain JSON values; `undefined` entries are left out (a Struct cannot hold them). */
export function toStruct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Parameters<typeof Struct.fromJavaScript>[0]);
}
