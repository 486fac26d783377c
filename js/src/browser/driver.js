// The browser driver: neo4j-driver's Driver (../driver.js) over a database owned by a worker.
//
//   driver('opfs:NAME')     the file NAME.qdb in the origin private file system
//   driver('idb:NAME')      the IndexedDB database quiver:NAME
//   driver('browser:NAME')  OPFS when the worker has it, IndexedDB otherwise
//   driver('memory:')       an in-memory database in the worker
//
// Config adds to the Node driver's: durability 'strict' (default: a resolved commit survives a
// crash of the tab) or 'relaxed' (group commit: OPFS flushes within 50 ms and when the page is
// hidden or unloaded, IndexedDB at the worker's next task — js/README.md), worker: false to run
// the engine on the page's thread (IndexedDB and memory only), and transport: 'auto' (default:
// a shared-memory lane to the worker when the page is cross-origin isolated, browser/lane.js,
// postMessage otherwise), 'shared' (the same) or 'message' (postMessage only).

import { newError } from 'neo4j-driver-core'
import { Driver } from '../driver.js'
import { ClientConnection } from './client.js'
import { parseBrowserUrl } from './protocol.js'

export class BrowserDriver extends Driver {
  _checkUrl (url) { parseBrowserUrl(url) }

  _connection () {
    if (this._closed) return Promise.reject(newError('The driver has been closed.'))
    if (!this._conn) {
      this._conn = ClientConnection.open(this._url, this._config)
      this._conn.catch(() => { this._conn = null }) // the next use tries again
    }
    return this._conn
  }

  async getServerInfo () {
    const conn = await this._connection()
    const info = await conn.info()
    return {
      address: info.describe,
      agent: 'Quiver/0.1.0',
      protocolVersion: 5.8,
      storage: info.backend,
      durability: info.durability,
      transport: conn.host ? 'in-thread' : conn.lane ? 'shared' : 'message'
    }
  }

  /**
   * The database as one file, byte-identical to the native format (opens with `quiver shell`).
   * Returns a Uint8Array, or a Blob with {type: 'blob'}.
   */
  async exportDatabase ({ type = 'uint8array' } = {}) {
    const bytes = await (await this._connection()).exportDatabase()
    return type === 'blob' ? new Blob([bytes], { type: 'application/octet-stream' }) : bytes
  }

  /** Replaces the database with a file (Uint8Array, ArrayBuffer or Blob) after checking it. */
  async importDatabase (file) {
    let bytes = file
    if (typeof Blob === 'function' && file instanceof Blob) bytes = new Uint8Array(await file.arrayBuffer())
    else if (file instanceof ArrayBuffer) bytes = new Uint8Array(file)
    if (!(bytes instanceof Uint8Array)) throw newError('importDatabase expects a Uint8Array, ArrayBuffer or Blob')
    await (await this._connection()).importDatabase(bytes)
  }
}

const TRANSPORTS = ['auto', 'shared', 'message']

export function driver (url, authToken, config = {}) {
  if (config.transport !== undefined && !TRANSPORTS.includes(config.transport)) {
    throw newError(`Unknown transport ${JSON.stringify(config.transport)}: use 'auto', 'shared' or 'message'`,
      'Neo.ClientError.General.InvalidArguments')
  }
  return new BrowserDriver(url, authToken, config)
}
