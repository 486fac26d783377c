// The owner of one database in the browser: opens the page store (OPFS or IndexedDB), holds the
// Web Lock that makes this thread the database's only owner, and answers protocol requests
// (protocol.js) from the page. Runs in a dedicated worker (worker.js) by default, or on the
// page's own thread with `config.worker: false` (IndexedDB and memory only).

import { newError } from 'neo4j-driver-core'
import { InProcessConnection } from '../engine/connection.js'
import { BytesStore } from '../engine/stores/bytes.js'
import { OpfsStore, opfsAvailable } from './stores/opfs.js'
import { IdbStore, idbAvailable } from './stores/idb.js'
import { errorToWire, errorFromWire, parseBrowserUrl } from './protocol.js'
import { LaneServer } from './lane.js'

const RELAXED_FLUSH_MS = 50
// The engine's code for a database another process holds (engine/base/error.h DatabaseLocked).
const LOCKED = 'Neo.TransientError.General.DatabaseUnavailable'

function fail (code, message) { return newError(message, code) }

// Takes the exclusive Web Lock for `name` if nobody holds it; resolves to a release function,
// or null when another tab's worker owns the database.
function takeLock (name) {
  if (typeof navigator !== 'object' || !navigator.locks) return Promise.resolve(() => {})
  return new Promise((resolve, reject) => {
    navigator.locks.request(name, { ifAvailable: true }, lock => {
      if (!lock) { resolve(null); return undefined }
      return new Promise(release => resolve(release))
    }).catch(reject)
  })
}

export class Host {
  constructor () {
    this.conn = null
    this.store = null
    this.backend = null
    this.releaseLock = null
    this.flushTimer = null
    this.txs = new Map() // `${scope}:${client tx}` -> Promise<engine tx id>
  }

  async open (url, config = {}) {
    const target = parseBrowserUrl(url)
    let backend = target.kind
    if (backend === 'browser') backend = opfsAvailable() ? 'opfs' : 'idb'
    if (backend === 'opfs' && !opfsAvailable()) {
      throw fail('Neo.ClientError.General.InvalidArguments',
        `opfs:${target.name} needs OPFS sync access handles, which exist only in dedicated workers; ` +
        'keep the default worker or use "idb:" / "browser:"')
    }
    if (backend === 'idb' && !idbAvailable()) {
      throw fail('Neo.ClientError.General.InvalidArguments', 'IndexedDB is not available here')
    }
    this.backend = backend
    this.url = backend === 'memory' ? 'memory:' : `${backend}:${target.name}`
    this.durability = config.durability || 'strict'
    this.config = { ...config, durability: this.durability, answers: 'bytes' }
    this.summary = { backend, describe: this.url, durability: this.durability }
    if (backend === 'memory') {
      await this.openEngine()
      return this.summary
    }
    this.lockName = 'quiver:' + this.url
    this.releaseLock = await takeLock(this.lockName)
    if (this.releaseLock) {
      await this.becomeOwner()
      return this.summary
    }
    return this.becomeRelay()
  }

  // ---- multi-tab: the owner serves other tabs over a BroadcastChannel ------------------------
  //
  // The context holding the Web Lock `quiver:<url>` owns the database and answers requests
  // {type: 'request', from, id, op, ...} on the BroadcastChannel of the same name. Any other
  // context opening the database becomes a relay: it forwards its page's requests there, and
  // waits in line for the lock, so when the owner's tab closes or crashes, a relay takes over and
  // reopens the file itself. Requests in flight at a change of owner fail with a transient
  // error (a managed transaction retries).

  async becomeOwner () {
    try {
      await this.openEngine()
    } catch (e) {
      this.unlock()
      throw e
    }
    this.relay = null
    this.remoteTx = new Map() // client id -> Set of open transaction ids
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(this.lockName)
      this.channel.onmessage = (event) => this.serveRemote(event.data)
      this.channel.postMessage({ type: 'owner-changed' })
    }
  }

  serveRemote (msg) {
    if (!msg || msg.type !== 'request' || !this.conn) return
    const channel = this.channel
    const reply = (r) => channel.postMessage({ type: 'reply', to: msg.from, id: msg.id, ...r })
    const txs = this.remoteTx.get(msg.from) || new Set()
    this.remoteTx.set(msg.from, txs)
    let work
    if (msg.op === 'open') {
      work = Promise.resolve({ ...this.summary, servedBy: 'another tab' })
    } else if (msg.op === 'close') {
      this.remoteTx.delete(msg.from)
      work = Promise.all([...txs].map(tx => this.handleOwned({ op: 'rollback', tx }, msg.from).catch(() => {})))
        .then(() => null)
    } else {
      if (msg.op === 'begin') txs.add(msg.tx)
      work = this.handleOwned(msg, msg.from).then(value => {
        if (msg.op === 'commit' || msg.op === 'rollback' || (msg.op === 'txRun' && msg.commit)) txs.delete(msg.tx)
        return value
      })
    }
    work.then(value => reply({ ok: true, value }), e => reply({ ok: false, error: errorToWire(e) }))
  }

  async becomeRelay () {
    if (typeof BroadcastChannel !== 'function') throw this.lockedError()
    const relay = {
      id: (typeof crypto === 'object' && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()),
      channel: new BroadcastChannel(this.lockName),
      waiting: new Map(),
      nextId: 1,
      abort: new AbortController()
    }
    this.relay = relay
    relay.channel.onmessage = (event) => {
      const m = event.data
      if (m && m.type === 'reply' && m.to === relay.id) {
        const w = relay.waiting.get(m.id)
        if (!w) return
        relay.waiting.delete(m.id)
        if (m.ok) w.resolve(m.value)
        else w.reject(m.error)
      } else if (m && m.type === 'owner-changed') {
        this.failRelayed(relay, 'the tab that owned the database changed')
      }
    }
    // Wait in line for the lock: when the owner goes away, this context takes over.
    navigator.locks.request(this.lockName, { signal: relay.abort.signal }, () => {
      return new Promise(release => {
        this.releaseLock = release
        this.failRelayed(relay, 'the tab that owned the database went away')
        relay.channel.close()
        if (this.relay === relay) this.relay = null
        this.takeover = this.becomeOwner()
        this.takeover.catch(() => {})
      })
    }).catch(() => {})
    try {
      const summary = await this.forward({ op: 'open' }, 5000)
      return summary
    } catch (e) {
      this.closeRelay()
      throw this.lockedError()
    }
  }

  lockedError () {
    return fail(LOCKED, `database ${this.url} is open in another tab or worker of this origin, ` +
      'which did not answer; only one tab can own a browser database at a time')
  }

  failRelayed (relay, why) {
    for (const w of relay.waiting.values()) {
      w.reject({ message: `${why}; retry the transaction`, code: LOCKED })
    }
    relay.waiting.clear()
  }

  forward (msg, timeoutMs) {
    const relay = this.relay
    const id = relay.nextId++
    return new Promise((resolve, reject) => {
      relay.waiting.set(id, { resolve, reject })
      relay.channel.postMessage({ ...msg, type: 'request', from: relay.id, id })
      if (timeoutMs) {
        setTimeout(() => {
          if (relay.waiting.delete(id)) reject({ message: 'no answer from the owning tab', code: LOCKED })
        }, timeoutMs)
      }
    }).catch(e => { throw e instanceof Error ? e : errorFromWire(e) })
  }

  closeRelay () {
    const relay = this.relay
    if (!relay) return
    this.relay = null
    relay.abort.abort()
    relay.channel.close()
  }

  async openStore () {
    const name = this.url.slice(this.backend.length + 1)
    if (this.backend === 'opfs') {
      try {
        return await OpfsStore.open(name, this.config)
      } catch (e) {
        if (e && e.name === 'NoModificationAllowedError') {
          throw fail(LOCKED,
            `database ${this.url} is held open by another worker of this origin`)
        }
        throw e
      }
    }
    return IdbStore.open(name, this.config)
  }

  async openEngine () {
    if (this.backend === 'memory') {
      this.conn = await InProcessConnection.open('memory:', this.config)
      return
    }
    const store = await this.openStore()
    this.store = store
    this.conn = await InProcessConnection.open('store:', { ...this.config, pageStore: store })
  }

  unlock () {
    if (this.releaseLock) this.releaseLock()
    this.releaseLock = null
  }

  // After a write: strict IndexedDB commits are acknowledged only once IndexedDB reports them
  // complete; relaxed commits are flushed a little later (group commit). IndexedDB flushes at
  // the next task: a transaction issued at pagehide dies with the worker before it completes
  // (js/README.md, 'Browser durability'), so waiting 50 ms for company lost whole groups on reload.
  async afterWrite () {
    if (this.durability === 'strict') {
      if (this.store && this.store.settled) await this.store.settled()
      return
    }
    if (this.flushTimer === null) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null
        this.flush().catch(() => {})
      }, this.backend === 'idb' ? 0 : RELAXED_FLUSH_MS)
    }
  }

  async flush () {
    if (!this.conn) return
    await this.conn.flush()
    if (this.store && this.store.settled) await this.store.settled()
  }

  async exportBytes () {
    await this.flush()
    if (this.backend === 'memory') {
      throw fail('Neo.ClientError.General.InvalidArguments', 'a memory: database has no file to export')
    }
    return this.conn.enqueue(() => this.store.bytes())
  }

  async importBytes (bytes) {
    if (this.backend === 'memory') {
      throw fail('Neo.ClientError.General.InvalidArguments', 'import into opfs:, idb: or browser: databases')
    }
    // Validate first, on a copy in memory: a file that does not open or fails the integrity
    // check never replaces the current database.
    const probe = await InProcessConnection.open('store:', { pageStore: new BytesStore(bytes), readOnly: true, createIfMissing: false })
    try {
      const report = await probe.check()
      if (!report.ok) {
        throw fail('Neo.ClientError.General.InvalidArguments',
          'the imported file fails the integrity check: ' + report.problems.join('; '))
      }
    } finally {
      await probe.close()
    }
    await this.conn.close()
    this.conn = null
    const store = await this.openStore()
    try {
      await store.replace(bytes)
    } finally {
      store.close()
    }
    await this.openEngine()
  }

  async info () {
    const i = await this.conn.info()
    return { ...i, backend: this.backend, durability: this.durability }
  }

  async close () {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer)
    this.flushTimer = null
    if (this.relay) {
      await this.forward({ op: 'close' }, 2000).catch(() => {})
      this.closeRelay()
      return
    }
    if (this.takeover) await this.takeover.catch(() => {})
    if (this.channel) this.channel.close()
    this.channel = null
    try {
      if (this.conn) {
        await this.flush().catch(() => {})
        await this.conn.close()
      }
    } finally {
      this.conn = null
      this.unlock()
    }
  }

  async handle (msg) {
    if (msg.op === 'open') return this.open(msg.url, msg.config)
    if (msg.op === 'close') { await this.close(); return null }
    if (this.relay) {
      const { id, before, ...request } = msg // `before` was handled (forwarded) already
      return this.forward(request)
    }
    if (this.takeover) await this.takeover
    return this.handleOwned(msg)
  }

  // Transactions are named by the client ({tx} numbers, unique per client: `scope` tells clients
  // apart); each name maps to the promise of the engine's transaction, so statements sent right
  // behind their begin (pipelined, browser/client.js) run once it has begun, or fail as it did.
  engineTx (scope, tx) {
    const begun = this.txs.get(scope + ':' + tx)
    if (!begun) throw fail('Neo.ClientError.Transaction.TransactionNotFound', `Unknown transaction ${tx}`)
    return begun
  }

  async handleOwned (msg, scope = 'page') {
    if (!this.conn) throw fail('Neo.ClientError.General.InvalidArguments', 'The database is not open')
    switch (msg.op) {
      case 'run': {
        const answer = await this.conn.autoCommit(msg.write, msg.query, msg.params)
        if (msg.write) await this.afterWrite()
        return answer
      }
      case 'begin': {
        const begun = this.conn.beginTx(msg.write)
        this.txs.set(scope + ':' + msg.tx, begun)
        begun.catch(() => {})
        await begun
        return null
      }
      case 'txRun': {
        if (!msg.commit) return this.conn.txRun(await this.engineTx(scope, msg.tx), msg.query, msg.params)
        const begun = this.engineTx(scope, msg.tx)
        this.txs.delete(scope + ':' + msg.tx)
        const tx = await begun
        let answer
        try {
          answer = await this.conn.txRun(tx, msg.query, msg.params)
        } catch (e) {
          await this.conn.rollbackTx(tx).catch(() => {})
          throw e
        }
        await this.conn.commitTx(tx)
        await this.afterWrite()
        return answer
      }
      case 'commit': {
        const begun = this.engineTx(scope, msg.tx)
        this.txs.delete(scope + ':' + msg.tx)
        await this.conn.commitTx(await begun)
        await this.afterWrite()
        return null
      }
      case 'rollback': {
        const begun = this.engineTx(scope, msg.tx)
        this.txs.delete(scope + ':' + msg.tx)
        await this.conn.rollbackTx(await begun)
        return null
      }
      case 'info': return this.info()
      case 'check': return this.conn.check()
      case 'flush': await this.flush(); return null
      case 'export': return this.exportBytes()
      case 'import': await this.importBytes(msg.bytes); return null
      default: throw fail('Neo.ClientError.Request.Invalid', `unknown request ${msg.op}`)
    }
  }
}

/**
 * Answers requests arriving on `port` (a worker's global scope or a MessagePort), and on the
 * shared-memory lane (lane.js) when the page's open request brings one.
 */
export function serve (port) {
  const host = new Host()
  // Quiet requests (pipelined begins) are answered by the requests that follow them; they
  // come alone or in front of the next request (`before`), and are handled first, in order.
  const handle = (msg) => {
    if (msg.before) for (const quiet of msg.before) host.handle(quiet).catch(() => {})
    return host.handle(msg)
  }
  let lane = null
  let inFlight = 0
  // Listens on the lane while this thread has nothing else to do; after a turn of the event
  // loop it comes back, after an idle spell it waits for the next message.
  const listen = async () => {
    if (!lane || inFlight) return
    if (await lane.listen() === 'turn') setTimeout(listen, 0)
  }
  port.onmessage = async (event) => {
    const msg = event.data
    if (lane) lane.received()
    if (msg.quiet) {
      handle(msg).catch(() => {})
      listen()
      return
    }
    inFlight++
    try {
      const value = await handle(msg)
      if (msg.op === 'open' && msg.lane) {
        lane = new LaneServer(msg.lane, handle, reply => port.postMessage(reply, reply.value ? [reply.value.buffer] : []),
          () => host.flushTimer !== null && host.backend === 'idb')
      }
      const transfer = value instanceof Uint8Array ? [value.buffer] : []
      port.postMessage({ id: msg.id, ok: true, value }, transfer)
    } catch (e) {
      port.postMessage({ id: msg.id, ok: false, error: errorToWire(e) })
    } finally {
      inFlight--
    }
    listen()
  }
  return host
}
