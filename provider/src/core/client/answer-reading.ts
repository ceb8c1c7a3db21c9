/**
 * How the client reads Scalekit's success answers, in one place for every API call and for the
 * token request. A 2xx answer must be the JSON object Scalekit documents; anything else (an
 * empty body, a body that is not JSON, JSON cut short, JSON that is not an object or not the
 * documented shape, such as a listing without `providers` and `total_size`) is an
 * UnreadableAnswerError that names what arrived: the operation, the status, the content type and
 * the body's first words. It never reads as an empty result: a proxy or gateway answering 200 with
 * an HTML maintenance page or `{}`, or an API version that renames `providers`, must not look like
 * "Scalekit holds no connectors", or a refresh would drop every connector from the stack.
 *
 * Also the count of a listing across its pages (ListingTally): a listing whose `total_size`
 * says more connectors than arrived is an IncompleteListingError naming both numbers.
 *
 * Nothing here loads the HTTP stack.
 */
import type { z } from "zod";
import { jsonSyntaxProblem } from "../json-text";
import { reservedKeyPaths } from "../schema/reserved-keys";
import { redact } from "./errors";

/** A 2xx answer as it arrived, before anything is read from it. */
export interface SuccessAnswer {
  /** What was being done, in words (`Listing Scalekit connectors`). */
  operation: string;
  status: number;
  /** The Content-Type header as sent; "" when there was none. */
  contentType: string;
  text: string;
}

/** The Content-Type of an answer, as sent ("" when none). */
export function contentTypeOf(headers: Record<string, string | string[] | undefined>): string {
  const value = headers["content-type"];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

/** Longest excerpt of a body quoted in a message. */
const maxExcerptLength = 160;

/**
 * A 2xx answer that is not the JSON Scalekit documents. Nothing is taken from it: no connector
 * is read as absent because of it.
 */
export class UnreadableAnswerError extends Error {
  constructor(
    /** What was being done, in words. */
    readonly operation: string,
    /** The HTTP status of the answer (2xx). */
    readonly status: number,
    /** The answer's Content-Type ("" when none was sent). */
    readonly contentType: string,
    /** What is wrong with the body, in words (`a body that is not JSON`). */
    readonly problem: string,
    /** The body's first words, on one line, secrets redacted ("" for an empty body). */
    readonly excerpt: string,
  ) {
    super(
      `${operation} failed: Scalekit answered ${status} with ${contentType ? `content type ${contentType}` : "no content type"} and ${problem}` +
        `${excerpt ? `: "${excerpt}"` : ""}. ` +
        `That is not the JSON Scalekit's API answers with: a proxy, gateway or maintenance page between this machine and Scalekit may have answered instead, ` +
        `the answer was cut short, or Scalekit's API changed the shape of its answers. Nothing was taken from it. Check that the environment URL is Scalekit's API, then run the command again.`,
    );
    this.name = "UnreadableAnswerError";
  }
}

/**
 * A listing that holds fewer connectors than its own `total_size` says. A connector missing from
 * it may well exist, so nothing may conclude from it that one is gone.
 */
export class IncompleteListingError extends Error {
  constructor(
    /** What was being done, in words. */
    readonly operation: string,
    /** The number of connectors the listing says it holds (its last stated `total_size`). */
    readonly totalSize: number,
    /** The number of connectors that arrived. */
    readonly arrived: number,
    /** The pages read, the one that gave up included. */
    readonly pages: number,
    /** True when a page before the last held no connectors at all. */
    readonly emptyPage = false,
  ) {
    const where = emptyPage ? `page ${pages} held none although more pages were announced` : `the last page (${plural(pages, "page")} in all) was reached`;
    super(
      `${operation} failed: Scalekit's listing says it holds ${plural(totalSize, "connector")} (total_size), but ${arrived} arrived and ${where}. ` +
        `A connector missing from an incomplete listing may still exist, so nothing is concluded from it. ` +
        `Run the command again; if this persists, something between this machine and Scalekit (a proxy or gateway) may be altering its answers.`,
    );
    this.name = "IncompleteListingError";
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * The JSON object of a 2xx answer, as it was served (snake_case). An empty body, a body that is
 * not JSON, JSON cut short and JSON that is not an object are an UnreadableAnswerError.
 */
export function answerObject(answer: SuccessAnswer, secrets: Iterable<string | undefined>): Record<string, unknown> {
  const unreadable = (problem: string) => new UnreadableAnswerError(answer.operation, answer.status, answer.contentType, problem, excerptOf(answer.text, secrets));
  const text = answer.text.trim();
  if (text === "") throw unreadable("an empty body");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (!/^[[{]/.test(text)) throw unreadable("a body that is not JSON");
    throw unreadable(`JSON that breaks off or does not parse (${jsonSyntaxProblem(text, error)})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw unreadable(`JSON that is not an object (${describeJsonValue(parsed)})`);
  }
  const reserved = reservedKeyPaths(parsed);
  if (reserved.length > 0) {
    throw unreadable(`JSON holding a key that names a JavaScript internal, which cannot be carried faithfully, at ${reserved.slice(0, 3).map(servedPath).join(", ")}`);
  }
  return parsed as Record<string, unknown>;
}

/** The documented shape of an answer. */
export interface AnswerShape<S extends z.ZodType> {
  /** Its name in messages (`listing page`, `token answer`). */
  what: string;
  /** The schema it must fit, in the spelling `respell` gives. */
  schema: S;
  /** The renaming of Scalekit's field names that the schema reads (snake_case to camelCase). */
  respell: (served: unknown) => unknown;
}

/**
 * The answer's JSON object, respelled and checked against its documented shape; when it does
 * not fit, an UnreadableAnswerError saying where, in Scalekit's spelling.
 */
export function readAnswer<S extends z.ZodType>(answer: SuccessAnswer, secrets: Iterable<string | undefined>, shape: AnswerShape<S>): z.output<S> {
  const { what, schema, respell } = shape;
  const secretList = [...secrets];
  const parsed = schema.safeParse(respell(answerObject(answer, secretList)));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((issue) => `${wirePath(issue.path) || "the answer"}: ${issue.message}`);
  throw new UnreadableAnswerError(
    answer.operation,
    answer.status,
    answer.contentType,
    `JSON that is not the ${what} Scalekit documents (${issues.join("; ")}${parsed.error.issues.length > 3 ? "; ..." : ""})`,
    excerptOf(answer.text, secretList),
  );
}

/**
 * Counts a listing page by page (the client reads pages until `next_page_token` is empty) and
 * holds it to the `total_size` its pages state: fewer connectors than that at the last page, or
 * a page without any before the last one while more are announced, is an IncompleteListingError.
 * (Every page states one: a page without it is unreadable, provider-object.ts.)
 */
export class ListingTally {
  private arrived = 0;
  private pages = 0;
  private totalSize: number | undefined;

  constructor(private readonly operation: string) {}

  /** One page: how many connectors it held, the `total_size` it stated, whether it is the last. */
  addPage(held: number, totalSize: number | undefined, last: boolean): void {
    this.pages += 1;
    if (totalSize !== undefined) this.totalSize = totalSize;
    const announced = this.totalSize;
    if (held === 0 && !last && announced !== undefined && announced > this.arrived) {
      throw new IncompleteListingError(this.operation, announced, this.arrived, this.pages, true);
    }
    this.arrived += held;
    if (last && announced !== undefined && announced > this.arrived) {
      throw new IncompleteListingError(this.operation, announced, this.arrived, this.pages);
    }
  }
}

/** The first words of a body: on one line, secrets and token values redacted, at most maxExcerptLength characters. */
function excerptOf(text: string, secrets: Iterable<string | undefined>): string {
  const line = redact(text, secrets).replace(/\s+/g, " ").trim();
  // A token answer cut short holds a token no one has seen yet, so redact cannot know it.
  const masked = /^[[{]/.test(line)
    ? // Scalekit's own JSON (a connector may hold a secret default value): its keys say what arrived, its string values are not quoted.
      line.replace(/(:\s*)"(?:[^"\\]|\\.)*("|$)/g, '$1"…"')
    : line.replace(/("(?:access_token|refresh_token|id_token|client_secret|accessToken|refreshToken|idToken|clientSecret)"\s*:\s*")[^"]*/g, "$1[redacted]");
  return masked.length > maxExcerptLength ? `${masked.slice(0, maxExcerptLength)}…` : masked;
}

function describeJsonValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** A path in an answer as served: `providers[0].auth_patterns[0].__proto__`. */
function servedPath(path: readonly (string | number)[]): string {
  return path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join("");
}

/** A schema path in the wire's spelling: `providers[0].display_name`. */
function wirePath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      const name = String(segment).replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
      return index === 0 ? name : `.${name}`;
    })
    .join("");
}
