// quiverdb — Quiver, the embedded graph database, behind the neo4j-driver API.
//
//   import { driver } from 'quiverdb'
//   const db = driver('memory:')             // or driver('file:./graph.qdb') in Node
//   const session = db.session()
//   const { records } = await session.run('RETURN $x AS x', { x: 1 })
//   await session.close(); await db.close()
//
// Values are neo4j-driver-core's own classes (Integer, Node, Relationship, Path, temporal and
// spatial types), so code written for neo4j-driver works unchanged.

import * as core from 'neo4j-driver-core'
import { driver, Driver } from './driver.js'
import { Session, READ, WRITE } from './session.js'
import { Transaction } from './transaction.js'
import { Result } from './result.js'

export { driver, Driver, Session, Transaction, Result }
export { Record } from './record.js'
export { Neo4jError, GQLError, newError, isRetryableError, isRetriableError, error } from './error.js'
export {
  auth, int, isInt, Integer, inSafeRange, toNumber, toString,
  Node, Relationship, UnboundRelationship, Path, PathSegment,
  isNode, isRelationship, isUnboundRelationship, isPath, isPathSegment,
  Point, isPoint,
  Date, DateTime, Duration, LocalDateTime, LocalTime, Time,
  isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isTime,
  ResultSummary, QueryStatistics, EagerResult, queryType, types, routing
} from 'neo4j-driver-core'

export const session = { READ, WRITE }
export const integer = { toNumber: core.toNumber, toString: core.toString, inSafeRange: core.inSafeRange }

const quiverdb = {
  driver,
  session,
  auth: core.auth,
  int: core.int,
  isInt: core.isInt,
  integer,
  types: core.types,
  error: core.error,
  routing: core.routing
}

export default quiverdb
