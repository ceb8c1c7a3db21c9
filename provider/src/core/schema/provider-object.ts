/**
 * The Provider object Scalekit returns (snake_case on the wire; its own fields camelCase here,
 * the codec's `fromApiSpelling`). Parsed leniently: Scalekit may add fields, and a stored
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

/** `total_size`: a JSON number, or a string of digits (proto3 JSON writes 64-bit integers as strings). */
const countSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^[0-9]+$/).transform(Number)]);

/**
 * One page of `GET /api/v1/providers`, the listing and the exact look-up (`?identifier=`) alike
 * (scalekit-api.md, "Endpoints"): `{"providers": [...], "next_page_token": "...", "total_size": N}`.
 * `providers` and `total_size` are required: an answer without them (`{}`, `{"providers": null}`,
 * the list under another key) is not Scalekit's listing, and reading it as an empty one would
 * take every connector for gone. Whether the connectors that arrived are all of them is the
 * client's check against `total_size` (client/answer-reading.ts, ListingTally).
 */
export const listProvidersResponseSchema = z.looseObject({
  providers: z.array(storedProviderSchema),
  nextPageToken: z.string().optional().default(""),
  totalSize: countSchema,
});

/** The answer of a create or an update: `{"provider": Provider}`. */
export const providerEnvelopeSchema = z.looseObject({ provider: storedProviderSchema });

export const tokenResponseSchema = z.looseObject({
  accessToken: z.string().min(1),
  tokenType: z.string().optional(),
  expiresIn: z.number().positive(),
});
