// A sample typed against neo4j-driver's API, compiled against quiverdb's declarations by
// tests/js/types.test.mjs (tsc --noEmit).
import neo4j, {
  driver, int, isInt, Integer, Node, Relationship, Path, DateTime, Point, Neo4jError,
  Driver, Session, ManagedTransaction, Record, ResultSummary, EagerResult, QueryResult,
  resultTransformers, routing, session as sessionModes, auth
} from 'quiverdb'
import { BytesStore } from 'quiverdb'
import type { Config, QuiverDriver, QuiverServerInfo } from 'quiverdb'

interface Person { p: Node<Integer, { name: string, age: Integer }> }

async function main (): Promise<void> {
  const config: Config = { disableLosslessIntegers: false, durability: 'strict', pageSize: 16384 }
  const db: QuiverDriver = driver('memory:', auth.basic('neo4j', 'unused'), config)
  const asNeo4j: Driver = db // a quiverdb driver is a neo4j-driver Driver
  const remote: Driver = neo4j.driver('neo4j+s://example.invalid', neo4j.auth.basic('u', 'p'))
  await remote.close()
  await asNeo4j.verifyConnectivity()
  const info: QuiverServerInfo = await db.getServerInfo()
  const agent: string | undefined = info.agent
  const storage: string | undefined = info.storage
  if (db.exportDatabase && db.importDatabase) { // browser entry
    const file: Uint8Array = await db.exportDatabase()
    const blob: Blob = await db.exportDatabase({ type: 'blob' })
    await db.importDatabase(blob)
    await db.importDatabase(file)
  }
  const store = new BytesStore()
  const edge = driver('store:', undefined, { pageStore: store })
  await edge.flush()
  const saved: Uint8Array = store.bytes()
  await edge.close()

  const s: Session = db.session({ database: 'neo4j', defaultAccessMode: sessionModes.WRITE, fetchSize: 100 })
  const result: QueryResult<Person> = await s.run<Person>('CREATE (p:Person {name: $n, age: $a}) RETURN p',
    { n: 'Ann', a: int(42) }, { timeout: 1000, metadata: { app: 'sample' } })
  const first: Record<Person> = result.records[0]
  const name: string = first.get('p').properties.name
  const summary: ResultSummary = result.summary
  const created: number = summary.counters.updates().nodesCreated
  const hasUpdates: boolean = summary.counters.containsUpdates()

  const count = await s.executeRead(async (tx: ManagedTransaction) => {
    const r = await tx.run('MATCH (n) RETURN count(n) AS c')
    return r.records[0].get('c') as Integer
  })
  const tx = s.beginTransaction()
  await tx.run('RETURN 1')
  await tx.commit()
  const bookmarks: string[] = s.lastBookmarks()
  await s.close()

  const eager: EagerResult = await db.executeQuery('RETURN 1 AS one', {}, {
    routing: routing.READ, database: 'neo4j', resultTransformer: resultTransformers.eagerResultTransformer()
  })
  const names: string[] = await db.executeQuery('MATCH (p:Person) RETURN p.name AS name', {}, {
    resultTransformer: resultTransformers.mappedResultTransformer({
      map: (r: Record) => r.get('name') as string,
      collect: (xs: string[]) => xs
    })
  })
  const report = await db.check()
  const ok: boolean = report.ok
  await db.flush()

  const values: unknown[] = [Relationship, Path, DateTime, Point, isInt(count), Neo4jError]
  console.log(agent, storage, saved.length, name, created, hasUpdates, bookmarks, eager.keys, names, ok, values)
  await db.close()
}

main().catch(console.error)
