/**
 * The Scalekit API routes: token, create, update, delete, list. Each handler
 * checks, in order: authentication, content type, body, server rules; then
 * changes the store, waits for the state file, and returns the answer.
 */

import type { IncomingMessage } from "node:http";
import { FORM_TYPE, JSON_TYPE, parseJson, readBody, requireContentType } from "./http";
import { listProviders, parseListQuery } from "./listing";
import { ROUTES, type RouteKey } from "./routes";
import type { ConnectorStore } from "./store";
import type { TokenIssuer } from "./tokens";
import { validateProviderPayload } from "./validation";

export interface ApiResult {
  status: number;
  body: unknown;
}

export interface ApiDependencies {
  store: ConnectorStore;
  tokens: TokenIssuer;
  maxPageSize: number;
  /** Resolves once the current state is in the state file. */
  persist: () => Promise<void>;
}

export interface ApiRequest {
  route: RouteKey;
  identifier?: string;
  query: URLSearchParams;
  req: IncomingMessage;
}

export async function handleApi(deps: ApiDependencies, request: ApiRequest): Promise<ApiResult> {
  const { store, tokens, persist } = deps;
  const { req } = request;

  if (request.route === ROUTES.token) {
    requireContentType(req, FORM_TYPE);
    const form = new URLSearchParams((await readBody(req)).toString("utf8"));
    return { status: 200, body: tokens.issue(form) };
  }

  tokens.authenticate(req.headers.authorization);

  switch (request.route) {
    case ROUTES.createProvider: {
      const input = validateProviderPayload(await readJson(req), "create");
      const provider = store.create(input);
      await persist();
      return { status: 201, body: { provider } };
    }
    case ROUTES.updateProvider: {
      const input = validateProviderPayload(await readJson(req), "update");
      const provider = store.update(request.identifier ?? "", input);
      await persist();
      return { status: 200, body: { provider } };
    }
    case ROUTES.deleteProvider: {
      store.delete(request.identifier ?? "");
      await persist();
      return { status: 200, body: {} };
    }
    case ROUTES.listProviders:
      return { status: 200, body: listProviders(store, parseListQuery(request.query, deps.maxPageSize)) };
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  requireContentType(req, JSON_TYPE);
  return parseJson(await readBody(req));
}
