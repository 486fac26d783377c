// Node page store: one database file through synchronous fs calls (the engine calls page
// stores synchronously from inside wasm). Implements the JS page-store interface of
// wasm/src/js_page_store.h: size/read/write/sync/truncate/describe/close.
//
// The file is the same format the native CLI writes; there is no sidecar file. Node has no
// advisory file locks, so exclusivity is enforced only within this process (see `openPaths`);
// the native build additionally locks the file against other processes.

const openPaths = new Set()

export class NodeFileStore {
  constructor (fs, fd, path, key) {
    this.fs = fs
    this.fd = fd
    this.path = path
    this.key = key
  }

  size () { return this.fs.fstatSync(this.fd).size }

  read (offset, dest) {
    let done = 0
    while (done < dest.length) {
      const n = this.fs.readSync(this.fd, dest, done, dest.length - done, offset + done)
      if (n === 0) break
      done += n
    }
    if (done < dest.length) dest.fill(0, done) // contract 1: zeros past the end
  }

  write (offset, src) {
    let done = 0
    while (done < src.length) {
      done += this.fs.writeSync(this.fd, src, done, src.length - done, offset + done)
    }
  }

  sync () { this.fs.fdatasyncSync(this.fd) }

  truncate (size) { this.fs.ftruncateSync(this.fd, size) }

  describe () { return 'file:' + this.path }

  close () {
    if (this.fd === null) return
    openPaths.delete(this.key)
    const fd = this.fd
    this.fd = null
    this.fs.closeSync(fd)
  }
}

/**
 * Opens `path` for the engine. Throws a Neo4jError-shaped error (via `fail(code, message)`)
 * when the file is missing and may not be created, or already open in this process.
 */
export async function openNodeFileStore (path, { readOnly = false, createIfMissing = true } = {}, fail) {
  const fs = await import('node:fs')
  const nodePath = await import('node:path')
  const absolute = nodePath.resolve(path)
  let exists = fs.existsSync(absolute)
  if (!exists && (readOnly || !createIfMissing)) {
    throw fail('Neo.ClientError.Database.DatabaseNotFound', `database file ${absolute} does not exist`)
  }
  const key = exists ? fs.realpathSync(absolute) : absolute
  if (openPaths.has(key)) {
    throw fail('Neo.TransientError.General.DatabaseUnavailable',
      `database file ${absolute} is already open in this process`)
  }
  let fd
  try {
    fd = fs.openSync(absolute, readOnly ? 'r' : exists ? 'r+' : 'wx+')
  } catch (e) {
    if (e.code === 'EEXIST') {
      exists = true
      fd = fs.openSync(absolute, 'r+')
    } else {
      throw fail('Neo.DatabaseError.General.UnknownError', `cannot open ${absolute}: ${e.message}`)
    }
  }
  const realKey = fs.realpathSync(absolute)
  openPaths.add(realKey)
  return new NodeFileStore(fs, fd, absolute, realKey)
}
