/**
 * HTTP plumbing: reading a request body within a size limit, checking its
 * content type, parsing it, and writing JSON and error answers.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_BODY_BYTES, PAYLOAD_TOO_LARGE_CODE, WRONG_CONTENT_TYPE_CODE } from "./assumptions";
import { ApiError, invalidArgument } from "./errors";

export const JSON_TYPE = "application/json";
export const FORM_TYPE = "application/x-www-form-urlencoded";

/** Thrown when a body is over the limit; the answer closes the connection. */
export class PayloadTooLarge extends ApiError {
  constructor(limit: number) {
    super(PAYLOAD_TOO_LARGE_CODE, `the request body is larger than the ${limit} bytes this server accepts`, {
      status: 413,
      headers: { Connection: "close" },
    });
  }
}

/** Reads the whole body, or stops reading and throws PayloadTooLarge once it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new PayloadTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(new PayloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error("the connection closed before the request body was complete"));
    };
    const cleanup = (): void => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/** The media type of the request, lower-cased, without parameters ("" when absent). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

export function requireContentType(req: IncomingMessage, expected: string): void {
  const given = mediaType(req);
  if (given !== expected) {
    throw new ApiError(
      WRONG_CONTENT_TYPE_CODE,
      `Content-Type must be ${expected}, got ${given === "" ? "none" : JSON.stringify(given)}`,
    );
  }
}

export function parseJson(body: Buffer): unknown {
  const text = body.toString("utf8");
  if (text.trim() === "") throw invalidArgument("the request body is empty; send a JSON object");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidArgument(`the request body is not valid JSON: ${(error as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, error.toBody(), error.headers);
}
