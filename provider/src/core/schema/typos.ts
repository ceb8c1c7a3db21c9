/**
 * Whether a key the schema does not declare looks like a mistyped declared key: the same words in
 * another spelling (`header_name` among camelCase typed arguments, `Label`), or one or two
 * letters off (`feild_name`, `required_`). Only such keys earn a warning; any other key is
 * Scalekit's own and is carried silently.
 */

/** The words of a key, whatever its spelling: lower case, no separators. */
function words(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, "");
}

/** Edits (insertions, deletions, substitutions, swaps of two neighbours) between two texts. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((rows[i - 1]![j] as number) + 1, (rows[i]![j - 1] as number) + 1, (rows[i - 1]![j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]![j - 2] as number) + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length] as number;
}

/** How many edits still count as a typo: none below 4 letters, one up to 7, two beyond. */
function toleratedEdits(length: number): number {
  if (length < 4) return 0;
  return length <= 7 ? 1 : 2;
}

/** The declared key (as spelled in `candidates`) that `key` most likely meant, or undefined when none is close. */
export function likelyMeant(key: string, candidates: readonly string[]): string | undefined {
  const written = words(key);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(written, words(candidate));
    if (distance > toleratedEdits(Math.max(written.length, words(candidate).length))) continue;
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best?.candidate;
}
