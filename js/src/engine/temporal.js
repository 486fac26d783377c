// Calendar arithmetic for the PackStream temporal structures (bolt.md §5.1), in plain
// integers: days since 1970-01-01 <-> proleptic Gregorian (year, month, day), and the UTC
// offset of an IANA zone at an instant through Intl (as neo4j-driver does).

const DAYS_PER_ERA = 146097 // 400 Gregorian years
const EPOCH_SHIFT = 719468 // days from 0000-03-01 to 1970-01-01

const floorDiv = (a, b) => Math.floor(a / b)

/** Days since the epoch -> [year, month 1-12, day 1-31]. `days` is a safe-integer Number. */
export function civilFromDays (days) {
  const z = days + EPOCH_SHIFT
  const era = floorDiv(z, DAYS_PER_ERA)
  const dayOfEra = z - era * DAYS_PER_ERA
  const yearOfEra = floorDiv(
    dayOfEra - floorDiv(dayOfEra, 1460) + floorDiv(dayOfEra, 36524) - floorDiv(dayOfEra, 146096),
    365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100))
  const shiftedMonth = floorDiv(5 * dayOfYear + 2, 153) // 0 = March
  const day = dayOfYear - floorDiv(153 * shiftedMonth + 2, 5) + 1
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return [year, month, day]
}

/** [year, month, day] -> days since the epoch. */
export function daysFromCivil (year, month, day) {
  const y = month <= 2 ? year - 1 : year
  const era = floorDiv(y, 400)
  const yearOfEra = y - era * 400
  const dayOfYear = floorDiv(153 * (month > 2 ? month - 3 : month + 9) + 2, 5) + day - 1
  const dayOfEra = yearOfEra * 365 + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100) + dayOfYear
  return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT
}

// Epoch seconds arrive as Numbers when exactly representable (|s| < 2^53, i.e. within about
// ±285 million years) and as BigInt beyond; the BigInt branches are kept out of the hot paths
// on purpose: V8 11 (Node 20) has crashed optimising functions that mix BigInt representations.

const SECONDS_PER_DAY = 86400

/** Seconds since the epoch (as if UTC) -> {year, month, day, hour, minute, second}. */
export function fieldsFromEpochSeconds (seconds) {
  let days, secondOfDay
  if (typeof seconds === 'number') {
    days = Math.floor(seconds / SECONDS_PER_DAY)
    secondOfDay = seconds - days * SECONDS_PER_DAY
  } else {
    [days, secondOfDay] = splitBigSeconds(seconds)
  }
  const [year, month, day] = civilFromDays(days)
  return {
    year,
    month,
    day,
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor(secondOfDay / 60) % 60,
    second: secondOfDay % 60
  }
}

function splitBigSeconds (seconds) {
  let days = seconds / 86400n
  if (seconds % 86400n !== 0n && seconds < 0n) days -= 1n
  return [Number(days), Number(seconds - days * 86400n)]
}

/** Local fields -> seconds since the epoch as if UTC (a Number, or BigInt when not exact). */
export function epochSecondsFromFields (year, month, day, hour, minute, second) {
  const days = daysFromCivil(year, month, day)
  const secondOfDay = hour * 3600 + minute * 60 + second
  const seconds = days * SECONDS_PER_DAY + secondOfDay
  return Number.isSafeInteger(seconds) ? seconds : BigInt(days) * 86400n + BigInt(secondOfDay)
}

const zoneFormats = new Map()

function zoneFormat (zone) {
  let f = zoneFormats.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
    zoneFormats.set(zone, f)
  }
  return f
}

const MAX_JS_DATE_SECONDS = 8640000000000

/**
 * The UTC offset (seconds) of `zone` at the UTC instant `utcSeconds` (Number or BigInt).
 * Throws a RangeError for an unknown zone. Instants outside the JS Date range use the nearest.
 */
export function zoneOffsetSeconds (zone, utcSeconds) {
  let s = Number(utcSeconds)
  if (s > MAX_JS_DATE_SECONDS) s = MAX_JS_DATE_SECONDS
  if (s < -MAX_JS_DATE_SECONDS) s = -MAX_JS_DATE_SECONDS
  const parts = {}
  for (const p of zoneFormat(zone).formatToParts(new Date(s * 1000))) parts[p.type] = p.value
  let year = Number(parts.year)
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year
  const local = epochSecondsFromFields(year, Number(parts.month), Number(parts.day),
    Number(parts.hour), Number(parts.minute), Number(parts.second))
  return Number(local) - s
}

/** The offset in effect in `zone` at local wall-clock seconds (as if UTC). */
export function zoneOffsetAtLocal (zone, localSeconds) {
  const guess = zoneOffsetSeconds(zone, localSeconds)
  return zoneOffsetSeconds(zone, Number(localSeconds) - guess)
}
