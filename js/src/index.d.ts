// Types of quiverdb: the neo4j-driver API over an embedded database. Value classes are
// neo4j-driver-core's own, so their types come from there.
import {
  auth, int, isInt, Integer, inSafeRange, toNumber, toString,
  Node, Relationship, UnboundRelationship, Path, PathSegment,
  isNode, isRelationship, isUnboundRelationship, isPath, isPathSegment,
  Point, isPoint,
  Date, DateTime, Duration, LocalDateTime, LocalTime, Time,
  isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isTime,
  Record, ResultSummary, QueryStatistics, EagerResult, queryType, types, routing,
  Neo4jError, GQLError, newError, isRetryableError, isRetriableError, error,
  RecordShape, QueryResult, ResultObserver
} from 'neo4j-driver-core'

export {
  auth, int, isInt, Integer, inSafeRange, toNumber, toString,
  Node, Relationship, UnboundRelationship, Path, PathSegment,
  isNode, isRelationship, isUnboundRelationship, isPath, isPathSegment,
  Point, isPoint,
  Date, DateTime, Duration, LocalDateTime, LocalTime, Time,
  isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isTime,
  Record, ResultSummary, QueryStatistics, EagerResult, queryType, types, routing,
  Neo4jError, GQLError, newError, isRetryableError, isRetriableError, error
}

export type SessionMode = 'READ' | 'WRITE'
export declare const session: { READ: 'READ', WRITE: 'WRITE' }
export declare const integer: { toNumber: typeof toNumber, toString: typeof toString, inSafeRange: typeof inSafeRange }

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

export interface Config {
  /** Return Integers as JS numbers (lossy beyond 2^53), as in neo4j-driver. */
  disableLosslessIntegers?: boolean
  /** Return Integers as BigInt, as in neo4j-driver. */
  useBigInt?: boolean
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
}

export interface SessionConfig {
  defaultAccessMode?: SessionMode
  database?: string
  bookmarks?: string | string[]
  fetchSize?: number
}

export type Query = string | { text: string, parameters?: { [key: string]: any } }
type Parameters = { [key: string]: any }

export declare class Result<R extends RecordShape = RecordShape> implements PromiseLike<QueryResult<R>> {
  keys(): Promise<string[]>
  summary(): Promise<ResultSummary>
  isOpen(): boolean
  then<T1 = QueryResult<R>, T2 = never>(
    onfulfilled?: ((value: QueryResult<R>) => T1 | PromiseLike<T1>) | null,
    onrejected?: ((reason: any) => T2 | PromiseLike<T2>) | null
  ): Promise<T1 | T2>
  catch<T = never>(onrejected?: ((reason: any) => T | PromiseLike<T>) | null): Promise<QueryResult<R> | T>
  finally(onfinally?: (() => void) | null): Promise<QueryResult<R>>
  subscribe(observer: ResultObserver): void
  [Symbol.asyncIterator](): AsyncIterator<Record<R>, ResultSummary>
}

export declare class Transaction {
  run<R extends RecordShape = RecordShape>(query: Query, parameters?: Parameters): Result<R>
  commit(): Promise<void>
  rollback(): Promise<void>
  close(): Promise<void>
  isOpen(): boolean
}

export interface ManagedTransaction {
  run<R extends RecordShape = RecordShape>(query: Query, parameters?: Parameters): Result<R>
}

export declare class Session {
  run<R extends RecordShape = RecordShape>(query: Query, parameters?: Parameters, transactionConfig?: object): Result<R>
  beginTransaction(transactionConfig?: object): Transaction
  executeRead<T>(work: (tx: ManagedTransaction) => Promise<T> | T, config?: object): Promise<T>
  executeWrite<T>(work: (tx: ManagedTransaction) => Promise<T> | T, config?: object): Promise<T>
  readTransaction<T>(work: (tx: ManagedTransaction) => Promise<T> | T, config?: object): Promise<T>
  writeTransaction<T>(work: (tx: ManagedTransaction) => Promise<T> | T, config?: object): Promise<T>
  lastBookmarks(): string[]
  lastBookmark(): string[]
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

export interface CheckReport {
  ok: boolean
  problems: string[]
  pagesChecked: number
  nodesChecked: number
  relationshipsChecked: number
}

export declare class Driver {
  session(config?: SessionConfig): Session
  executeQuery<R extends RecordShape = RecordShape>(query: string, parameters?: Parameters, config?: { routing?: 'READ' | 'WRITE' }): Promise<EagerResult<R>>
  verifyConnectivity(): Promise<{ address: string, agent: string, protocolVersion: number }>
  getServerInfo(): Promise<{ address: string, agent: string, protocolVersion: number }>
  supportsMultiDb(): Promise<boolean>
  supportsTransactionConfig(): Promise<boolean>
  isEncrypted(): boolean
  /** Quiver: integrity check of every page and structure. */
  check(): Promise<CheckReport>
  /** Quiver: makes every commit durable (matters with durability 'relaxed'). */
  flush(): Promise<void>
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/** Opens "memory:" or "file:PATH" (Node). `authToken` is accepted and ignored. */
export declare function driver(url: string, authToken?: object, config?: Config): Driver

declare const quiverdb: {
  driver: typeof driver
  session: typeof session
  auth: typeof auth
  int: typeof int
  isInt: typeof isInt
  integer: typeof integer
  types: typeof types
  error: typeof error
  routing: typeof routing
}
export default quiverdb
