// The workloads of `bench/run peers`. `cypher` runs on every system; `kuzu` is Kuzu's dialect
// where it differs (kuzu and kuzu-wasm). `params(r, ctx)` draws integer parameters from the
// seeded PRNG `r`, so every system gets the same parameters in the same order and their answers
// (rows, compared as sorted sets) must agree. `group` picks the target ratio.
// IS2 and IS4-IS7 draw their message from the Comments (the data set's messages that reply).

const person = (r, c) => r.int(c.sizes.Person)
const comment = (r, c) => r.int(c.sizes.Comment)

export const workloads = [
  {
    name: 'IS1', group: 'short',
    cypher: `MATCH (n:Person {id: $personId})-[:IS_LOCATED_IN]->(p:City)
      RETURN n.firstName, n.lastName, n.birthday, n.locationIP, n.browserUsed, p.id, n.gender, n.creationDate`,
    params: (r, c) => ({ personId: person(r, c) })
  },
  {
    name: 'IS2', group: 'short',
    cypher: `MATCH (:Person {id: $personId})<-[:HAS_CREATOR]-(m:Comment)
      WITH m ORDER BY m.creationDate DESC, m.id ASC LIMIT 10
      MATCH (m)-[:REPLY_OF*1..10]->(p:Post)-[:HAS_CREATOR]->(c:Person)
      RETURN m.id, m.content, m.creationDate, p.id, c.id, c.firstName, c.lastName
      ORDER BY m.creationDate DESC, m.id ASC`,
    params: (r, c) => ({ personId: person(r, c) })
  },
  {
    name: 'IS3', group: 'short',
    cypher: `MATCH (n:Person {id: $personId})-[r:KNOWS]-(friend:Person)
      RETURN friend.id, friend.firstName, friend.lastName, r.creationDate
      ORDER BY r.creationDate DESC, friend.id ASC`,
    params: (r, c) => ({ personId: person(r, c) })
  },
  {
    name: 'IS4', group: 'short',
    cypher: 'MATCH (m:Comment {id: $messageId}) RETURN m.creationDate, m.content',
    params: (r, c) => ({ messageId: comment(r, c) })
  },
  {
    name: 'IS5', group: 'short',
    cypher: `MATCH (m:Comment {id: $messageId})-[:HAS_CREATOR]->(p:Person)
      RETURN p.id, p.firstName, p.lastName`,
    params: (r, c) => ({ messageId: comment(r, c) })
  },
  {
    name: 'IS6', group: 'short',
    cypher: `MATCH (m:Comment {id: $messageId})-[:REPLY_OF*1..10]->(p:Post)<-[:CONTAINER_OF]-(f:Forum)-[:HAS_MODERATOR]->(mod:Person)
      RETURN f.id, f.title, mod.id, mod.firstName, mod.lastName`,
    params: (r, c) => ({ messageId: comment(r, c) })
  },
  {
    name: 'IS7', group: 'short',
    cypher: `MATCH (m:Comment {id: $messageId})<-[:REPLY_OF]-(c:Comment)-[:HAS_CREATOR]->(p:Person)
      OPTIONAL MATCH (m)-[:HAS_CREATOR]->(a:Person)-[r:KNOWS]-(p)
      RETURN c.id, c.content, c.creationDate, p.id, p.firstName, p.lastName, r IS NOT NULL AS knows
      ORDER BY c.creationDate DESC, p.id ASC`,
    params: (r, c) => ({ messageId: comment(r, c) })
  },
  {
    name: '2-hop', group: 'analytic',
    cypher: `MATCH (p:Person {id: $personId})-[:KNOWS]-(:Person)-[:KNOWS]-(ff:Person)
      WHERE ff.id <> $personId RETURN count(DISTINCT ff) AS c`,
    params: (r, c) => ({ personId: person(r, c) })
  },
  {
    name: '3-hop', group: 'analytic',
    cypher: `MATCH (p:Person {id: $personId})-[:KNOWS*1..3]-(x:Person)
      WHERE x.id <> $personId RETURN count(DISTINCT x) AS c`,
    params: (r, c) => ({ personId: person(r, c) })
  },
  {
    name: 'aggregation', group: 'analytic',
    cypher: `MATCH (p:Person) WHERE p.birthday >= $from AND p.gender = 'female'
      RETURN p.browserUsed AS browser, count(*) AS c, min(p.creationDate) AS first ORDER BY browser`,
    params: (r) => ({ from: -3650 + r.int(14600) })
  },
  {
    name: 'shortest-path', group: 'path',
    cypher: `MATCH (a:Person {id: $p1}), (b:Person {id: $p2})
      MATCH p = shortestPath((a)-[:KNOWS*..15]-(b)) RETURN length(p) AS len`,
    kuzu: `MATCH (a:Person {id: $p1})-[e:KNOWS* SHORTEST 1..15]-(b:Person {id: $p2})
      RETURN length(e) AS len`,
    params: (r, c) => { const p1 = person(r, c); return { p1, p2: (p1 + 1 + r.int(c.sizes.Person - 1)) % c.sizes.Person } }
  },
  {
    name: 'write', group: 'write',
    cypher: `MATCH (b:Person {id: $friendId})
      CREATE (a:Person {id: $newId, firstName: 'New', lastName: 'Person', gender: 'female', birthday: 0,
        creationDate: $date, locationIP: '10.0.0.1', browserUsed: 'Firefox'})-[:KNOWS {creationDate: $date}]->(b)
      RETURN a.id`,
    params: (r, c) => ({ friendId: person(r, c), newId: c.nextPersonId++, date: 1300000000000 + r.int(1000000) })
  }
]

// The read-mostly mix: each operation is one of these, IS1-IS7 90%, the write 10%.
export const mix = ['IS1', 'IS2', 'IS3', 'IS4', 'IS5', 'IS6', 'IS7', 'IS1', 'IS3', 'write']

// The targets: [numerator system, denominator system, group -> maximum ratio].
export const targets = [
  ['quiver-wasm', 'kuzu-wasm', { short: 0.5, write: 0.5, mix: 0.5, analytic: 1.0, path: 1.0, load: 1.0 }],
  ['quiver-native', 'kuzu', { short: 1.0, write: 1.0, mix: 1.0, analytic: 1.5 }],
  ['quiver-wasm', 'quiver-native', { short: 2.5, write: 2.5, mix: 2.5, analytic: 2.5, path: 2.5, load: 2.5 }]
]
