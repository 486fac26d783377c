// The dedicated worker that owns a browser database (started by client.js). The page talks to
// it with the protocol of protocol.js; host.js does the work.
//
// Start-up overlaps its two slow parts: the wasm is fetched and compiled (streaming) while the
// rest of the module graph (host.js and the engine's JavaScript) loads. Messages arriving in the
// meantime are kept and handed to the host in order.
import { loadModule } from '../engine/module.js'

loadModule().catch(() => {}) // a failure is reported again by the open that needs the module

const early = []
self.onmessage = (event) => { early.push(event) }

const { serve } = await import('./host.js')
serve(self)
for (const event of early) self.onmessage(event)
