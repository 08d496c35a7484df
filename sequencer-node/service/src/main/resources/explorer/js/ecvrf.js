// ECVRF-EDWARDS25519-SHA512-TAI verification, RFC 9381 §5.3 with validate_key = TRUE (suite 0x03),
// exactly as docs/protocol.md §4.6 specifies it (including the Diseq addition: a small-order Gamma is
// invalid), written on the edwards25519 point arithmetic of @noble/curves. Verification only handles
// public data, so the variable-time multiplications are fine.
import { sha512 } from '@noble/hashes/sha2.js';
import { bigFromLE, concat, equal } from './bytes.js';
import { decodePoint, L, Point } from './ed25519.js';

const SUITE = 0x03;
const b = (...xs) => new Uint8Array(xs);

/** RFC 9381 §5.4.1.1 encode_to_curve (try-and-increment) with salt = PK; null after 256 tries. */
export function encodeToCurve(pk, alpha) {
  for (let ctr = 0; ctr < 256; ctr++) {
    const hash = sha512(concat(b(SUITE, 0x01), pk, alpha, b(ctr), b(0x00)));
    const p = decodePoint(hash.subarray(0, 32));
    if (p !== null) {
      const h = p.clearCofactor();
      if (!h.is0()) return h;
    }
  }
  return null;
}

/** RFC 9381 §5.4.3: the first 16 bytes of the hash of the five points, as a little-endian integer. */
export function challenge(pk, h, gamma, u, v) {
  const digest = sha512(concat(b(SUITE, 0x02), pk, h.toBytes(), gamma.toBytes(), u.toBytes(), v.toBytes(), b(0x00)));
  return bigFromLE(digest.subarray(0, 16));
}

/** RFC 9381 §5.4.4 decode_proof with the Diseq additions of §4.6 step 4, or null. */
export function decodeProof(pi) {
  if (!(pi instanceof Uint8Array) || pi.length !== 80) return null;
  const gamma = decodePoint(pi.subarray(0, 32));
  if (gamma === null || gamma.isSmallOrder()) return null;
  const c = bigFromLE(pi.subarray(32, 48));
  const s = bigFromLE(pi.subarray(48, 80));
  if (s >= L) return null;
  return { gamma, c, s };
}

/** RFC 9381 §5.2 proof_to_hash of a decoded proof: beta = SHA-512(0x03 ‖ 0x03 ‖ 8·Gamma ‖ 0x00). */
export function proofToHash(gamma) {
  return sha512(concat(b(SUITE, 0x03), gamma.clearCofactor().toBytes(), b(0x00)));
}

/** The 64-byte beta if pi is valid for alpha under pk, else null (never throws on bad input). */
export function verify(pk, pi, alpha) {
  if (!(pk instanceof Uint8Array) || !(pi instanceof Uint8Array) || !(alpha instanceof Uint8Array)) return null;
  const y = decodePoint(pk);
  if (y === null || y.isSmallOrder()) return null;
  const proof = decodeProof(pi);
  if (proof === null) return null;
  const h = encodeToCurve(pk, alpha);
  if (h === null) return null;
  const { gamma, c, s } = proof;
  // U = s·B − c·Y, V = s·H − c·Gamma (c < 2^128 < L, s < L: noble's multiplyUnsafe range).
  const u = Point.BASE.multiplyUnsafe(s).subtract(y.multiplyUnsafe(c));
  const v = h.multiplyUnsafe(s).subtract(gamma.multiplyUnsafe(c));
  if (challenge(pk, h, gamma, u, v) !== c) return null;
  return proofToHash(gamma);
}

