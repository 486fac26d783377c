// One rule for tests that need something built or installed (Chromium, the WASM module, the
// native CLI, TypeScript): run by hand without it, they are skipped with the reason; under the
// test command (QUIVER_REQUIRE_ALL=1, set by scripts/test.sh, which installs and builds all of
// them) a missing prerequisite is a failure, so CI can never pass by skipping.
import { existsSync } from 'node:fs'

/**
 * Turns the reasons a test cannot run (falsy entries are ignored) into node:test's `skip`
 * option: false when nothing is missing. Throws when QUIVER_REQUIRE_ALL is set.
 */
export function skipUnlessAvailable (...reasons) {
  const missing = reasons.filter(Boolean)
  if (!missing.length) return false
  const why = missing.join('; ')
  if (process.env.QUIVER_REQUIRE_ALL) throw new Error(`test prerequisite missing: ${why}`)
  return why
}

/** Why `path` is needed and missing (with how to make it), or null when it exists. */
export function missingFile (path, hint) {
  return existsSync(path) ? null : `${path} missing (${hint})`
}
