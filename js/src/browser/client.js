// The page's side of a browser database: the connection interface the driver API uses
// (autoCommit, beginTx, txRun, commitTx, rollbackTx, info, check, flush, close — as
// engine/connection.js), implemented by messages to the owning host (protocol.js). Parameters
// are PackStream-encoded here and answers decoded here, with the driver's integer mode.

import { encode, decodeAnswer, integerMode } from '../engine/packstream.js'
import { errorFromWire, errorToWire } from './protocol.js'
import { LaneClient, laneAvailable } from './lane.js'

const shape = decodeAnswer // {keys, rows, summary: () => map}

export class ClientConnection {
  /**
   * port: the worker (or a MessagePort) to send requests to; or, with `host` (the engine on this
   * thread), requests are handed to host.handle() directly, in the same order, with no message.
   */
  constructor (port, terminate, mode, host = null) {
    this.port = port
    this.host = host
    this.terminate = terminate
    this.mode = mode
    this.nextId = 1
    this.nextTx = 1
    this.pipelines = true // requests may be sent before earlier ones are answered (session.js)
    this.waiting = new Map()
    this.held = [] // quiet requests waiting to go out with the next request
    this.server = null
    this.lane = null // a LaneClient on a cross-origin-isolated page, unless transport: 'message'
    this.laneEarly = new Map() // lane replies too large for the lane, posted before they were awaited
    if (!port) return
    port.onmessage = (event) => {
      const { id, ok, value, error } = event.data
      const w = this.waiting.get(id)
      if (!w) {
        if (typeof id === 'string') this.laneEarly.set(id, event.data)
        return
      }
      this.waiting.delete(id)
      if (ok) w.resolve(value)
      else w.reject(errorFromWire(error))
    }
  }

  /**
   * Starts the owner (a dedicated worker unless config.worker === false) and opens `url` in it.
   */
  static async open (url, config = {}) {
    let port = null
    let terminate = () => {}
    let host = null
    if (config.worker === false || typeof Worker !== 'function') {
      const { Host } = await import('./host.js')
      host = new Host()
    } else {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'quiverdb ' + url })
      port = worker
      terminate = () => worker.terminate()
      worker.onerror = (e) => {
        const message = 'quiverdb worker failed: ' + (e.message || e)
        for (const w of conn.waiting.values()) w.reject(new Error(message))
        conn.waiting.clear()
        if (conn.lane) conn.lane.fail({ message, code: 'Neo.DatabaseError.General.UnknownError' })
      }
    }
    const conn = new ClientConnection(port, terminate, integerMode(config), host)
    const options = {}
    for (const k of ['durability', 'pageSize', 'bufferPoolBytes', 'readOnly', 'createIfMissing', 'deterministic']) {
      if (config[k] !== undefined) options[k] = config[k]
    }
    // The lane is the default wherever the page can have one (transport 'auto' or 'shared').
    const lane = port && config.transport !== 'message' && laneAvailable() ? new LaneClient() : null
    try {
      conn.server = await conn.request({ op: 'open', url, config: options, lane: lane ? lane.sab : undefined })
      conn.lane = lane
    } catch (e) {
      terminate()
      throw e
    }
    conn.installFlushHandlers()
    return conn
  }

  request (msg, transfer = []) {
    if (this.host) {
      // Errors cross as they would from a worker: a Neo4jError built from the wire form.
      return this.host.handle(msg).catch(e => { throw errorFromWire(errorToWire(e)) })
    }
    const before = this.held.length ? this.held : undefined
    if (this.lane) {
      const viaLane = this.lane.request({ ...msg, before }, this.waiting.size, id => this.laneOverflow(id))
      if (viaLane) {
        if (before) this.held = []
        return viaLane.catch(e => { throw e instanceof Error ? e : errorFromWire(e) })
      }
      this.lane.posting()
    }
    const id = this.nextId++
    if (before) this.held = []
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.port.postMessage({ ...msg, id, before }, transfer)
    })
  }

  // A lane reply the worker posted instead (too large for the shared buffer).
  laneOverflow (id) {
    const reply = ({ ok, value, error }) => { if (ok) return value; throw errorFromWire(error) }
    const early = this.laneEarly.get(id)
    if (early) {
      this.laneEarly.delete(id)
      return Promise.resolve(early).then(reply)
    }
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }))
  }

  sendHeld () {
    for (const msg of this.held) {
      if (this.lane) this.lane.posting()
      this.port.postMessage(msg)
    }
    this.held = []
  }

  // Relaxed durability: make every commit durable when the page is hidden or unloaded.
  installFlushHandlers () {
    if (typeof addEventListener !== 'function' || typeof document !== 'object') return
    this.onHide = () => { if (document.visibilityState === 'hidden') this.flush().catch(() => {}) }
    this.onPageHide = () => { this.flush().catch(() => {}) }
    document.addEventListener('visibilitychange', this.onHide)
    addEventListener('pagehide', this.onPageHide)
  }

  async autoCommit (write, query, params) {
    return shape(await this.request({ op: 'run', write, query, params: encode(params || {}) }), this.mode)
  }

  // Transactions are named by the page (`tx` numbers of this connection), so a begin need not
  // be answered before the statements that follow it are sent: with `pipelined` (managed
  // transactions) the begin is sent `quiet` (the owner does not answer it), and a failed begin is
  // reported by the first statement or commit, which the owner runs only after the begin.
  beginTx (write, pipelined = false) {
    const tx = this.nextTx++
    if (pipelined) {
      const msg = { op: 'begin', write, tx, quiet: true } // no answer wanted
      if (this.host) {
        this.host.handle(msg).catch(() => {})
      } else {
        // Held back to travel in front of the next request (its statement, normally: one
        // postMessage instead of two), or sent alone at the next task if none comes first.
        this.held.push(msg)
        if (this.held.length === 1) setTimeout(() => this.sendHeld(), 0)
      }
      return Promise.resolve(tx)
    }
    return this.request({ op: 'begin', write, tx }).then(() => tx)
  }

  async txRun (tx, query, params) {
    return shape(await this.request({ op: 'txRun', tx, query, params: encode(params || {}) }), this.mode)
  }

  // The statement and then, if it succeeded, the commit: one request (session.js pipelining).
  async txRunCommit (tx, query, params) {
    return shape(await this.request({ op: 'txRun', tx, query, params: encode(params || {}), commit: true }), this.mode)
  }

  commitTx (tx) { return this.request({ op: 'commit', tx }) }
  rollbackTx (tx) { return this.request({ op: 'rollback', tx }) }
  info () { return this.request({ op: 'info' }) }
  check () { return this.request({ op: 'check' }) }
  flush () { return this.request({ op: 'flush' }) }
  exportDatabase () { return this.request({ op: 'export' }) }

  importDatabase (bytes) {
    const copy = new Uint8Array(bytes)
    return this.request({ op: 'import', bytes: copy }, [copy.buffer])
  }

  async close () {
    if (typeof removeEventListener === 'function' && this.onHide) {
      document.removeEventListener('visibilitychange', this.onHide)
      removeEventListener('pagehide', this.onPageHide)
    }
    try {
      await this.request({ op: 'close' })
    } finally {
      this.terminate()
    }
  }
}
