/**
 * google.protobuf.Struct to and from plain values (Pulumi's properties on the wire). Read key by
 * key into own properties, so that a key such as `__proto__` arrives as the key it is (Struct's
 * own toJavaScript assigns it, which changes the object's prototype instead) and the check can
 * refuse it by name.
 */
import { Struct, Value } from "google-protobuf/google/protobuf/struct_pb";

function fromValue(value: Value): unknown {
  switch (value.getKindCase()) {
    case Value.KindCase.NUMBER_VALUE:
      return value.getNumberValue();
    case Value.KindCase.STRING_VALUE:
      return value.getStringValue();
    case Value.KindCase.BOOL_VALUE:
      return value.getBoolValue();
    case Value.KindCase.STRUCT_VALUE:
      return fromStruct(value.getStructValue());
    case Value.KindCase.LIST_VALUE:
      return (value.getListValue()?.getValuesList() ?? []).map(fromValue);
    default:
      return null;
  }
}

export function fromStruct(struct: Struct | undefined): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  struct?.getFieldsMap().forEach((value, key) => entries.push([key, fromValue(value)]));
  // Object.fromEntries defines own properties, `__proto__` included.
  return Object.fromEntries(entries);
}

/** A Struct of plain JSON values; `undefined` entries are left out (a Struct cannot hold them). */
export function toStruct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Parameters<typeof Struct.fromJavaScript>[0]);
}
