// The shared-memory lane between the page and the worker that owns its database: the default
// transport on cross-origin-isolated pages (`transport: 'auto'`, or 'shared'), next to
// postMessage, which every request can still take; `transport: 'message'` opts out.
//
// Why: a postMessage hop costs 0.1-0.2 ms here because Chromium has to wake a sleeping thread
// for a posted task (docs/benchmarks.md); a point read's work is ~0.02 ms. Over the lane the
// worker, idle, waits in Atomics.wait (a futex: woken in microseconds) and the page spins
// briefly on the answer before it falls back to Atomics.waitAsync.
//
// One request at a time. Layout of the SharedArrayBuffer: Int32 words
//   [0] state    AWAY 0 (the worker is in its event loop: use postMessage), LISTENING 1 (the
//                worker waits for a request), CLAIMED 4 (the page is writing one), REQUEST 2,
//                REPLY 3 (the page reads it, then sets LISTENING or AWAY)
//   [1] length of the payload that follows the header
//   [2] reply kind: 0 null, 1 bytes, 2 error (JSON), 3 too large: sent by postMessage instead
//   [3] messages the page has posted that the worker has not received yet
// then the payload at byte HEADER: a request is {u32 n, n bytes of JSON, params bytes}, a reply
// is its bytes or the error's JSON.
//
// Ordering: the page uses the lane only when every posted request has been answered and none
// is on its way, and the worker stays in the lane only while nothing is on its way, so lane and
// message requests are handled in the order they were made. The worker leaves the lane after
// LISTEN_MS without a request, and after EVENT_LOOP_MS in any case for one turn of its event
// loop (IndexedDB events, flush timers, other tabs' requests); at once when an IndexedDB relaxed
// flush is due (host.js issues it at the worker's next task).

import { errorToWire } from './protocol.js'

const AWAY = 0
const LISTENING = 1
const REQUEST = 2
const REPLY = 3
const CLAIMED = 4
const STATE = 0
const LENGTH = 1
const KIND = 2
const POSTED = 3
const HEADER = 64
const CAPACITY = 1 << 20
const LISTEN_MS = 20
const EVENT_LOOP_MS = 50
const PAGE_SPIN_MS = 0.25
const WORKER_SPIN_MS = 0.1
const LANE_OPS = new Set(['run', 'txRun', 'begin', 'commit', 'rollback'])

const utf8 = new TextEncoder()
const fromUtf8 = new TextDecoder()

/** True when this page can give its worker a lane. */
export function laneAvailable () {
  return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' &&
    typeof Atomics.waitAsync === 'function' && globalThis.crossOriginIsolated === true
}

/** The page's side. */
export class LaneClient {
  constructor () {
    this.sab = new SharedArrayBuffer(HEADER + CAPACITY)
    this.ctl = new Int32Array(this.sab, 0, 4)
    this.data = new Uint8Array(this.sab, HEADER)
    this.busy = false
    this.sent = 0 // requests that went over the lane
    this.dead = false // the worker failed
  }

  // Call before every postMessage: the worker leaves the lane (or does not enter it) until it
  // has received the message.
  posting () {
    Atomics.add(this.ctl, POSTED, 1)
    Atomics.compareExchange(this.ctl, STATE, LISTENING, AWAY)
    Atomics.notify(this.ctl, STATE)
  }

  /**
   * Sends msg over the lane if it can go there now; returns the promise of its reply value, or
   * null (then the caller posts it). `inFlight`: posted requests not yet answered.
   * `overflow(id)`: a promise for a reply the worker had to post (too large for the lane).
   */
  request (msg, inFlight, overflow) {
    if (this.busy || this.dead || inFlight || !LANE_OPS.has(msg.op) || Atomics.load(this.ctl, POSTED) !== 0) return null
    const { params, ...rest } = msg
    const json = utf8.encode(JSON.stringify(rest))
    const size = 4 + json.length + (params ? params.length : 0)
    if (size > CAPACITY) return null
    if (Atomics.compareExchange(this.ctl, STATE, LISTENING, CLAIMED) !== LISTENING) return null
    new DataView(this.sab, HEADER, 4).setUint32(0, json.length, true)
    this.data.set(json, 4)
    if (params) this.data.set(params, 4 + json.length)
    Atomics.store(this.ctl, LENGTH, size)
    Atomics.store(this.ctl, STATE, REQUEST)
    Atomics.notify(this.ctl, STATE)
    this.busy = true
    this.sent++
    return this.reply(overflow)
  }

  // The worker died: a request waiting on the lane gets this error instead of waiting forever.
  fail (error) {
    this.dead = true
    if (!this.busy) return
    const bytes = utf8.encode(JSON.stringify(error))
    this.data.set(bytes.subarray(0, CAPACITY), 0)
    Atomics.store(this.ctl, LENGTH, Math.min(bytes.length, CAPACITY))
    Atomics.store(this.ctl, KIND, 2)
    Atomics.store(this.ctl, STATE, REPLY)
    Atomics.notify(this.ctl, STATE)
  }

  async reply (overflow) {
    const end = performance.now() + PAGE_SPIN_MS
    while (Atomics.load(this.ctl, STATE) === REQUEST && performance.now() < end);
    while (Atomics.load(this.ctl, STATE) === REQUEST) {
      await Atomics.waitAsync(this.ctl, STATE, REQUEST).value
    }
    const kind = Atomics.load(this.ctl, KIND)
    const length = Atomics.load(this.ctl, LENGTH)
    let value = null
    let error = null
    if (kind === 1) value = this.data.slice(0, length)
    else if (kind === 2) error = JSON.parse(fromUtf8.decode(this.data.slice(0, length)))
    const overflowId = kind === 3 ? 'lane:' + new DataView(this.sab, HEADER, 4).getUint32(0, true) : null
    // Keep the worker listening unless messages are on their way to it.
    Atomics.store(this.ctl, STATE, Atomics.load(this.ctl, POSTED) ? AWAY : LISTENING)
    Atomics.notify(this.ctl, STATE)
    this.busy = false
    if (overflowId) return overflow(overflowId)
    if (error) throw error
    return value
  }
}

/**
 * The worker's side: `handle(msg)` answers a request (host.js); `post(reply)` posts a reply
 * message (for one too large for the lane).
 */
export class LaneServer {
  // `wantsTurn()`: true when the worker has work queued for its event loop that must not wait
  // for the next turn (an IndexedDB relaxed flush: it must be issued before a reload can come).
  constructor (sab, handle, post, wantsTurn = () => false) {
    this.wantsTurn = wantsTurn
    this.ctl = new Int32Array(sab, 0, 4)
    this.data = new Uint8Array(sab, HEADER)
    this.sab = sab
    this.handle = handle
    this.post = post
    this.running = false
    this.overflows = 0
  }

  // A posted message arrived.
  received () { Atomics.sub(this.ctl, POSTED, 1) }

  // Enters the lane when nothing is on its way. Resolves when the worker should run its event
  // loop: 'turn' (it has listened for EVENT_LOOP_MS: come back after one turn), 'idle' (no
  // request for LISTEN_MS), 'posted' (a message is on its way), or 'busy' (already listening).
  async listen () {
    if (this.running) return 'busy'
    if (Atomics.load(this.ctl, POSTED) !== 0) return 'posted'
    if (Atomics.compareExchange(this.ctl, STATE, AWAY, LISTENING) !== AWAY) return 'busy'
    this.running = true
    const turn = performance.now() + EVENT_LOOP_MS
    let idleUntil = performance.now() + LISTEN_MS
    try {
      for (;;) {
        const state = Atomics.load(this.ctl, STATE)
        if (state === AWAY) return 'posted'
        if (state === LISTENING) {
          const now = performance.now()
          const why = Atomics.load(this.ctl, POSTED) !== 0 ? 'posted'
            : now >= turn || this.wantsTurn() ? 'turn' : now >= idleUntil ? 'idle' : null
          if (why) {
            if (Atomics.compareExchange(this.ctl, STATE, LISTENING, AWAY) === LISTENING) return why
            continue
          }
          // Spin a little (a request right behind the last answer finds the thread awake),
          // then sleep on the futex.
          const spinEnd = Math.min(now + WORKER_SPIN_MS, idleUntil)
          while (Atomics.load(this.ctl, STATE) === LISTENING && performance.now() < spinEnd);
          if (Atomics.load(this.ctl, STATE) === LISTENING) {
            Atomics.wait(this.ctl, STATE, LISTENING, Math.max(0, Math.min(idleUntil, turn) - performance.now()))
          }
          continue
        }
        if (state === CLAIMED || state === REPLY) {
          Atomics.wait(this.ctl, STATE, state, 5)
          continue
        }
        // REQUEST
        await this.answer()
        idleUntil = performance.now() + LISTEN_MS
      }
    } finally {
      this.running = false
    }
  }

  async answer () {
    const length = Atomics.load(this.ctl, LENGTH)
    const n = new DataView(this.sab, HEADER, 4).getUint32(0, true)
    const msg = JSON.parse(fromUtf8.decode(this.data.slice(4, 4 + n)))
    if (4 + n < length) msg.params = this.data.slice(4 + n, length)
    let kind = 0
    let bytes = null
    try {
      const value = await this.handle(msg)
      if (value instanceof Uint8Array) {
        kind = 1
        bytes = value
      } else if (value !== null && value !== undefined) {
        throw new Error('a lane reply must be bytes or null')
      }
    } catch (e) {
      kind = 2
      bytes = utf8.encode(JSON.stringify(errorToWire(e)))
    }
    if (bytes && bytes.length > CAPACITY) {
      const id = ++this.overflows
      this.post({ id: 'lane:' + id, ok: kind === 1, value: kind === 1 ? bytes : undefined, error: kind === 2 ? JSON.parse(fromUtf8.decode(bytes)) : undefined })
      new DataView(this.sab, HEADER, 4).setUint32(0, id, true)
      kind = 3
      bytes = null
    }
    if (bytes) this.data.set(bytes, 0)
    Atomics.store(this.ctl, LENGTH, bytes ? bytes.length : 0)
    Atomics.store(this.ctl, KIND, kind)
    Atomics.store(this.ctl, STATE, REPLY)
    Atomics.notify(this.ctl, STATE)
  }
}
