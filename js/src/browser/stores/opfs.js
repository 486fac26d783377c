// OPFS page store: the database file in the origin private file system, accessed through a
// FileSystemSyncAccessHandle (dedicated workers only). Reads and writes are synchronous, so
// the engine calls them directly from wasm; sync() is the handle's flush(). The file is the
// native format byte for byte, with no sidecar files: `opfs:NAME` is the file `NAME.qdb` in the
// origin's root directory.
//
// With relaxed durability, writes are kept in memory (write-back) and reach the file at the next
// sync() — the engine's group commit, or the host's flush within 50 ms and on pagehide — so a
// relaxed commit does no file I/O at all. Strict stores write through.
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
  constructor (handle, name, writeBack = false) {
    this.handle = handle
    this.name = name
    // Write-back (relaxed): offset -> bytes not yet in the file, in write order; the engine
    // writes whole pages, and a rewrite of a range replaces the earlier entry.
    this.pending = writeBack ? new Map() : null
    this.pendingEnd = 0
  }

  /** Opens (or creates) NAME.qdb. Throws when the file may not be created or is held elsewhere. */
  static async open (name, { createIfMissing = true, durability = 'strict' } = {}) {
    const root = await navigator.storage.getDirectory()
    const file = await root.getFileHandle(opfsFileName(name), { create: createIfMissing })
    const handle = await file.createSyncAccessHandle()
    return new OpfsStore(handle, name, durability === 'relaxed')
  }

  // Writes the pending bytes to the file, in the order they were written.
  drain () {
    if (!this.pending || this.pending.size === 0) return
    for (const [offset, bytes] of this.pending) this.writeFile(offset, bytes)
    this.pending.clear()
    this.pendingEnd = 0
  }

  /** Removes NAME.qdb (the database must be closed). */
  static async remove (name) {
    const root = await navigator.storage.getDirectory()
    await root.removeEntry(opfsFileName(name)).catch(e => {
      if (e.name !== 'NotFoundError') throw e
    })
  }

  size () { return Math.max(this.handle.getSize(), this.pendingEnd) }

  read (offset, dest) {
    this.readFile(offset, dest)
    if (!this.pending || this.pending.size === 0) return
    const end = offset + dest.length
    for (const [at, bytes] of this.pending) {
      const from = Math.max(at, offset)
      const to = Math.min(at + bytes.length, end)
      if (from < to) dest.set(bytes.subarray(from - at, to - at), from - offset)
    }
  }

  write (offset, src) {
    if (!this.pending) { this.writeFile(offset, src); return }
    let copy = src.slice() // src may be a view of wasm memory
    const previous = this.pending.get(offset)
    if (previous) {
      if (previous.length > copy.length) {
        previous.set(copy)
        copy = previous
      }
      this.pending.delete(offset) // the newest write drains (and reads) last
    }
    this.pending.set(offset, copy)
    this.pendingEnd = Math.max(this.pendingEnd, offset + copy.length)
  }

  readFile (offset, dest) {
    let done = 0
    while (done < dest.length) {
      const n = this.handle.read(dest.subarray(done), { at: offset + done })
      if (n <= 0) break
      done += n
    }
    if (done < dest.length) dest.fill(0, done) // zeros past the end
  }

  writeFile (offset, src) {
    let done = 0
    while (done < src.length) {
      const n = this.handle.write(src.subarray(done), { at: offset + done })
      if (n <= 0) throw new Error(`OPFS write of ${src.length} bytes at ${offset} stopped after ${done}`)
      done += n
    }
  }

  sync () {
    this.drain()
    this.handle.flush()
  }

  truncate (size) {
    this.drain()
    this.handle.truncate(size)
  }

  describe () { return 'opfs:' + this.name }

  /** The whole file (the native format). */
  bytes () {
    this.drain()
    const out = new Uint8Array(this.size())
    this.read(0, out)
    return out
  }

  /** Replaces the whole file with `bytes`, durably. */
  replace (bytes) {
    if (this.pending) this.pending.clear()
    this.pendingEnd = 0
    this.handle.truncate(0)
    this.writeFile(0, bytes)
    this.handle.flush()
  }

  close () {
    if (!this.handle) return
    this.drain()
    const h = this.handle
    this.handle = null
    h.close()
  }
}
