// --pre-js for quiver.js (emitted inside the module factory, before the environment setup).
//
// The loader is an ES module (-sEXPORT_ES6), but emscripten 3.1.6 still reads the CommonJS
// global __dirname when it runs under Node, which throws a ReferenceError in ES module scope.
// The package hands the compiled module over through Module.instantiateWasm
// (js/src/engine/module.js), so this directory is never used to locate files.
var __dirname = '';
