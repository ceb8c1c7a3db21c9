/** Whether a value is a JSON object (not null, not a list). Kept apart from the schema so that code which only walks values does not load zod. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
