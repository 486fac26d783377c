// Errors: neo4j-driver-core's own Neo4jError, so `error.code` is the Neo4j status code and
// `error.gqlStatus` / `error.diagnosticRecord` match what a Neo4j server would send. Engine
// error maps are turned into these in engine/bindings.js (errorFromMap).
export {
  Neo4jError,
  GQLError,
  newError,
  isRetryableError,
  isRetriableError,
  error
} from 'neo4j-driver-core'
