// quiverdb for edge runtimes (package.json `exports['.'].workerd`): the Node entry's API (with
// BytesStore) for runtimes with no file system and no runtime wasm compilation (Cloudflare
// workerd). Import quiver.wasm as a module and pass it as `wasmModule`:
//
//   import wasmModule from 'quiverdb/quiver.wasm'
//   import { driver, BytesStore } from 'quiverdb'
//   const store = new BytesStore(savedBytesOrUndefined)          // e.g. from KV or R2
//   const db = driver('store:', null, { pageStore: store, wasmModule })
//   ... await db.flush(); const bytes = store.bytes()             // save them back
//
// driver('memory:', null, { wasmModule }) is an in-memory database with nothing to save.

export * from './index.js'
export { default } from './index.js'
