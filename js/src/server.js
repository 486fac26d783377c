// What the embedded "server" says about itself: the agent string and the protocol version that
// ServerInfo and ResultSummary.server report (Quiver speaks Bolt 5.x semantics in process).

import { ProtocolVersion } from 'neo4j-driver-core'

export const VERSION = '0.1.0'
export const AGENT = `Quiver/${VERSION}`
export const PROTOCOL_VERSION = new ProtocolVersion(5, 8)
export const DATABASE = 'neo4j'
