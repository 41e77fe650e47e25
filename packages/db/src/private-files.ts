// The data directory holds special-category data about children: nobody but the service's own user may
// read it, whatever the umask of the process that created it (issue 11, finding 15). SQLite creates a new
// database 0644 (it even chmods a fresh file to exactly that), and gives the WAL and shared-memory files the
// database file's mode, so the database is created 0600 before SQLite opens it.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the directory (and missing parents) if needed; a directory created here is made 0700. */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE); // mkdir's mode is filtered by the umask; chmod's is not
}

/** Creates an empty file 0600 if it does not exist, and makes an existing one 0600. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Makes an SQLite database file and its WAL, shared-memory and rollback journal files 0600 where present. */
export function restrictDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) if (existsSync(f)) chmodSync(f, PRIVATE_FILE_MODE);
}
