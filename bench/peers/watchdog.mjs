// A per-call time limit for `bench/run peers` that holds even when a call blocks the harness's
// main thread: kuzu-wasm's synchronous API (and Quiver WASM's engine call) run on the main
// thread, so a hang there (a futex wait, say) would starve any timer of the main thread. The
// watchdog is a worker thread with its own event loop: the harness arms it with a label
// ("kuzu-wasm aggregation {...}") before each call and disarms it after; when a call outlives
// its limit the worker prints which system and workload hung and ends the whole process
// (SIGTERM: a blocked main thread cannot run an exit handler; a quiver-bench child sees its
// stdin close and exits too).
import { Worker } from 'node:worker_threads'

const body = `
const { parentPort } = require('node:worker_threads')
const fs = require('node:fs')
let timer = null
parentPort.on('message', (m) => {
  if (timer) { clearTimeout(timer); timer = null }
  if (!m) return
  timer = setTimeout(() => {
    fs.writeSync(2, 'FAIL: ' + m.label + ' did not finish within ' + (m.ms / 1000) + ' s (hung?); stopping the run\\n')
    process.kill(process.pid, 'SIGTERM')
  }, m.ms)
})
`

export function watchdog () {
  const worker = new Worker(body, { eval: true })
  worker.unref()
  return {
    /** Runs `fn` (sync or async); the process ends if it takes longer than `ms`. */
    async guard (label, ms, fn) {
      worker.postMessage({ label, ms })
      try { return await fn() } finally { worker.postMessage(null) }
    },
    close () { return worker.terminate() }
  }
}
