// The dedicated worker that owns a browser database (started by client.js). The page talks to
// it with the protocol of protocol.js; host.js does the work.
import { serve } from './host.js'

serve(self)
