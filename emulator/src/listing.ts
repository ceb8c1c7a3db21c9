/** GET /api/v1/providers: its query parameters and its answer. */

import { CONSTRAINTS, DEFAULT_PAGE_SIZE } from "./assumptions";
import { decodePageToken, paginate, type Cursor } from "./pagination";
import type { ConnectorStore, ProviderKind } from "./store";
import type { ListProvidersResponse } from "./types";
import { IDENTIFIER_FILTER_PATTERN, IDENTIFIER_MAX_LENGTH, characterCount } from "./validation";
import { Violations } from "./violations";

/** The proto's ProviderType enum: names and numbers both accepted in `filter.provider_type`. */
export const PROVIDER_TYPE_NUMBERS = { DEFAULT: 0, CUSTOM: 1, ALL: 2 } as const;

/** Published: `filter.provider_type` left out means DEFAULT, the built-in providers only. */
export const DEFAULT_PROVIDER_TYPE: ProviderKind = "DEFAULT";

export interface ListQuery {
  kind: ProviderKind;
  identifier?: string;
  pageSize: number;
  cursor?: Cursor;
}

/** Reads the query; every bad parameter is named in one 400. */
export function parseListQuery(params: URLSearchParams, maxPageSize: number): ListQuery {
  const violations = new Violations();
  const query: ListQuery = {
    kind: parseProviderType(params.get("filter.provider_type"), violations),
    pageSize: parsePageSize(params.get("page_size"), maxPageSize, violations),
  };
  // An empty identifier is the proto3 default: no identifier filter.
  const identifier = params.get("identifier");
  if (identifier !== null && identifier !== "") {
    if (checkIdentifierFilter(identifier, violations)) query.identifier = identifier;
  }
  const pageToken = params.get("page_token");
  if (pageToken !== null && pageToken !== "") {
    const cursor = decodePageToken(pageToken);
    if (cursor === undefined) {
      violations.add("page_token", CONSTRAINTS.issuedPageToken, `is not a page token issued by this server, got ${JSON.stringify(pageToken)}; start again without page_token`);
    } else {
      query.cursor = cursor;
    }
  }
  violations.throwIfAny("the list request");
  return query;
}

function checkIdentifierFilter(identifier: string, violations: Violations): boolean {
  let valid = true;
  if (!IDENTIFIER_FILTER_PATTERN.test(identifier)) {
    violations.add(
      "identifier",
      CONSTRAINTS.pattern,
      `may only hold letters, digits, "_", ":" and "-" (pattern ${IDENTIFIER_FILTER_PATTERN.source}), got ${JSON.stringify(identifier)}`,
    );
    valid = false;
  }
  const length = characterCount(identifier);
  if (length > IDENTIFIER_MAX_LENGTH) {
    violations.add("identifier", CONSTRAINTS.maxLength, `must be at most ${IDENTIFIER_MAX_LENGTH} characters long, it has ${length}`);
    valid = false;
  }
  return valid;
}

function parseProviderType(value: string | null, violations: Violations): ProviderKind {
  if (value === null || value === "") return DEFAULT_PROVIDER_TYPE;
  for (const [name, number] of Object.entries(PROVIDER_TYPE_NUMBERS)) {
    if (value === name || value === String(number)) return name as ProviderKind;
  }
  const accepted = Object.entries(PROVIDER_TYPE_NUMBERS).map(([name, number]) => `${name} (${number})`);
  violations.add("filter.provider_type", CONSTRAINTS.definedEnum, `must be one of ${accepted.join(", ")}, got ${JSON.stringify(value)}`);
  return DEFAULT_PROVIDER_TYPE;
}

function parsePageSize(value: string | null, maxPageSize: number, violations: Violations): number {
  const fallback = Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
  if (value === null || value === "") return fallback;
  if (!/^[0-9]+$/.test(value)) {
    violations.add("page_size", CONSTRAINTS.wholeNumber, `must be a whole number from 0 up, got ${JSON.stringify(value)}`);
    return fallback;
  }
  const size = Number(value);
  return size === 0 ? fallback : Math.min(size, maxPageSize);
}

export function listProviders(store: ConnectorStore, query: ListQuery): ListProvidersResponse {
  const matching = store.list(query.kind, query.identifier);
  const page = paginate(matching, query.pageSize, query.cursor);
  return {
    providers: structuredClone(page.items),
    next_page_token: page.nextPageToken,
    prev_page_token: page.prevPageToken,
    total_size: matching.length,
  };
}
