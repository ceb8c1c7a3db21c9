/**
 * The Provider object Scalekit returns (snake_case on the wire, camelCase here). Parsed leniently:
 * Scalekit may add fields, and a stored connector is whatever Scalekit kept.
 */
import { z } from "zod";

const storedAuthPatternSchema = z.looseObject({ type: z.string() });

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

export const listProvidersResponseSchema = z.looseObject({
  providers: z.array(z.unknown()).optional().default([]),
  nextPageToken: z.string().optional().default(""),
  totalSize: z.number().optional(),
});

export const providerEnvelopeSchema = z.looseObject({ provider: z.unknown() });

export const tokenResponseSchema = z.looseObject({
  accessToken: z.string().min(1),
  tokenType: z.string().optional(),
  expiresIn: z.number().positive(),
});
