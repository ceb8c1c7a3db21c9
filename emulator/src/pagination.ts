/**
 * Cursor pagination over items in a stable order. Page tokens are opaque to
 * clients: base64url of "after:<seq>" or "before:<seq>", where seq is the
 * position number of an item in creation order.
 */

export interface Sequenced<T> {
  seq: number;
  value: T;
}

export interface Cursor {
  direction: "after" | "before";
  seq: number;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string;
  prevPageToken: string;
}

const TOKEN_TEXT = /^(after|before):(0|[1-9][0-9]{0,15})$/;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.direction}:${cursor.seq}`, "utf8").toString("base64url");
}

/** Reads a page token; `undefined` for anything this server did not issue. */
export function decodePageToken(token: string): Cursor | undefined {
  const text = Buffer.from(token, "base64url").toString("utf8");
  const match = TOKEN_TEXT.exec(text);
  if (!match) return undefined;
  const cursor: Cursor = { direction: match[1] as Cursor["direction"], seq: Number(match[2]) };
  // Re-encoding must give the same token back, so that loose base64 does not slip through.
  return encodeCursor(cursor) === token ? cursor : undefined;
}

/**
 * One page of `items` (sorted by seq ascending) of at most `pageSize` items,
 * starting at the cursor (or at the start when there is none).
 */
export function paginate<T>(items: readonly Sequenced<T>[], pageSize: number, cursor?: Cursor): Page<T> {
  let page: Sequenced<T>[];
  if (cursor === undefined) {
    page = items.slice(0, pageSize);
  } else if (cursor.direction === "after") {
    page = items.filter((item) => item.seq > cursor.seq).slice(0, pageSize);
  } else {
    const before = items.filter((item) => item.seq < cursor.seq);
    page = before.slice(Math.max(0, before.length - pageSize));
  }

  const first = page[0];
  const last = page[page.length - 1];
  // An empty page still points back (or forward) to where the cursor was.
  const lowSeq = first ? first.seq : cursor?.direction === "after" ? cursor.seq + 1 : undefined;
  const highSeq = last ? last.seq : cursor?.direction === "before" ? cursor.seq - 1 : undefined;

  const hasBefore = lowSeq !== undefined && items.some((item) => item.seq < lowSeq);
  const hasAfter = highSeq !== undefined && items.some((item) => item.seq > highSeq);
  return {
    items: page.map((item) => item.value),
    nextPageToken: hasAfter && highSeq !== undefined ? encodeCursor({ direction: "after", seq: highSeq }) : "",
    prevPageToken: hasBefore && lowSeq !== undefined ? encodeCursor({ direction: "before", seq: lowSeq }) : "",
  };
}
