/**
 * The resource plugin's CustomConnector and its provider as zod schemas, with what each property
 * means (`.meta({ description })`): the plugin's package schema (plugin/package-schema.ts) is
 * generated from these through `z.toJSONSchema`, so a property is listed and described once.
 */
import { z } from "zod";
import { providerSettings } from "../client/provider-settings";
import { connectorDefinitionShapeSchema } from "./definition";

/**
 * What a program declares: the definition's typed properties, or `scalekitPayload`, with `adopt`
 * for either. Every property is optional here because there are two forms; Check says what the
 * chosen form is missing.
 */
export const customConnectorInputsSchema = connectorDefinitionShapeSchema.partial().extend({
  scalekitPayload: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: "The create payload as in Scalekit's docs: `display_name`, `auth_patterns`, `proxy_url`, ..." }),
  adopt: z.boolean().optional().meta({ description: "Take over a connector that already exists under the same name instead of failing." }),
});

/** What the resource holds: its inputs, and what Scalekit decides. */
export const customConnectorOutputsSchema = customConnectorInputsSchema
  .extend({
    identifier: z.string().meta({ description: "Scalekit's identifier, chosen by Scalekit at creation; also the resource's id." }),
    scalekitId: z.string().meta({ description: "The API's `id` of the connector." }),
    isCustomMcp: z.boolean().meta({ description: "True when the connector's patterns are MCP." }),
    keptByScalekit: z.array(z.string()).optional().meta({ description: "Properties Scalekit kept when the last update asked to clear them." }),
  })
  .meta({
    description:
      "One Scalekit custom connector, served by the `scalekit` plugin. Declared with the typed arguments or with `scalekitPayload`, as the dynamic door's `CustomConnector`; take an existing connector over with the `import` option (its identifier) or `pulumi import scalekit:index:CustomConnector <name> <identifier>`.",
  });

/** The provider's configuration: one property per setting (client/provider-settings.ts), the secret one marked `secret`. */
export const providerConfigSchema = z
  .object(
    Object.fromEntries(
      providerSettings.map((setting) => {
        const value: z.ZodType = setting.kind === "text" ? z.string() : z.number().int();
        return [setting.field, value.optional().meta({ description: setting.description, ...(setting.secret ? { secret: true } : {}) })];
      }),
    ),
  )
  .meta({
    description:
      "The plugin's provider: one Scalekit environment. Without one, connectors use the stack's `scalekit:environmentUrl`, `scalekit:clientId` and `scalekit:clientSecret` config.",
  });
