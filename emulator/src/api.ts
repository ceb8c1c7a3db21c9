/**
 * The Scalekit API routes: token, create, update, delete, list. Each handler
 * checks, in order: authentication, content type, body, server rules; then
 * changes the store under the current modes, waits for the state file, and
 * returns the answer.
 */

import type { IncomingMessage } from "node:http";
import { FORM_TYPE, JSON_TYPE, parseJson, readBody, requireContentType } from "./http";
import { listProviders, parseListQuery } from "./listing";
import type { ModeSettings } from "./modes";
import { ROUTES, type RouteKey } from "./routes";
import type { ConnectorStore } from "./store";
import type { TokenIssuer } from "./tokens";
import { validateCreate, validateDelete, validateUpdate } from "./validation";

export interface ApiResult {
  status: number;
  body: unknown;
}

export interface ApiDependencies {
  store: ConnectorStore;
  tokens: TokenIssuer;
  modes: ModeSettings;
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
  const { store, tokens, modes, persist } = deps;
  const { req } = request;

  if (request.route === ROUTES.token) {
    requireContentType(req, FORM_TYPE);
    const form = new URLSearchParams((await readBody(req)).toString("utf8"));
    return { status: 200, body: tokens.issue(form) };
  }

  tokens.authenticate(req.headers.authorization);
  const identifier = request.identifier ?? "";

  switch (request.route) {
    case ROUTES.createProvider: {
      const input = validateCreate(await readJson(req), modes.get());
      const provider = store.create(input, modes.get());
      await persist();
      return { status: 201, body: { provider } };
    }
    case ROUTES.updateProvider: {
      const input = validateUpdate(identifier, await readJson(req), modes.get());
      const provider = store.update(identifier, input, modes.get());
      await persist();
      return { status: 200, body: { provider } };
    }
    case ROUTES.deleteProvider: {
      validateDelete(identifier);
      store.delete(identifier, modes.get());
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
