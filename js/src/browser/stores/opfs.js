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
    // Write-back (relaxed): offset -> {at, len} of bytes not yet in the file, in write order,
    // held in one reused arena (no allocation per page: an ArrayBuffer per 16 KiB page cost
    // more than the copy). The engine writes whole pages; a rewrite of a range replaces the
    // earlier entry (and reuses its space when it fits).
    this.pending = writeBack ? new Map() : null
    this.arena = new Uint8Array(writeBack ? 1 << 20 : 0)
    this.arenaUsed = 0
    this.staging = new Uint8Array(0)
    this.pendingEnd = 0
  }

  /** Opens (or creates) NAME.qdb. Throws when the file may not be created or is held elsewhere. */
  static async open (name, { createIfMissing = true, durability = 'strict' } = {}) {
    const root = await navigator.storage.getDirectory()
    const file = await root.getFileHandle(opfsFileName(name), { create: createIfMissing })
    const handle = await file.createSyncAccessHandle()
    return new OpfsStore(handle, name, durability === 'relaxed')
  }

  pendingBytes (entry) { return this.arena.subarray(entry.at, entry.at + entry.len) }

  // Writes the pending bytes to the file. When no two pending ranges overlap (the usual case:
  // whole pages), in file order with adjacent ranges joined into one write; otherwise in the
  // order they were written.
  drain () {
    if (!this.pending || this.pending.size === 0) return
    const entries = [...this.pending].sort((a, b) => a[0] - b[0])
    let overlaps = false
    for (let i = 1; i < entries.length && !overlaps; i++) {
      overlaps = entries[i - 1][0] + entries[i - 1][1].len > entries[i][0]
    }
    if (overlaps) {
      for (const [offset, entry] of this.pending) this.writeFile(offset, this.pendingBytes(entry))
    } else {
      for (let i = 0; i < entries.length;) {
        let j = i + 1
        let end = entries[i][0] + entries[i][1].len
        while (j < entries.length && entries[j][0] === end) end += entries[j++][1].len
        if (j === i + 1) {
          this.writeFile(entries[i][0], this.pendingBytes(entries[i][1]))
        } else {
          const len = end - entries[i][0]
          if (this.staging.length < len) this.staging = new Uint8Array(Math.max(len, this.staging.length * 2))
          let at = 0
          for (let k = i; k < j; k++) {
            this.staging.set(this.pendingBytes(entries[k][1]), at)
            at += entries[k][1].len
          }
          this.writeFile(entries[i][0], this.staging.subarray(0, len))
        }
        i = j
      }
    }
    this.pending.clear()
    this.arenaUsed = 0
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
    for (const [at, entry] of this.pending) {
      const from = Math.max(at, offset)
      const to = Math.min(at + entry.len, end)
      if (from < to) dest.set(this.arena.subarray(entry.at + from - at, entry.at + to - at), from - offset)
    }
  }

  write (offset, src) {
    if (!this.pending) { this.writeFile(offset, src); return }
    const previous = this.pending.get(offset)
    let entry
    if (previous && previous.len >= src.length) {
      entry = previous // a shorter rewrite keeps the tail of the longer one
    } else {
      if (this.arenaUsed + src.length > this.arena.length) {
        const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + src.length))
        grown.set(this.arena.subarray(0, this.arenaUsed))
        this.arena = grown
      }
      entry = { at: this.arenaUsed, len: src.length }
      this.arenaUsed += src.length
    }
    this.arena.set(src, entry.at) // src may be a view of wasm memory: copied now
    if (previous) this.pending.delete(offset) // the newest write drains (and reads) last
    this.pending.set(offset, entry)
    this.pendingEnd = Math.max(this.pendingEnd, offset + entry.len)
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
    this.arenaUsed = 0
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
