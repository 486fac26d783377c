// Types of quiverdb: neo4j-driver's API over an embedded database. Everything neo4j-driver
// exports is re-exported with neo4j-driver's own types, so code typed against neo4j-driver
// (Driver, Session, Transaction, Result, Record, ResultSummary, the value classes, ...)
// type-checks unchanged; `driver()` adds the embedded URLs, Quiver's config options and two
// extension methods.
import neo4j, { AuthToken, AuthTokenManager, Config as Neo4jConfig, Driver as Neo4jDriver, ServerInfo } from 'neo4j-driver'

export * from 'neo4j-driver'

/** The JS page-store object interface (wasm/src/js_page_store.h). All calls are synchronous. */
export interface PageStore {
  size(): number
  read(offset: number, dest: Uint8Array): void
  write(offset: number, src: Uint8Array): void
  sync(): void
  truncate(size: number): void
  commit?(headerOffset: number, header: Uint8Array): void
  describe(): string
  close?(): void
}

/**
 * neo4j-driver's Config (of which an embedded database uses disableLosslessIntegers, useBigInt
 * and maxTransactionRetryTime) plus Quiver's storage options.
 */
export interface Config extends Neo4jConfig {
  durability?: 'strict' | 'relaxed' | 'off'
  pageSize?: number
  bufferPoolBytes?: number
  readOnly?: boolean
  createIfMissing?: boolean
  /** Fixed database UUID and zero commit timestamps: for byte-identity tests only. */
  deterministic?: boolean
  /** The page store of a "store:" URL. */
  pageStore?: PageStore
  /** A compiled quiver.wasm (edge runtimes that refuse runtime compilation). */
  wasmModule?: WebAssembly.Module
  /** Where to load quiver.wasm from instead of the package's dist/ folder. */
  wasmUrl?: string | URL
  /** Browser entry: false runs the engine on the page's thread (IndexedDB and memory only). */
  worker?: boolean
  /**
   * Browser entry: how requests reach the worker. 'auto' (default) and 'shared' add a
   * shared-memory lane when the page is cross-origin isolated (COOP/COEP; otherwise requests go
   * by postMessage): the worker listens for requests in Atomics.wait while idle (other tabs and
   * flush timers wait up to 50 ms for it), and the page spins up to 0.25 ms on each answer
   * before it waits asynchronously. 'message': postMessage only.
   */
  transport?: 'auto' | 'message' | 'shared'
}

export interface CheckReport {
  ok: boolean
  problems: string[]
  pagesChecked: number
  nodesChecked: number
  relationshipsChecked: number
}

/** The database file, byte-identical to the native format (`quiver shell` opens it). */
export interface ExportDatabase {
  (options?: { type?: 'uint8array' }): Promise<Uint8Array>
  (options: { type: 'blob' }): Promise<Blob>
}

/** Information about the embedded database: neo4j-driver's ServerInfo plus where it is kept. */
export interface QuiverServerInfo extends ServerInfo {
  /** Browser entry: "opfs" or "indexeddb" (chosen automatically for "browser:" URLs). */
  storage?: string
  durability?: 'strict' | 'relaxed' | 'off'
  /** Browser entry: how requests reach the engine ('shared': the shared-memory lane is in use). */
  transport?: 'message' | 'shared' | 'in-thread'
}

/** A driver: neo4j-driver's Driver, plus Quiver's extensions on embedded databases. */
export interface QuiverDriver extends Neo4jDriver {
  /** Quiver: integrity check of every page and structure (embedded databases only). */
  check(): Promise<CheckReport>
  /** Quiver: makes every commit durable (matters with durability 'relaxed'; embedded only). */
  flush(): Promise<void>
  getServerInfo(): Promise<QuiverServerInfo>
  /** Browser entry only (opfs:/idb:/browser: databases): the database as one file. */
  exportDatabase?: ExportDatabase
  /**
   * Browser entry only: replaces the database with a file (Uint8Array, ArrayBuffer or Blob)
   * after checking it; the file may come from the native CLI or another browser.
   */
  importDatabase?(file: Uint8Array | ArrayBuffer | Blob): Promise<void>
}

/**
 * A page store over bytes kept in memory (edge runtimes: load a database from KV/R2, run it
 * with driver('store:NAME', null, { pageStore }), save `bytes()` back).
 */
export declare class BytesStore implements PageStore {
  constructor(bytes?: Uint8Array, name?: string)
  size(): number
  read(offset: number, dest: Uint8Array): void
  write(offset: number, src: Uint8Array): void
  sync(): void
  truncate(size: number): void
  describe(): string
  /** A copy of the database file as it stands. */
  bytes(): Uint8Array
}

/**
 * Opens "memory:" or "file:PATH" (Node) in process; "bolt://", "bolt+s://", "neo4j://" and
 * "neo4j+s://" URLs return neo4j-driver's own driver. `authToken` is ignored in process.
 */
export declare function driver (
  url: string,
  authToken?: AuthToken | AuthTokenManager,
  config?: Config
): QuiverDriver

declare const quiverdb: Omit<typeof neo4j, 'driver'> & { driver: typeof driver }
export default quiverdb
