// Loads quiver.wasm and its emscripten loader (quiver.js) from js/dist/, where the wasm build
// copies them (wasm/CMakeLists.txt). The compiled WebAssembly.Module is handed to the loader
// through Module.instantiateWasm, so emscripten never fetches or reads files itself:
//   * Node: read the file and compile the bytes (Node 20's fetch() cannot load file URLs);
//   * browsers and workers: streaming compile from `new URL('quiver.wasm', import.meta.url)`;
//   * edge runtimes that refuse runtime compilation (workerd): pass the imported module as
//     `config.wasmModule`.

// Resolved on use: workerd's import.meta.url is no base URL, and there the module is passed in.
const dist = () => new URL('../../dist/', import.meta.url)

const isNode = typeof process === 'object' && process !== null &&
  typeof process.versions === 'object' && typeof process.versions.node === 'string'

async function compileWasm (wasmUrl) {
  const url = wasmUrl ? new URL(wasmUrl, dist()) : new URL('quiver.wasm', dist())
  if (isNode && url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises')
    let bytes
    try {
      bytes = await readFile(url)
    } catch (e) {
      throw new Error(`quiverdb: cannot read ${url.pathname} (${e.code || e.message}); ` +
        'build it first with `scripts/build.sh wasm`')
    }
    return WebAssembly.compile(bytes)
  }
  const response = await fetch(url, { credentials: 'same-origin' })
  if (!response.ok) throw new Error(`quiverdb: cannot fetch ${url} (HTTP ${response.status})`)
  if (typeof WebAssembly.compileStreaming === 'function' &&
      (response.headers.get('content-type') || '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response)
  }
  return WebAssembly.compile(await response.arrayBuffer())
}

async function instantiate (options = {}) {
  // The compile and the loader's import run side by side.
  const [wasmModule, { default: createQuiverModule }] = await Promise.all([
    options.wasmModule || compileWasm(options.wasmUrl),
    import('../../dist/quiver.js')
  ])
  return createQuiverModule({
    quiverStores: new Map(),
    // Never used to load anything (instantiateWasm below does); set so that the loader does not
    // build new URL('quiver.wasm', import.meta.url), which throws in workerd.
    locateFile: (file) => file,
    instantiateWasm (imports, receiveInstance) {
      WebAssembly.instantiate(wasmModule, imports).then(
        instance => receiveInstance(instance, wasmModule),
        error => { throw error })
      return {}
    },
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text)
  })
}

let shared = null

/**
 * The emscripten module instance. One instance serves every database of the process unless
 * `options.wasmModule` / `options.wasmUrl` ask for a specific build.
 */
export function loadModule (options = {}) {
  if (options.wasmModule || options.wasmUrl) return instantiate(options)
  if (!shared) {
    shared = instantiate()
    shared.catch(() => { shared = null }) // a failed load may be retried
  }
  return shared
}
