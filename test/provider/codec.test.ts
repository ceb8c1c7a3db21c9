/**
 * The codec (provider/src/core/codec/) owns every respelling: a connector goes round every form it
 * takes (declared payload → typed camelCase → the payload sent → Scalekit's answer → what Scalekit
 * stored → state in either spelling) and comes back the same definition. Keys the schema does not
 * know are carried verbatim at every step, and a JSON `null` reads as absent.
 */
import {
  changedProperties,
  definitionFrom,
  fromApiSpelling,
  fromPayloadSpelling,
  readDeclaration,
  storedProviderSchema,
  storedToDefinition,
  toPayloadSpelling,
  toScalekitPayload,
} from "pulumi-scalekit-connectors/internal";
import { oauthPayload } from "../support/payloads";

type Json = Record<string, any>;

/** Keys Scalekit could serve that the schema does not know, in both spellings, with nested values of any spelling. */
const unknownKeys = { created_by: { team_name: "platform", teamId: 7 }, futureFlag: true };

/** A declared payload with unknown keys in a pattern and in a field, and `null`s where a value is absent. */
function declaredPayload(): Json {
  const payload = oauthPayload("Codec Desk");
  const [pattern] = payload.auth_patterns as Json[];
  return {
    ...payload,
    icon_src: null,
    metadata: { team_owner: "crm", costCenter: "42" },
    auth_patterns: [{ ...pattern, ...unknownKeys, hint: null, fields: [{ field_name: "region", input_type: "text", server_added: { deep_key: [1, null] } }] }, ...(payload.auth_patterns as Json[]).slice(1)],
  };
}

/** Scalekit's answer to a create with `sent`: its own fields around it, `null` for what it has no value for. */
function answer(sent: Json): Json {
  return { provider: { id: "prv_9", identifier: "codec-desk", is_custom: true, is_custom_mcp: false, display_priority: null, a_field_scalekit_added_later: { any: 1 }, ...sent, description: sent.description === "" ? null : sent.description } };
}

test("payload → typed: declared keys respelled, unknown keys and metadata keys kept as written, nulls left out", () => {
  const typed = fromPayloadSpelling(declaredPayload()) as Json;
  expect(typed).not.toHaveProperty("iconSrc");
  expect(typed.metadata).toEqual({ team_owner: "crm", costCenter: "42" });
  const [pattern] = typed.authPatterns as Json[];
  expect(pattern).toMatchObject({ ...unknownKeys, oauthConfig: expect.any(Object) });
  expect(pattern).not.toHaveProperty("hint");
  expect(pattern).not.toHaveProperty("createdBy");
  expect(pattern.fields).toEqual([{ fieldName: "region", inputType: "text", server_added: { deep_key: [1, null] } }]);
});

test("typed → payload: the same payload back, without its nulls", () => {
  const declared = declaredPayload();
  const back = toPayloadSpelling(fromPayloadSpelling(declared)) as Json;
  const { icon_src: _icon, ...withoutNull } = declared;
  const [pattern, ...others] = declared.auth_patterns as Json[];
  const { hint: _hint, ...patternWithoutNull } = pattern;
  expect(back).toEqual({ ...withoutNull, auth_patterns: [patternWithoutNull, ...others] });
});

test("declared → sent → stored → state: one definition, every unknown key carried, nothing changed", () => {
  const result = readDeclaration(declaredPayload(), "payload");
  if (!result.ok) throw new Error(JSON.stringify(result.failures));
  const declared = result.definition;

  // What a create sends carries the unknown keys as declared.
  const sent = toScalekitPayload(declared) as unknown as Json;
  expect(sent.auth_patterns[0]).toMatchObject(unknownKeys);
  expect(sent.auth_patterns[0].fields[0].server_added).toEqual({ deep_key: [1, null] });

  // What Scalekit answers, read back: the same definition, its own extra fields and nulls left out.
  const stored = storedToDefinition(storedProviderSchema.parse((fromApiSpelling(answer(sent)) as Json).provider));
  expect(stored).toEqual(declared);
  expect(changedProperties(stored, declared)).toEqual([]);

  // State keeps it in the declaration's spelling; read from either, it is the same definition.
  expect(definitionFrom(sent, "payload")).toEqual(declared);
  expect(definitionFrom(declared as unknown as Json, "typed")).toEqual(declared);
  // A null in state reads as absent: the description is then the normalized form's empty one.
  expect(definitionFrom(JSON.parse(JSON.stringify({ ...declared, description: null })), "typed")).toEqual({ ...declared, description: "" });
});

test("every form reads the same unknown key the same way, declared in camelCase or snake_case", () => {
  const payload = declaredPayload();
  const viaTyped = readDeclaration(fromPayloadSpelling(payload), "typed");
  const viaPayload = readDeclaration(payload, "payload");
  expect(viaTyped.ok && viaPayload.ok).toBe(true);
  if (viaTyped.ok && viaPayload.ok) expect(viaTyped.definition).toEqual(viaPayload.definition);
});
