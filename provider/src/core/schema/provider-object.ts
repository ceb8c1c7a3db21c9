/**
 * The Provider object Scalekit returns (snake_case on the wire; its own fields camelCase here,
 * case-mapping.ts `fromApiSpelling`). Parsed leniently: Scalekit may add fields, and a stored
 * connector is whatever Scalekit kept. Its auth patterns stay exactly as served (free-form JSON,
 * every key carried), for storedToDefinition to read by the schema.
 */
import { z } from "zod";

const storedAuthPatternSchema = z.record(z.string(), z.unknown());

export const storedProviderSchema = z.looseObject({
  id: z.string(),
  identifier: z.string(),
  displayName: z.string(),
  description: z.string().optional().default(""),
  authPatterns: z.array(storedAuthPatternSchema).optional().default([]),
  proxyUrl: z.string().optional().default(""),
  proxyEnabled: z.boolean().optional().default(false),
  iconSrc: z.string().optional().default(""),
  isCustom: z.boolean().optional(),
  isCustomMcp: z.boolean().optional().default(false),
  metadata: z.record(z.string(), z.string()).optional().default({}),
});

export type StoredProvider = z.output<typeof storedProviderSchema>;

/**
 * `total_size`: a JSON number, or a string of digits (proto3 JSON writes 64-bit integers as
 * strings). Absent when the server leaves it out (proto3 omits a zero).
 */
const countSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^[0-9]+$/).transform(Number)]);

/**
 * One page of `GET /api/v1/providers` (scalekit-api.md, "Endpoints"). `providers` absent is an
 * empty page (proto3 omits an empty list); whether an empty page is believable is the client's
 * check against `total_size` (client/answers.ts, ListingTally).
 */
export const listProvidersResponseSchema = z.looseObject({
  providers: z.array(storedProviderSchema).optional().default([]),
  nextPageToken: z.string().optional().default(""),
  totalSize: countSchema.optional(),
});

/** The answer of a create or an update: `{"provider": Provider}`. */
export const providerEnvelopeSchema = z.looseObject({ provider: storedProviderSchema });

export const tokenResponseSchema = z.looseObject({
  accessToken: z.string().min(1),
  tokenType: z.string().optional(),
  expiresIn: z.number().positive(),
});
