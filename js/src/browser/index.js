// quiverdb in browsers (package.json `exports['.'].browser`): the same API as the Node entry,
// with a driver whose database lives in a dedicated worker (OPFS or IndexedDB, browser/driver.js).
//
//   import { driver } from 'quiverdb'
//   const db = driver('opfs:movies')
//   const { records } = await db.executeQuery('MATCH (n) RETURN count(n) AS n')

import quiverdb from '../index.js'
import { driver, BrowserDriver } from './driver.js'

export * from '../index.js'
export { driver, BrowserDriver }

export default { ...quiverdb, driver }
