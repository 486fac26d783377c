// The page's side of a browser database: the connection interface the driver API uses
// (autoCommit, beginTx, txRun, commitTx, rollbackTx, info, check, flush, close — as
// engine/connection.js), implemented by messages to the owning host (protocol.js). Parameters
// are PackStream-encoded here and answers decoded here, with the driver's integer mode.

import { encode, decode, integerMode } from '../engine/packstream.js'
import { errorFromWire } from './protocol.js'

function shape (bytes, mode) {
  const answer = decode(bytes, mode)
  return { keys: answer.columns, rows: answer.rows, summary: answer.summary }
}

export class ClientConnection {
  constructor (port, terminate, mode) {
    this.port = port
    this.terminate = terminate
    this.mode = mode
    this.nextId = 1
    this.nextTx = 1
    this.pipelines = true // requests may be sent before earlier ones are answered (session.js)
    this.waiting = new Map()
    this.server = null
    port.onmessage = (event) => {
      const { id, ok, value, error } = event.data
      const w = this.waiting.get(id)
      if (!w) return
      this.waiting.delete(id)
      if (ok) w.resolve(value)
      else w.reject(errorFromWire(error))
    }
  }

  /**
   * Starts the owner (a dedicated worker unless config.worker === false) and opens `url` in it.
   */
  static async open (url, config = {}) {
    let port, terminate
    if (config.worker === false || typeof Worker !== 'function') {
      const { serve } = await import('./host.js')
      const channel = new MessageChannel()
      serve(channel.port2)
      port = channel.port1
      terminate = () => { channel.port1.close(); channel.port2.close() }
    } else {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'quiverdb ' + url })
      port = worker
      terminate = () => worker.terminate()
      worker.onerror = (e) => {
        for (const w of conn.waiting.values()) w.reject(new Error('quiverdb worker failed: ' + (e.message || e)))
        conn.waiting.clear()
      }
    }
    const conn = new ClientConnection(port, terminate, integerMode(config))
    const options = {}
    for (const k of ['durability', 'pageSize', 'bufferPoolBytes', 'readOnly', 'createIfMissing', 'deterministic']) {
      if (config[k] !== undefined) options[k] = config[k]
    }
    try {
      conn.server = await conn.request({ op: 'open', url, config: options })
    } catch (e) {
      terminate()
      throw e
    }
    conn.installFlushHandlers()
    return conn
  }

  request (msg, transfer = []) {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.port.postMessage({ ...msg, id }, transfer)
    })
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
      this.port.postMessage({ op: 'begin', write, tx, quiet: true }) // no answer wanted
      return Promise.resolve(tx)
    }
    return this.request({ op: 'begin', write, tx }).then(() => tx)
  }

  async txRun (tx, query, params) {
    return shape(await this.request({ op: 'txRun', tx, query, params: encode(params || {}) }), this.mode)
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
