// Remote databases: bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc:// URLs are
// handed to the official neo4j-driver unchanged, so one import serves embedded and remote
// databases. Its value classes are neo4j-driver-core's, the same ones quiverdb returns.

import neo4j from 'neo4j-driver'

const REMOTE = /^(bolt|neo4j)(\+s|\+ssc)?:\/\//i

export function isRemoteUrl (url) {
  return typeof url === 'string' && REMOTE.test(url)
}

export function remoteDriver (url, authToken, config) {
  return neo4j.driver(url, authToken, config)
}
