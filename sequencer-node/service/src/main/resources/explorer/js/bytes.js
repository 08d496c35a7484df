// Byte strings, hex and integers (docs/protocol.md §1): JSON carries lowercase hex without 0x.
export function hexToBytes(hex) {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new Error('not hex: ' + String(hex).slice(0, 20));
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

export function bytesToHex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export function equal(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const utf8 = (s) => new TextEncoder().encode(s);
export const fromUtf8 = (b) => new TextDecoder('utf-8', { fatal: true }).decode(b);

/** Unsigned big-endian bytes to BigInt. */
export function bigFromBE(bytes) {
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  return x;
}

/** Unsigned little-endian bytes to BigInt (RFC 9381 string_to_int, RFC 8032 S). */
export function bigFromLE(bytes) {
  let x = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(bytes[i]);
  return x;
}

/** Minimal big-endian bytes of a non-negative integer (RLP integers: 0 is empty). */
export function bigToBE(x) {
  const out = [];
  for (let v = BigInt(x); v > 0n; v >>= 8n) out.unshift(Number(v & 0xffn));
  return new Uint8Array(out);
}

export const short = (hex, n = 10) => hex.length > 2 * n ? hex.slice(0, n) + '…' + hex.slice(-4) : hex;
