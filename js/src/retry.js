// Retries of managed transactions (session.executeRead / executeWrite), with neo4j-driver's
// rule: retry while the error is retryable (Neo.TransientError.*, except Terminated and
// LockClientStopped) and maxTransactionRetryTime (default 30 s) has not passed since the first
// attempt. Delays grow exponentially with jitter; they start shorter than the driver's 1 s
// because the database is in-process (no network or cluster to wait for).

import { isRetryableError } from 'neo4j-driver-core'

export const DEFAULT_MAX_RETRY_TIME_MS = 30000
const INITIAL_DELAY_MS = 50
const MULTIPLIER = 2
const JITTER = 0.2

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

/** Calls attempt() until it resolves, or fails with a non-retryable error, or time runs out. */
export async function withRetries (attempt, maxRetryTimeMs = DEFAULT_MAX_RETRY_TIME_MS) {
  const started = Date.now()
  let delay = INITIAL_DELAY_MS
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (!isRetryableError(error) || Date.now() - started >= maxRetryTimeMs) throw error
      const jitter = delay * JITTER * (2 * Math.random() - 1)
      await sleep(Math.max(0, delay + jitter))
      delay *= MULTIPLIER
    }
  }
}
