/**
 * JSON text read without ever quoting it back: V8's JSON.parse errors repeat a snippet of the
 * text they failed on, and the text may be a definition file or an answer holding a credential.
 * A failure here says what is wrong and where (line and column), in words of this project.
 */

export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: string };

/** The text parsed, or what is wrong with it and where, with no part of the text in the words. */
export function parseJsonText(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: jsonSyntaxProblem(text, error) };
  }
}

/** A JSON.parse failure in words that quote nothing of `text`: its kind, and where when V8 says so. */
export function jsonSyntaxProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const at = /at position (\d+)/.exec(message);
  const where = at ? ` at ${lineAndColumn(text, Number(at[1]))}` : "";
  if (/end of JSON input|Unterminated string/i.test(message)) return `it breaks off before the JSON ends${where}`;
  if (/control character/i.test(message)) return `a string holds a raw control character${where}`;
  return `it is not valid JSON${where}`;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}
