// CommonJS entry of quiverdb for `require('quiverdb')`. The package is written as ES modules;
// Node 20.19+ and 22.12+ load them from require() directly (no top-level await is used).
'use strict'
module.exports = require('./index.js')
