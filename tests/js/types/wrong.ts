// Must NOT type-check (tests/js/types.test.mjs): misuse that neo4j-driver's types reject.
import { driver } from 'quiverdb'

const db = driver('memory:', undefined, { durability: 'sometimes' })
db.session({ defaultAccessMode: 'READ' }).run(42)
