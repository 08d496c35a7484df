// Merkle Patricia Trie proof verification, exactly docs/protocol.md §6.6: the result is
// {kind: 'present', value}, {kind: 'absent'} or {kind: 'invalid', code, detail}.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { equal } from './bytes.js';
import { decode, encode, RlpError } from './rlp.js';

class Invalid extends Error {
  constructor(code, detail) { super(detail); this.code = code; }
}

function nibbles(key) {
  const out = [];
  for (const b of key) out.push(b >> 4, b & 15);
  return out;
}

/** Hex-prefix decoding (§6.1): [nibbles, isLeaf]; a bad flag or padding is MALFORMED_NODE. */
function hexPrefix(encoded) {
  if (encoded.length === 0) throw new Invalid('MALFORMED_NODE', 'empty hex-prefix path');
  const flag = encoded[0] >> 4;
  if (flag > 3) throw new Invalid('MALFORMED_NODE', 'hex-prefix flag ' + flag);
  const odd = (flag & 1) === 1;
  if (!odd && (encoded[0] & 15) !== 0) throw new Invalid('MALFORMED_NODE', 'non-zero hex-prefix padding');
  const path = odd ? [encoded[0] & 15] : [];
  for (let i = 1; i < encoded.length; i++) path.push(encoded[i] >> 4, encoded[i] & 15);
  return [path, flag >= 2];
}

function isEmpty(item) {
  return item instanceof Uint8Array && item.length === 0;
}

export function verifyProof(root, key, proof) {
  try {
    return walk(root, key, proof);
  } catch (e) {
    if (e instanceof Invalid) return { kind: 'invalid', code: e.code, detail: e.message };
    if (e instanceof RlpError) return { kind: 'invalid', code: 'MALFORMED_NODE', detail: e.message };
    throw e;
  }
}

function walk(root, key, proof) {
  if (proof.length === 0) throw new Invalid('INCOMPLETE', 'empty proof');
  if (!equal(keccak_256(proof[0]), root)) throw new Invalid('ROOT_MISMATCH', 'first node does not hash to the root');
  const path = nibbles(key);
  let i = 0;
  let next = 1;
  let node = decode(proof[0]);
  const finish = (result) => {
    if (next < proof.length) throw new Invalid('EXTRA_NODES', (proof.length - next) + ' node(s) not used');
    return result;
  };
  if (isEmpty(node)) return finish({ kind: 'absent' });
  const follow = (ref) => {
    if (Array.isArray(ref)) {
      if (encode(ref).length >= 32) throw new Invalid('MALFORMED_NODE', 'embedded node of 32 bytes or more');
      return ref;
    }
    if (ref instanceof Uint8Array && ref.length === 32) {
      if (next === proof.length) throw new Invalid('INCOMPLETE', 'the walk needs node ' + next);
      const p = proof[next];
      if (!equal(keccak_256(p), ref)) throw new Invalid('HASH_MISMATCH', 'node ' + next + ' does not hash to its reference');
      if (p.length < 32) throw new Invalid('MALFORMED_NODE', 'node ' + next + ' should have been embedded');
      next++;
      return decode(p);
    }
    throw new Invalid('MALFORMED_NODE', 'child reference is neither a node nor a 32-byte hash');
  };
  for (;;) {
    if (!Array.isArray(node)) throw new Invalid('MALFORMED_NODE', 'node is not a list');
    if (node.length === 17) {
      if (node.filter((x) => !isEmpty(x)).length < 2) throw new Invalid('MALFORMED_NODE', 'branch with fewer than two entries');
      if (i === path.length) {
        const v = node[16];
        if (!(v instanceof Uint8Array)) throw new Invalid('MALFORMED_NODE', 'branch value is a list');
        return finish(v.length > 0 ? { kind: 'present', value: v } : { kind: 'absent' });
      }
      const ref = node[path[i]];
      i++;
      if (isEmpty(ref)) return finish({ kind: 'absent' });
      node = follow(ref);
    } else if (node.length === 2) {
      if (!(node[0] instanceof Uint8Array)) throw new Invalid('MALFORMED_NODE', 'path is a list');
      const [q, leaf] = hexPrefix(node[0]);
      const rest = path.slice(i);
      if (leaf) {
        if (!(node[1] instanceof Uint8Array) || node[1].length === 0) throw new Invalid('MALFORMED_NODE', 'leaf without a value');
        const same = q.length === rest.length && q.every((n, k) => n === rest[k]);
        return finish(same ? { kind: 'present', value: node[1] } : { kind: 'absent' });
      }
      if (q.length === 0) throw new Invalid('MALFORMED_NODE', 'empty extension path');
      if (q.length > rest.length || !q.every((n, k) => n === rest[k])) return finish({ kind: 'absent' });
      i += q.length;
      node = follow(node[1]);
      if (!Array.isArray(node) || node.length !== 17) throw new Invalid('MALFORMED_NODE', 'extension child is not a branch');
    } else {
      throw new Invalid('MALFORMED_NODE', 'node of ' + node.length + ' items');
    }
  }
}
