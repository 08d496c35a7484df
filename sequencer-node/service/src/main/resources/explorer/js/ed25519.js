// Ed25519 signature verification with exactly Diseq's rules (docs/protocol.md §3.1), on the
// edwards25519 point arithmetic of @noble/curves: lengths, R's y below p, S < L, A canonical and
// not of small order, and the COFACTORLESS equation encode([S]B − [k]A) = R, byte for byte.
// (noble's own ed25519.verify checks the cofactored equation, which accepts signatures Diseq's
// validators reject; every verifier must agree with the validators, so it is not used here.)
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bigFromLE, concat, equal } from './bytes.js';

export const Point = ed25519.Point;
export const L = Point.Fn.ORDER;
const P = Point.Fp.ORDER;

/** RFC 8032 §5.1.3 decoding (canonical y < p; x = 0 with the sign bit set rejected), or null. */
export function decodePoint(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) return null;
  try {
    return Point.fromBytes(bytes, false);
  } catch (e) {
    return null;
  }
}

export function verify(publicKey, message, signature) {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  const r = signature.subarray(0, 32);
  const rLow = r.slice();
  rLow[31] &= 0x7f;
  if (bigFromLE(rLow) >= P) return false;
  const s = bigFromLE(signature.subarray(32, 64));
  if (s >= L) return false;
  const a = decodePoint(publicKey);
  if (a === null || a.isSmallOrder()) return false;
  const k = bigFromLE(sha512(concat(r, publicKey, message))) % L;
  const check = Point.BASE.multiplyUnsafe(s).subtract(a.multiplyUnsafe(k));
  return equal(check.toBytes(), r);
}
