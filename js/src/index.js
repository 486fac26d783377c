// quiverdb — Quiver, the embedded graph database, behind the neo4j-driver API.
//
//   import neo4j from 'quiverdb'
//   const db = neo4j.driver('memory:')       // or 'file:./graph.qdb' in Node, or a bolt:// URL
//   const session = db.session()
//   const { records } = await session.run('RETURN $x AS x', { x: 1 })
//   await session.close(); await db.close()
//
// Everything neo4j-driver exports is exported here under the same names, and is the very same
// object (value classes, Neo4jError, auth, types, resultTransformers, ...), except `driver`,
// which opens embedded databases and hands Bolt URLs to neo4j-driver, and the Driver /
// Session / Transaction / Result classes of the embedded implementation.

import neo4j from 'neo4j-driver'
import { driver, Driver } from './driver.js'
import { Session, ManagedTransaction, READ, WRITE } from './session.js'
import { Transaction } from './transaction.js'
import { Result } from './result.js'

export { driver, Driver, Session, ManagedTransaction, Transaction, Result }
export { Record } from './record.js'
export { BytesStore } from './engine/stores/bytes.js'
export { Neo4jError, GQLError, newError, isRetryableError, isRetriableError, error } from './error.js'
export {
  auth, int, isInt, Integer, inSafeRange, toNumber, toString,
  Node, Relationship, UnboundRelationship, Path, PathSegment,
  isNode, isRelationship, isUnboundRelationship, isPath, isPathSegment,
  Point, isPoint,
  Date, DateTime, Duration, LocalDateTime, LocalTime, Time,
  isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isTime,
  ResultSummary, QueryStatistics, Plan, ProfiledPlan, Notification, GqlStatusObject, ServerInfo,
  EagerResult, queryType, routing, resultTransformers, ProtocolVersion,
  notificationCategory, notificationClassification, notificationSeverityLevel,
  notificationFilterDisabledCategory, notificationFilterDisabledClassification,
  notificationFilterMinimumSeverityLevel
} from 'neo4j-driver-core'
// Everything else neo4j-driver exports (graph, spatial, temporal, logging, bookmarkManager, ...);
// the names exported explicitly in this file take precedence.
export * from 'neo4j-driver'

export const session = { READ, WRITE }

/** The default export: neo4j-driver's default export with quiverdb's driver and classes. */
const quiverdb = {
  ...neo4j,
  driver,
  Driver,
  Session,
  ManagedTransaction,
  Transaction,
  Result,
  session
}

export default quiverdb
