// Shared helpers for the quiverdb tests (not a test file itself).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** A fresh temporary directory, removed when the process exits. */
export function tempDir (prefix = 'quiverdb-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Runs fn(session) on a fresh session of `db` and closes it. */
export async function withSession (db, fn, config) {
  const session = db.session(config)
  try {
    return await fn(session)
  } finally {
    await session.close()
  }
}

/** The first column of every record, as plain JS values (Integers become numbers). */
export function column (result, key) {
  return result.records.map(r => {
    const v = r.get(key)
    return v && typeof v.toNumber === 'function' ? v.toNumber() : v
  })
}
