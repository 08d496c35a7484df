// RLP (docs/protocol.md §5): encoding, and the strict decoding of §5.2 that accepts only the one
// canonical encoding of each item. A decoded string is a Uint8Array, a list an Array.
import { bigFromBE, bigToBE, concat } from './bytes.js';

export class RlpError extends Error {
  constructor(code, detail) { super(code + ': ' + detail); this.code = code; }
}

const MAX_DEPTH = 64;

export function decode(bytes) {
  if (bytes.length === 0) throw new RlpError('EMPTY_INPUT', 'no bytes');
  const [item, end] = item0(bytes, 0, bytes.length, 0);
  if (end !== bytes.length) throw new RlpError('TRAILING_BYTES', (bytes.length - end) + ' bytes after the item');
  return item;
}

function length(bytes, at, n, limit) {
  if (at + n > limit) throw new RlpError('TRUNCATED', 'length prefix runs past the end');
  if (bytes[at] === 0) throw new RlpError('NON_CANONICAL_LENGTH', 'length with a leading zero byte');
  if (n > 4) throw new RlpError('LENGTH_TOO_LARGE', 'length of ' + n + ' bytes');
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + bytes[at + i];
  if (len > 0x7fffffff) throw new RlpError('LENGTH_TOO_LARGE', 'length ' + len);
  if (len <= 55) throw new RlpError('NON_CANONICAL_LENGTH', 'long form for length ' + len);
  return len;
}

function item0(bytes, at, limit, depth) {
  if (at >= limit) throw new RlpError('TRUNCATED', 'item expected');
  const p = bytes[at];
  if (p < 0x80) return [bytes.slice(at, at + 1), at + 1];
  let start, len, isList;
  if (p <= 0xb7) { len = p - 0x80; start = at + 1; isList = false; }
  else if (p <= 0xbf) { len = length(bytes, at + 1, p - 0xb7, limit); start = at + 1 + (p - 0xb7); isList = false; }
  else if (p <= 0xf7) { len = p - 0xc0; start = at + 1; isList = true; }
  else { len = length(bytes, at + 1, p - 0xf7, limit); start = at + 1 + (p - 0xf7); isList = true; }
  const end = start + len;
  if (end > limit) throw new RlpError('TRUNCATED', 'payload runs past the end');
  if (!isList) {
    if (len === 1 && bytes[start] < 0x80) throw new RlpError('NON_CANONICAL_SINGLE_BYTE', 'byte below 0x80 prefixed');
    return [bytes.slice(start, end), end];
  }
  if (depth + 1 > MAX_DEPTH) throw new RlpError('TOO_DEEP', 'nested more than ' + MAX_DEPTH);
  const items = [];
  let pos = start;
  while (pos < end) {
    const [child, next] = item0(bytes, pos, end, depth + 1);
    items.push(child);
    pos = next;
  }
  return [items, end];
}

export function encode(item) {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0] < 0x80) return item;
    return concat(prefix(0x80, 0xb7, item.length), item);
  }
  if (Array.isArray(item)) {
    const payload = concat(...item.map(encode));
    return concat(prefix(0xc0, 0xf7, payload.length), payload);
  }
  throw new Error('RLP encodes byte strings and lists only');
}

function prefix(short, long, len) {
  if (len <= 55) return new Uint8Array([short + len]);
  const be = bigToBE(BigInt(len));
  return concat(new Uint8Array([long + be.length]), be);
}

/** RLP of an unsigned integer (a BigInt or a number). */
export const encodeInt = (x) => encode(bigToBE(BigInt(x)));

// Field readers of strict decoders: each throws an RlpError with the code of §5.2.
export function asString(item, what) {
  if (!(item instanceof Uint8Array)) throw new RlpError('EXPECTED_STRING', what);
  return item;
}

export function asList(item, size, what) {
  if (!Array.isArray(item)) throw new RlpError('EXPECTED_LIST', what);
  if (size !== undefined && item.length !== size) throw new RlpError('WRONG_ARITY', what + ': ' + item.length + ' items');
  return item;
}

export function asBytes(item, len, what) {
  const s = asString(item, what);
  if (s.length !== len) throw new RlpError('WRONG_LENGTH', what + ': ' + s.length + ' bytes, expected ' + len);
  return s;
}

/** An unsigned integer below 2^63, as a BigInt. */
export function asInt(item, what) {
  const s = asString(item, what);
  if (s.length > 0 && s[0] === 0) throw new RlpError('LEADING_ZERO_INTEGER', what);
  if (s.length > 8 || (s.length === 8 && s[0] >= 0x80)) throw new RlpError('INTEGER_TOO_LARGE', what);
  return bigFromBE(s);
}

/** An integer that also fits a Java int (indices, rounds, counts). */
export function asSmallInt(item, what) {
  const v = asInt(item, what);
  if (v > 0x7fffffffn) throw new RlpError('INTEGER_TOO_LARGE', what + ' is not a 32-bit integer');
  return Number(v);
}
