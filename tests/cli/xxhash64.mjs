// xxHash64 over a byte array, written from the algorithm's published description.
// The tests use it to rewrite a database header (which carries an xxHash64 checksum of its
// first 120 bytes, seed 0 — engine/pagestore/file_format.h) into a valid "newer format" one.
const MASK = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;

const rotl = (x, r) => ((x << BigInt(r)) | (x >> BigInt(64 - r))) & MASK;
const mul = (a, b) => (a * b) & MASK;
const add = (a, b) => (a + b) & MASK;

function round(acc, lane) {
  return mul(rotl(add(acc, mul(lane, P2)), 31), P1);
}

function merge(acc, v) {
  return add(mul(acc ^ round(0n, v), P1), P4);
}

export function xxhash64(bytes, seed = 0n) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.byteLength;
  const u64 = (i) => view.getBigUint64(i, true);
  let i = 0;
  let h;
  if (len >= 32) {
    let v1 = add(add(seed, P1), P2);
    let v2 = add(seed, P2);
    let v3 = seed;
    let v4 = (seed - P1) & MASK;
    for (; i + 32 <= len; i += 32) {
      v1 = round(v1, u64(i));
      v2 = round(v2, u64(i + 8));
      v3 = round(v3, u64(i + 16));
      v4 = round(v4, u64(i + 24));
    }
    h = add(add(rotl(v1, 1), rotl(v2, 7)), add(rotl(v3, 12), rotl(v4, 18)));
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else {
    h = add(seed, P5);
  }
  h = add(h, BigInt(len));
  for (; i + 8 <= len; i += 8) {
    h = add(mul(rotl(h ^ round(0n, u64(i)), 27), P1), P4);
  }
  if (i + 4 <= len) {
    h = add(mul(rotl(h ^ mul(BigInt(view.getUint32(i, true)), P1), 23), P2), P3);
    i += 4;
  }
  for (; i < len; i++) {
    h = mul(rotl(h ^ mul(BigInt(bytes[i]), P5), 11), P1);
  }
  h ^= h >> 33n;
  h = mul(h, P2);
  h ^= h >> 29n;
  h = mul(h, P3);
  h ^= h >> 32n;
  return h;
}
