/**
 * Files the migration writes hold a stack's state: secrets' ciphertext, every output, the
 * backend's layout. They are readable by their owner only (0600, in a folder of 0700), whatever
 * the umask, also when a file of the same name was there before. A folder the migration creates
 * is its owner's only (0700); one that exists is left as it is.
 */
import * as fs from "fs";

export function ensurePrivateDir(dir: string): void {
  const created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) fs.chmodSync(dir, 0o700);
}

export function writePrivateFile(file: string, text: string): void {
  const fd = fs.openSync(file, "w", 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}
