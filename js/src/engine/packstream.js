// PackStream v1 (bolt.md §4-5) for the WASM boundary: parameters are encoded here exactly as
// neo4j-driver packs them, and engine answers are decoded into neo4j-driver-core's own value
// classes. The C++ side is engine/value/packstream.{h,cpp}; both follow the marker table there.
//
// JS -> PackStream (neo4j-driver's rules, bolt.md §4.4):
//   null / undefined        Null (undefined map values are skipped)
//   boolean                 Boolean
//   number                  Float, always (even 1)
//   bigint / Integer        Integer (64-bit, minimal encoding)
//   string                  String (UTF-8)
//   Int8Array               Bytes
//   Array                   List
//   other iterables         List of their items (a Set, a Map's [key, value] pairs, a Uint8Array)
//   Point, Date, Time, LocalTime, LocalDateTime, DateTime, Duration   their structures
//   Node / Relationship / Path   refused (as neo4j-driver does, with a ProtocolError)
//   functions, symbols      refused: "Unable to pack the given value" (ProtocolError)
//   other objects           Map of their own enumerable keys (a JS Date therefore packs as {})

import {
  Integer, int, isInt,
  Node, Relationship, UnboundRelationship, Path, PathSegment,
  Point, Date as QDate, DateTime, LocalDateTime, LocalTime, Time, Duration,
  isPoint, isDate, isDateTime, isLocalDateTime, isLocalTime, isTime, isDuration,
  isNode, isRelationship, isUnboundRelationship, isPath, isPathSegment,
  newError, error
} from 'neo4j-driver-core'

const unpackable = message => newError(message, error.PROTOCOL_ERROR)
const describeValue = x => typeof x === 'symbol' ? x.toString() : String(x)

import {
  civilFromDays, daysFromCivil, fieldsFromEpochSeconds, epochSecondsFromFields,
  zoneOffsetSeconds, zoneOffsetAtLocal
} from './temporal.js'

// Integers travel as JS Numbers wherever they are exact, and as BigInt only in small cold
// helpers: V8 11 (Node 20) crashes ("RepresentationChangerError ... SignedBigInt64") when it
// optimises hot functions whose BigInt values merge from different sources.

const TAG = {
  NODE: 0x4e,
  RELATIONSHIP: 0x52,
  UNBOUND_RELATIONSHIP: 0x72,
  PATH: 0x50,
  DATE: 0x44,
  TIME: 0x54,
  LOCAL_TIME: 0x74,
  DATE_TIME: 0x49,
  DATE_TIME_ZONE_ID: 0x69,
  LOCAL_DATE_TIME: 0x64,
  DURATION: 0x45,
  POINT_2D: 0x58,
  POINT_3D: 0x59
}

const TWO_32 = 4294967296
const NANOS_PER_SECOND = 1000000000

const utf8Encoder = new TextEncoder()
const utf8Decoder = new TextDecoder('utf-8', { fatal: true })

// ---- encoder -------------------------------------------------------------------------------

class Writer {
  constructor () {
    this.buf = new Uint8Array(256)
    this.view = new DataView(this.buf.buffer)
    this.pos = 0
  }

  reserve (n) {
    if (this.pos + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.pos + n) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buf.subarray(0, this.pos))
    this.buf = next
    this.view = new DataView(next.buffer)
  }

  u8 (b) { this.reserve(1); this.buf[this.pos++] = b }
  u16 (v) { this.reserve(2); this.view.setUint16(this.pos, v); this.pos += 2 }
  u32 (v) { this.reserve(4); this.view.setUint32(this.pos, v); this.pos += 4 }
  raw (bytes) { this.reserve(bytes.length); this.buf.set(bytes, this.pos); this.pos += bytes.length }
  bytes () { return this.buf.slice(0, this.pos) }
}

class Encoder {
  constructor (writer) { this.w = writer || new Writer() }

  sized (n, tiny, m8, m16, m32) {
    const w = this.w
    if (n > 0x7fffffff) throw newError(`PackStream value too large (${n} items)`)
    if (tiny !== null && n < 16) w.u8(tiny | n)
    else if (n <= 0xff) { w.u8(m8); w.u8(n) } else if (n <= 0xffff) { w.u8(m16); w.u16(n) } else { w.u8(m32); w.u32(n) }
  }

  null () { this.w.u8(0xc0) }

  float (d) {
    this.w.reserve(9)
    this.w.buf[this.w.pos] = 0xc1
    this.w.view.setFloat64(this.w.pos + 1, d)
    this.w.pos += 9
  }

  // v: a safe-integer Number, a BigInt or an Integer.
  int (v) {
    if (typeof v === 'number') return this.intNumber(v)
    if (typeof v === 'bigint') return this.intBig(v)
    if (v.inSafeRange()) return this.intNumber(v.toNumber())
    this.int64(v.high, v.low >>> 0)
  }

  intNumber (n) {
    const w = this.w
    if (!Number.isSafeInteger(n)) throw newError(`Expected an integer but got ${n}`)
    if (n >= -16 && n <= 127) {
      w.u8(n & 0xff)
    } else if (n >= -128 && n <= 127) {
      w.u8(0xc8); w.u8(n & 0xff)
    } else if (n >= -32768 && n <= 32767) {
      w.u8(0xc9); w.reserve(2); w.view.setInt16(w.pos, n); w.pos += 2
    } else if (n >= -2147483648 && n <= 2147483647) {
      w.u8(0xca); w.reserve(4); w.view.setInt32(w.pos, n); w.pos += 4
    } else {
      const hi = Math.floor(n / TWO_32)
      this.int64(hi, n - hi * TWO_32)
    }
  }

  intBig (v) {
    if (v >= -9007199254740991n && v <= 9007199254740991n) return this.intNumber(Number(v))
    if (v < -(1n << 63n) || v >= (1n << 63n)) throw newError(`Integer ${v} is outside the 64-bit range`)
    this.int64(Number(BigInt.asIntN(32, v >> 32n)), Number(BigInt.asUintN(32, v)))
  }

  int64 (hi, lo) { // hi: signed 32 bits, lo: unsigned 32 bits
    const w = this.w
    w.u8(0xcb); w.reserve(8)
    w.view.setInt32(w.pos, hi); w.view.setUint32(w.pos + 4, lo); w.pos += 8
  }

  string (s) {
    const n = s.length
    if (n < 64) { // short ASCII strings (most keys and values): written in place, no encoder call
      let i = 0
      while (i < n && s.charCodeAt(i) < 0x80) i++
      if (i === n) {
        this.sized(n, 0x80, 0xd0, 0xd1, 0xd2)
        const w = this.w
        w.reserve(n)
        for (let j = 0; j < n; j++) w.buf[w.pos + j] = s.charCodeAt(j)
        w.pos += n
        return
      }
    }
    const bytes = utf8Encoder.encode(s)
    this.sized(bytes.length, 0x80, 0xd0, 0xd1, 0xd2)
    this.w.raw(bytes)
  }

  bytes (b) {
    const bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
    this.sized(bytes.length, null, 0xcc, 0xcd, 0xce)
    this.w.raw(bytes)
  }

  listHeader (n) { this.sized(n, 0x90, 0xd4, 0xd5, 0xd6) }
  mapHeader (n) { this.sized(n, 0xa0, 0xd8, 0xd9, 0xda) }
  structHeader (n, tag) { this.w.u8(0xb0 | n); this.w.u8(tag) }

  value (x) {
    if (x === null || x === undefined) return this.null()
    switch (typeof x) {
      case 'boolean': return this.w.u8(x ? 0xc3 : 0xc2)
      case 'number': return this.float(x)
      case 'bigint': return this.int(x)
      case 'string': return this.string(x)
      case 'object': break
      default: throw unpackable(`Unable to pack the given value: ${describeValue(x)}`)
    }
    if (isInt(x)) return this.int(x)
    if (Array.isArray(x)) {
      this.listHeader(x.length)
      for (const item of x) this.value(item === undefined ? null : item)
      return
    }
    if (x instanceof Int8Array) return this.bytes(x)
    const graphKind = isNode(x) ? 'nodes' : isRelationship(x) ? 'relationships'
      : isUnboundRelationship(x) ? 'unbound relationships' : isPath(x) || isPathSegment(x) ? 'paths' : null
    if (graphKind) throw unpackable(`It is not allowed to pass ${graphKind} in query parameters, given: ${x}`)
    if (isPoint(x)) return this.point(x)
    if (isDuration(x)) return this.structFields(TAG.DURATION, [x.months, x.days, x.seconds, x.nanoseconds])
    if (isLocalTime(x)) return this.structFields(TAG.LOCAL_TIME, [nanoOfDay(x)])
    if (isTime(x)) return this.structFields(TAG.TIME, [nanoOfDay(x), x.timeZoneOffsetSeconds])
    if (isDate(x)) return this.structFields(TAG.DATE, [epochDay(x)])
    if (isLocalDateTime(x)) return this.structFields(TAG.LOCAL_DATE_TIME, [localSeconds(x), x.nanosecond])
    if (isDateTime(x)) return this.dateTime(x)
    if (typeof x[Symbol.iterator] === 'function') return this.value(Array.from(x))
    const keys = Object.keys(x).filter(k => x[k] !== undefined)
    this.mapHeader(keys.length)
    for (const k of keys) {
      this.string(k)
      this.value(x[k])
    }
  }

  structFields (tag, fields) {
    this.structHeader(fields.length, tag)
    for (const f of fields) this.int(intArg(f))
  }

  point (p) {
    const three = p.z !== undefined && p.z !== null
    this.structHeader(three ? 4 : 3, three ? TAG.POINT_3D : TAG.POINT_2D)
    this.int(intArg(p.srid))
    this.float(Number(p.x))
    this.float(Number(p.y))
    if (three) this.float(Number(p.z))
  }

  dateTime (x) {
    const local = localSeconds(x)
    const zone = x.timeZoneId
    const hasOffset = x.timeZoneOffsetSeconds !== null && x.timeZoneOffsetSeconds !== undefined
    const offset = hasOffset ? num(x.timeZoneOffsetSeconds) : zoneOffsetAtLocal(zone, local)
    const utc = typeof local === 'number' ? local - offset : local - BigInt(offset)
    this.structHeader(3, zone !== null && zone !== undefined ? TAG.DATE_TIME_ZONE_ID : TAG.DATE_TIME)
    this.int(utc)
    this.int(intArg(x.nanosecond))
    if (zone !== null && zone !== undefined) this.string(zone)
    else this.int(offset)
  }
}

// Integer-valued fields of the driver's classes: Number, Integer or BigInt.
function intArg (v) {
  if (typeof v === 'number' || typeof v === 'bigint' || isInt(v)) return v
  throw newError(`Expected an integer but got ${v}`)
}

function num (v) {
  return typeof v === 'number' ? v : Number(v)
}

function nanoOfDay (t) {
  return (num(t.hour) * 3600 + num(t.minute) * 60 + num(t.second)) * NANOS_PER_SECOND + num(t.nanosecond)
}

function epochDay (d) {
  return daysFromCivil(num(d.year), num(d.month), num(d.day))
}

function localSeconds (x) {
  return epochSecondsFromFields(num(x.year), num(x.month), num(x.day),
    num(x.hour), num(x.minute), num(x.second))
}

/** Packs one JS value (normally the parameter object) into PackStream bytes. */
export function encode (value) {
  // One writer is reused from call to call (encode does not re-enter itself; a nested call
  // would simply get a fresh one); a writer grown past 64 KiB is dropped.
  const e = new Encoder(spareWriter)
  spareWriter = null
  try {
    e.value(value)
    return e.w.bytes()
  } finally {
    e.w.pos = 0
    if (e.w.buf.length <= 65536) spareWriter = e.w
  }
}
let spareWriter = null

// ---- decoder -------------------------------------------------------------------------------

/**
 * How decoded Integers look (neo4j-driver's config): lossless `Integer` by default, JS numbers
 * with `disableLosslessIntegers`, BigInt with `useBigInt`.
 */
export function integerMode (config = {}) {
  if (config.useBigInt) return 'bigint'
  if (config.disableLosslessIntegers) return 'number'
  return 'integer'
}

class Decoder {
  constructor (bytes, mode) {
    this.buf = bytes
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.pos = 0
    this.mode = mode
  }

  need (n) {
    if (this.pos + n > this.buf.length) throw newError('Truncated PackStream response from the engine')
  }

  u8 () { this.need(1); return this.buf[this.pos++] }
  u16 () { this.need(2); const v = this.view.getUint16(this.pos); this.pos += 2; return v }
  u32 () { this.need(4); const v = this.view.getUint32(this.pos); this.pos += 4; return v }

  // An integer (marker m already read) as a Number when exact, else as BigInt (cold path).
  numFrom (m) {
    if (m <= 0x7f) return m
    if (m >= 0xf0) return m - 256
    const v = this.view
    const at = this.pos
    switch (m) {
      case 0xc8: this.need(1); this.pos += 1; return v.getInt8(at)
      case 0xc9: this.need(2); this.pos += 2; return v.getInt16(at)
      case 0xca: this.need(4); this.pos += 4; return v.getInt32(at)
      case 0xcb: {
        this.need(8)
        this.pos += 8
        const hi = v.getInt32(at)
        const lo = v.getUint32(at + 4)
        if (hi >= -0x200000 && hi < 0x200000) return hi * TWO_32 + lo
        return wideInt(hi, lo)
      }
      default: throw newError(`Expected an integer, got marker 0x${m.toString(16)}`)
    }
  }

  num () { return this.numFrom(this.u8()) }

  // An integer in the configured JS form (marker m already read).
  intFrom (m) {
    if (this.mode === 'integer' && m === 0xcb) {
      this.need(8)
      const hi = this.view.getInt32(this.pos)
      const lo = this.view.getInt32(this.pos + 4)
      this.pos += 8
      return Integer.fromBits(lo, hi)
    }
    return this.wrap(this.numFrom(m))
  }

  int () { return this.intFrom(this.u8()) }

  // A Number (or, beyond 2^53, BigInt) in the configured JS form.
  wrap (n) {
    if (this.mode === 'integer') return int(n)
    if (this.mode === 'number') {
      // As neo4j-driver's disableLosslessIntegers: beyond the safe range, ±Infinity.
      if (typeof n === 'number' && Number.isSafeInteger(n)) return n
      const b = BigInt(n)
      if (b > BigInt(Number.MAX_SAFE_INTEGER)) return Infinity
      if (b < BigInt(Number.MIN_SAFE_INTEGER)) return -Infinity
      return Number(b)
    }
    return BigInt(n)
  }

  str (n) {
    this.need(n)
    const buf = this.buf
    const start = this.pos
    // Short ASCII strings (keys, labels, most values) are built here: a TextDecoder call costs
    // more than the whole string below ~32 bytes in Chromium and V8.
    if (n <= 32) {
      let s = ''
      let i = start
      for (; i < start + n; i++) {
        const c = buf[i]
        if (c >= 0x80) break
        s += String.fromCharCode(c)
      }
      if (i === start + n) { this.pos += n; return s }
    }
    const s = utf8Decoder.decode(buf.subarray(start, start + n))
    this.pos += n
    return s
  }

  value () {
    const m = this.u8()
    if (m <= 0x7f || m >= 0xf0) return this.intFrom(m)
    const hi = m & 0xf0
    if (hi === 0x80) return this.str(m & 0x0f)
    if (hi === 0x90) return this.list(m & 0x0f)
    if (hi === 0xa0) return this.map(m & 0x0f)
    if (hi === 0xb0) return this.struct(m & 0x0f, this.u8())
    switch (m) {
      case 0xc0: return null
      case 0xc1: { this.need(8); const d = this.view.getFloat64(this.pos); this.pos += 8; return d }
      case 0xc2: return false
      case 0xc3: return true
      case 0xc8: case 0xc9: case 0xca: case 0xcb: return this.intFrom(m)
      case 0xcc: return this.rawBytes(this.u8())
      case 0xcd: return this.rawBytes(this.u16())
      case 0xce: return this.rawBytes(this.u32())
      case 0xd0: return this.str(this.u8())
      case 0xd1: return this.str(this.u16())
      case 0xd2: return this.str(this.u32())
      case 0xd4: return this.list(this.u8())
      case 0xd5: return this.list(this.u16())
      case 0xd6: return this.list(this.u32())
      case 0xd8: return this.map(this.u8())
      case 0xd9: return this.map(this.u16())
      case 0xda: return this.map(this.u32())
      case 0xdc: { const n = this.u8(); return this.struct(n, this.u8()) }
      case 0xdd: { const n = this.u16(); return this.struct(n, this.u8()) }
      default: throw newError(`Unknown PackStream marker 0x${m.toString(16)}`)
    }
  }

  rawBytes (n) {
    this.need(n)
    const b = new Int8Array(this.buf.slice(this.pos, this.pos + n).buffer)
    this.pos += n
    return b
  }

  list (n) {
    const out = new Array(n)
    for (let i = 0; i < n; i++) out[i] = this.value()
    return out
  }

  map (n) {
    const out = {}
    for (let i = 0; i < n; i++) {
      const k = this.value()
      out[k] = this.value()
    }
    return out
  }

  struct (n, tag) {
    switch (tag) {
      case TAG.NODE: return new Node(this.value(), this.value(), this.value(), this.value())
      case TAG.RELATIONSHIP: {
        const [id, start, end, type, props, eid, seid, eeid] = this.fields(n)
        return new Relationship(id, start, end, type, props, eid, seid, eeid)
      }
      case TAG.UNBOUND_RELATIONSHIP: {
        const [id, type, props, eid] = this.fields(n)
        return new UnboundRelationship(id, type, props, eid)
      }
      case TAG.PATH: return this.path(...this.fields(n))
      case TAG.DATE: {
        const [y, mo, d] = civilFromDays(Number(this.num()))
        return new QDate(this.wrap(y), this.wrap(mo), this.wrap(d))
      }
      case TAG.LOCAL_TIME: {
        const t = splitNanoOfDay(this.num())
        return new LocalTime(this.wrap(t[0]), this.wrap(t[1]), this.wrap(t[2]), this.wrap(t[3]))
      }
      case TAG.TIME: {
        const t = splitNanoOfDay(this.num())
        const offset = this.num()
        return new Time(this.wrap(t[0]), this.wrap(t[1]), this.wrap(t[2]), this.wrap(t[3]), this.wrap(offset))
      }
      case TAG.LOCAL_DATE_TIME: {
        const seconds = this.num()
        const nanos = this.num()
        return new LocalDateTime(...this.dateTimeFields(seconds, nanos))
      }
      case TAG.DATE_TIME: {
        const seconds = this.num()
        const nanos = this.num()
        const offset = this.num()
        return new DateTime(...this.dateTimeFields(addSeconds(seconds, offset), nanos), this.wrap(offset), null)
      }
      case TAG.DATE_TIME_ZONE_ID: {
        const seconds = this.num()
        const nanos = this.num()
        const zone = this.value()
        const offset = zoneOffsetSeconds(zone, seconds)
        return new DateTime(...this.dateTimeFields(addSeconds(seconds, offset), nanos), this.wrap(offset), zone)
      }
      case TAG.DURATION:
        return new Duration(this.int(), this.int(), this.int(), this.int())
      case TAG.POINT_2D: {
        const srid = this.value()
        return new Point(srid, this.value(), this.value())
      }
      case TAG.POINT_3D: {
        const srid = this.value()
        return new Point(srid, this.value(), this.value(), this.value())
      }
      default: throw newError(`Unknown PackStream structure tag 0x${tag.toString(16)}`)
    }
  }

  fields (n) {
    const out = new Array(n)
    for (let i = 0; i < n; i++) out[i] = this.value()
    return out
  }

  dateTimeFields (localSeconds, nanos) {
    const f = fieldsFromEpochSeconds(localSeconds)
    return [this.wrap(f.year), this.wrap(f.month), this.wrap(f.day), this.wrap(f.hour),
      this.wrap(f.minute), this.wrap(f.second), this.wrap(nanos)]
  }

  // Rebuilds segments from the index list (bolt.md §5.2), as neo4j-driver does.
  path (nodes, rels, indices) {
    let prev = nodes[0]
    const segments = []
    for (let i = 0; i + 1 < indices.length; i += 2) {
      const relIndex = Number(indices[i])
      const next = nodes[Number(indices[i + 1])]
      const u = rels[Math.abs(relIndex) - 1]
      const [from, to] = relIndex > 0 ? [prev, next] : [next, prev]
      const rel = new Relationship(u.identity, from.identity, to.identity, u.type, u.properties,
        u.elementId, from.elementId, to.elementId)
      segments.push(new PathSegment(prev, rel, next))
      prev = next
    }
    return new Path(nodes[0], prev, segments)
  }
}

// Nanoseconds of the day (< 8.64e13, always an exact Number) -> [hour, minute, second, nano].
function splitNanoOfDay (n) {
  const nanos = Number(n)
  const seconds = Math.floor(nanos / NANOS_PER_SECOND)
  return [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60,
    nanos - seconds * NANOS_PER_SECOND]
}

function wideInt (hi, lo) {
  return (BigInt(hi) << 32n) | BigInt(lo)
}

function addSeconds (seconds, offset) {
  if (typeof seconds === 'number' && Number.isSafeInteger(seconds + offset)) return seconds + offset
  return BigInt(seconds) + BigInt(offset)
}

/** Decodes one PackStream value (bytes: Uint8Array) into neo4j-driver-core values. */
export function decode (bytes, mode = 'integer') {
  return decodeFrom(bytes, 0, mode)
}

function decodeFrom (bytes, at, mode) {
  const d = new Decoder(bytes, mode)
  d.pos = at
  const v = d.value()
  if (d.pos !== bytes.length) throw newError('Trailing bytes in PackStream response from the engine')
  return v
}

/**
 * Decodes a query answer (wasm/src/response.h: {columns, rows, summary}, in that order) into
 * {keys, rows, summary: () => summary map}: the summary, most of the bytes of a small answer,
 * is decoded only when it is asked for.
 */
export function decodeAnswer (bytes, mode = 'integer') {
  if (bytes[0] === 0xa3) {
    const d = new Decoder(bytes, mode)
    d.pos = 1
    if (d.value() === 'columns') {
      const keys = d.value()
      if (d.value() === 'rows') {
        const rows = d.value()
        if (d.value() === 'summary') {
          const at = d.pos
          let summary = null
          return { keys, rows, summary: () => summary || (summary = decodeFrom(bytes, at, mode)) }
        }
      }
    }
  }
  const answer = decode(bytes, mode)
  return { keys: answer.columns, rows: answer.rows, summary: () => answer.summary }
}
