// The database the driver-API conformance suite runs against, and nothing else: every test in
// this folder talks to it only through the neo4j-driver API, so the same files run unchanged
// against quiverdb in process and against a Bolt server through the official neo4j-driver.
//
//   QUIVER_TEST_URL   memory: (default) | file: (a fresh temporary file per driver) |
//                     file:PATH | bolt://... | neo4j://... (with +s / +ssc)
//   QUIVER_TEST_USER, QUIVER_TEST_PASSWORD   basic auth for Bolt URLs (default neo4j / password)
//
// Bolt targets are shared databases: each test starts from an empty graph (emptyGraph), so run
// the suite with --test-concurrency=1 there.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import neo4j from 'neo4j-driver'
import quiverdb from 'quiverdb'

export const URL = process.env.QUIVER_TEST_URL || 'memory:'
export const REMOTE = /^(bolt|neo4j)(\+s|\+ssc)?:\/\//i.test(URL)

/** The module under test: neo4j-driver for Bolt URLs, quiverdb otherwise. */
export const api = REMOTE ? neo4j : quiverdb

/** Major version of the official neo4j-driver used for Bolt URLs (its API differs by version). */
export const DRIVER_MAJOR = Number(
  createRequire(import.meta.url)('neo4j-driver/package.json').version.split('.')[0])

let tempDir = null
function freshFileUrl () {
  if (!tempDir) {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiver-driver-api-'))
    process.on('exit', () => fs.rmSync(tempDir, { recursive: true, force: true }))
  }
  return 'file:' + path.join(tempDir, `db-${process.pid}-${Math.random().toString(36).slice(2)}.qdb`)
}

/** A driver for the target with neo4j-driver config (integer modes, retry time, ...). */
export function openDriver (config = {}) {
  if (REMOTE) {
    const auth = neo4j.auth.basic(process.env.QUIVER_TEST_USER || 'neo4j',
      process.env.QUIVER_TEST_PASSWORD || 'password')
    return neo4j.driver(URL, auth, config)
  }
  const url = URL === 'file:' ? freshFileUrl() : URL
  return quiverdb.driver(url, quiverdb.auth.none(), config)
}

/** Deletes every node and relationship (a fresh in-memory driver is already empty). */
export async function emptyGraph (driver) {
  await driver.executeQuery('MATCH (n) DETACH DELETE n')
}

/** Opens a driver on an empty graph for a describe() block; returns {get driver(), close}. */
export function useDriver (hooks, config = {}) {
  const state = { driver: null }
  hooks.before(async () => {
    state.driver = openDriver(config)
    await emptyGraph(state.driver)
  })
  hooks.after(async () => { await state.driver.close() })
  return state
}

/** Runs one query in a fresh session and returns {records, summary}. */
export async function run (driver, query, params, sessionConfig) {
  const session = driver.session(sessionConfig)
  try {
    return await session.run(query, params)
  } finally {
    await session.close()
  }
}

/** The first value of the first record of a query. */
export async function single (driver, query, params, sessionConfig) {
  const { records } = await run(driver, query, params, sessionConfig)
  return records[0].get(0)
}
