/** GET /api/v1/providers: its query parameters and its answer. */

import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_PROVIDER_TYPE_FILTER,
  EMPTY_IDENTIFIER_MEANS_NO_FILTER,
  PROVIDER_TYPE_NUMBERS,
} from "./assumptions";
import { invalidArgument } from "./errors";
import { decodePageToken, paginate } from "./pagination";
import type { ConnectorStore, ProviderKind } from "./store";
import type { ListProvidersResponse } from "./types";
import { IDENTIFIER_FILTER_PATTERN } from "./validation";

export interface ListQuery {
  kind: ProviderKind;
  identifier?: string;
  pageSize: number;
  pageToken?: string;
}

export function parseListQuery(params: URLSearchParams, maxPageSize: number): ListQuery {
  const query: ListQuery = {
    kind: parseProviderType(params.get("filter.provider_type")),
    pageSize: parsePageSize(params.get("page_size"), maxPageSize),
  };
  const identifier = params.get("identifier");
  if (identifier !== null && !(identifier === "" && EMPTY_IDENTIFIER_MEANS_NO_FILTER)) {
    if (!IDENTIFIER_FILTER_PATTERN.test(identifier)) {
      throw invalidArgument(
        `identifier ${JSON.stringify(identifier)} may only hold letters, digits, "_", ":" and "-" (pattern ${IDENTIFIER_FILTER_PATTERN.source})`,
      );
    }
    query.identifier = identifier;
  }
  const pageToken = params.get("page_token");
  if (pageToken !== null && pageToken !== "") query.pageToken = pageToken;
  return query;
}

function parseProviderType(value: string | null): ProviderKind {
  if (value === null || value === "") return DEFAULT_PROVIDER_TYPE_FILTER;
  for (const [name, number] of Object.entries(PROVIDER_TYPE_NUMBERS)) {
    if (value === name || value === String(number)) return name as ProviderKind;
  }
  const accepted = Object.entries(PROVIDER_TYPE_NUMBERS).map(([name, number]) => `${name} (${number})`);
  throw invalidArgument(`filter.provider_type ${JSON.stringify(value)} is not one of ${accepted.join(", ")}`);
}

function parsePageSize(value: string | null, maxPageSize: number): number {
  if (value === null || value === "") return Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
  if (!/^[0-9]+$/.test(value)) {
    throw invalidArgument(`page_size must be a whole number from 0 up, got ${JSON.stringify(value)}`);
  }
  const size = Number(value);
  if (size === 0) return Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
  return Math.min(size, maxPageSize);
}

export function listProviders(store: ConnectorStore, query: ListQuery): ListProvidersResponse {
  const cursor = query.pageToken === undefined ? undefined : decodePageToken(query.pageToken);
  const matching = store.list(query.kind, query.identifier);
  const page = paginate(matching, query.pageSize, cursor);
  return {
    providers: structuredClone(page.items),
    next_page_token: page.nextPageToken,
    prev_page_token: page.prevPageToken,
    total_size: matching.length,
  };
}
