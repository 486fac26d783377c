// OPFS page store: the database file in the origin private file system, accessed through a
// FileSystemSyncAccessHandle (dedicated workers only). Reads and writes are synchronous, so
// the engine calls them directly from wasm; sync() is the handle's flush(). The file is the
// native format byte for byte, with no sidecar files: `opfs:NAME` is the file `NAME.qdb` in the
// origin's root directory.
//
// A sync access handle is exclusive: while one worker holds it, createSyncAccessHandle() in
// any other context fails with NoModificationAllowedError, so two tabs can never write the
// same file at once (js/src/browser/host.js turns that into a clear error).

export function opfsAvailable () {
  return typeof navigator === 'object' && navigator.storage &&
    typeof navigator.storage.getDirectory === 'function' &&
    typeof FileSystemFileHandle === 'function' &&
    typeof FileSystemFileHandle.prototype.createSyncAccessHandle === 'function'
}

export function opfsFileName (name) { return name + '.qdb' }

export class OpfsStore {
  constructor (handle, name) {
    this.handle = handle
    this.name = name
  }

  /** Opens (or creates) NAME.qdb. Throws when the file may not be created or is held elsewhere. */
  static async open (name, { createIfMissing = true } = {}) {
    const root = await navigator.storage.getDirectory()
    const file = await root.getFileHandle(opfsFileName(name), { create: createIfMissing })
    const handle = await file.createSyncAccessHandle()
    return new OpfsStore(handle, name)
  }

  /** Removes NAME.qdb (the database must be closed). */
  static async remove (name) {
    const root = await navigator.storage.getDirectory()
    await root.removeEntry(opfsFileName(name)).catch(e => {
      if (e.name !== 'NotFoundError') throw e
    })
  }

  size () { return this.handle.getSize() }

  read (offset, dest) {
    let done = 0
    while (done < dest.length) {
      const n = this.handle.read(dest.subarray(done), { at: offset + done })
      if (n <= 0) break
      done += n
    }
    if (done < dest.length) dest.fill(0, done) // zeros past the end
  }

  write (offset, src) {
    let done = 0
    while (done < src.length) {
      const n = this.handle.write(src.subarray(done), { at: offset + done })
      if (n <= 0) throw new Error(`OPFS write of ${src.length} bytes at ${offset} stopped after ${done}`)
      done += n
    }
  }

  sync () { this.handle.flush() }

  truncate (size) { this.handle.truncate(size) }

  describe () { return 'opfs:' + this.name }

  /** The whole file (the native format). */
  bytes () {
    const out = new Uint8Array(this.size())
    this.read(0, out)
    return out
  }

  /** Replaces the whole file with `bytes`, durably. */
  replace (bytes) {
    this.handle.truncate(0)
    this.write(0, bytes)
    this.handle.flush()
  }

  close () {
    if (!this.handle) return
    const h = this.handle
    this.handle = null
    h.close()
  }
}
