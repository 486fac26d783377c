// Records: neo4j-driver-core's Record (get, has, keys, length, toObject, forEach, map, entries,
// values), built from the engine's row lists in result.js.
export { Record } from 'neo4j-driver-core'
