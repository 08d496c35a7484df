// The chain's data structures, byte for byte as docs/protocol.md specifies them: the chain file
// (§7.19), the validator-set hash (§7.1), the genesis header (§7.2), the block header (§7.3) and block
// id (§7.4), the sign bytes of precommits and the VRF alpha (§7.5), and the quorum certificate (§7.10).
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bigToBE, bytesToHex, concat, fromUtf8, hexToBytes, utf8 } from './bytes.js';
import { asBytes, asInt, asList, asSmallInt, asString, decode, encode, encodeInt } from './rlp.js';

export const EMPTY_ROOT = keccak_256(new Uint8Array([0x80]));
const ID = /^[A-Za-z0-9._-]{1,64}$/;
const CHAIN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const KEY = /^[0-9a-f]{64}$/;
const TOP = ['version', 'chainId', 'genesisTimeMs', 'validators', 'validatorSetHash', 'genesisBlockId'];
const ENTRY = ['index', 'id', 'signingPublicKey', 'vrfPublicKey', 'gossipUrl'];

/** keccak256(RLP([[id, signingKey, vrfKey], …])) in index order (§7.1). */
export function validatorSetHash(validators) {
  return keccak_256(encode(validators.map((v) => [utf8(v.id), v.signingKey, v.vrfKey])));
}

/** Parses and checks a chain file (§7.19); throws an Error naming the first rule it breaks. */
export function parseChainFile(text) {
  const root = JSON.parse(text);
  const fields = (o, allowed, required, what) => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new Error(what + ' must be a JSON object');
    for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new Error(what + " has an unknown field '" + k + "'");
    for (const k of required) if (!(k in o)) throw new Error(what + " lacks the field '" + k + "'");
  };
  fields(root, TOP, TOP.slice(0, 4), 'the chain file');
  if (root.version !== 1) throw new Error('unsupported chain file version ' + root.version);
  if (typeof root.chainId !== 'string' || !CHAIN_ID.test(root.chainId)) throw new Error('bad chainId');
  if (!Number.isSafeInteger(root.genesisTimeMs) || root.genesisTimeMs < 0) throw new Error('bad genesisTimeMs');
  if (!Array.isArray(root.validators) || root.validators.length === 0) throw new Error('validators must be a non-empty array');
  const validators = root.validators.map((v, i) => {
    fields(v, ENTRY, ENTRY, 'validators[' + i + ']');
    if (v.index !== i) throw new Error('validators[' + i + '].index must be ' + i);
    if (typeof v.id !== 'string' || !ID.test(v.id)) throw new Error('validators[' + i + '].id is not 1 to 64 of [A-Za-z0-9._-]');
    for (const k of ['signingPublicKey', 'vrfPublicKey']) {
      if (typeof v[k] !== 'string' || !KEY.test(v[k])) throw new Error('validators[' + i + '].' + k + ' must be 64 lowercase hex');
    }
    if (typeof v.gossipUrl !== 'string') throw new Error('validators[' + i + '].gossipUrl must be a string');
    return { index: i, id: v.id, signingKey: hexToBytes(v.signingPublicKey), vrfKey: hexToBytes(v.vrfPublicKey), gossipUrl: v.gossipUrl };
  });
  const seen = new Set();
  for (const v of validators) {
    for (const k of [v.id, 's' + bytesToHex(v.signingKey), 'v' + bytesToHex(v.vrfKey)]) {
      if (seen.has(k)) throw new Error('duplicate validator id or key: ' + v.id);
      seen.add(k);
    }
  }
  const chain = makeChain(root.chainId, BigInt(root.genesisTimeMs), validators);
  if ('validatorSetHash' in root && root.validatorSetHash !== bytesToHex(chain.setHash)) {
    throw new Error('validatorSetHash is not the one the validators give');
  }
  if ('genesisBlockId' in root && root.genesisBlockId !== bytesToHex(chain.genesisId)) {
    throw new Error('genesisBlockId is not the one chain id, genesis time and validators give');
  }
  return chain;
}

function makeChain(chainId, genesisTimeMs, validators) {
  const n = validators.length;
  const setHash = validatorSetHash(validators);
  const genesis = {
    chainId, height: 0n, round: 0, parentHash: new Uint8Array(32), timestampMs: genesisTimeMs, proposerIndex: 0,
    committerIndex: 0, commitmentPi: new Uint8Array(0), ranges: [], messageCount: 0, messagesRoot: EMPTY_ROOT,
    stateRoot: EMPTY_ROOT, validatorSetHash: setHash,
  };
  const genesisId = keccak_256(encodeHeader(genesis));
  return { chainId, genesisTimeMs, validators, n, quorum: Math.floor((2 * n) / 3) + 1, setHash, genesis, genesisId };
}

export function encodeHeader(h) {
  return encode([utf8(h.chainId), bigToBE(h.height), bigToBE(BigInt(h.round)), h.parentHash, bigToBE(h.timestampMs),
    bigToBE(BigInt(h.proposerIndex)), bigToBE(BigInt(h.committerIndex)), h.commitmentPi,
    h.ranges.map((r) => [bigToBE(BigInt(r.partition)), bigToBE(r.firstOffset), bigToBE(r.endOffset)]),
    bigToBE(BigInt(h.messageCount)), h.messagesRoot, h.stateRoot, h.validatorSetHash]);
}

/** Strict §7.3 decoding; the id is keccak256 of exactly these bytes. */
export function decodeHeader(bytes) {
  const l = asList(decode(bytes), 13, 'header');
  const ranges = asList(l[8], undefined, 'ranges').map((r, i) => {
    const t = asList(r, 3, 'range ' + i);
    const range = { partition: asSmallInt(t[0], 'partition'), firstOffset: asInt(t[1], 'firstOffset'), endOffset: asInt(t[2], 'endOffset') };
    if (range.endOffset <= range.firstOffset) throw new Error('range ' + i + ' is empty or reversed');
    return range;
  });
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i].partition <= ranges[i - 1].partition) throw new Error('ranges are not sorted by partition');
  }
  return {
    chainId: fromUtf8(asString(l[0], 'chainId')), height: asInt(l[1], 'height'), round: asSmallInt(l[2], 'round'),
    parentHash: asBytes(l[3], 32, 'parentHash'), timestampMs: asInt(l[4], 'timestampMs'),
    proposerIndex: asSmallInt(l[5], 'proposerIndex'), committerIndex: asSmallInt(l[6], 'committerIndex'),
    commitmentPi: asString(l[7], 'commitmentPi'), ranges, messageCount: asSmallInt(l[9], 'messageCount'),
    messagesRoot: asBytes(l[10], 32, 'messagesRoot'), stateRoot: asBytes(l[11], 32, 'stateRoot'),
    validatorSetHash: asBytes(l[12], 32, 'validatorSetHash'), id: keccak_256(bytes),
  };
}

/** Strict §7.10 decoding: RLP([height, round, blockId, [[validatorIndex, signature], …]]). */
export function decodeCertificate(bytes) {
  const l = asList(decode(bytes), 4, 'certificate');
  return {
    height: asInt(l[0], 'height'), round: asSmallInt(l[1], 'round'), blockId: asBytes(l[2], 32, 'blockId'),
    signatures: asList(l[3], undefined, 'signatures').map((s, i) => {
      const t = asList(s, 2, 'signature ' + i);
      return { validatorIndex: asSmallInt(t[0], 'validatorIndex'), signature: asString(t[1], 'signature') };
    }),
  };
}

const signBytes = (tag, list) => concat(utf8(tag), encode(list));

/** §7.5 precommit sign bytes. */
export const precommitBytes = (chainId, height, round, blockId) =>
  signBytes('diseq/v1/precommit', [utf8(chainId), bigToBE(height), bigToBE(BigInt(round)), blockId]);

/** §7.5 VRF alpha of (height, round) over the parent hash. */
export const vrfAlpha = (chainId, height, round, parentHash) =>
  signBytes('diseq/v1/vrf-alpha', [utf8(chainId), bigToBE(height), bigToBE(BigInt(round)), parentHash]);

/** The state trie's value for a message: RLP([height, index]) (§6.4). */
export const location = (height, index) => encode([bigToBE(BigInt(height)), bigToBE(BigInt(index))]);

/** The messages-trie key of index i: RLP(i) (§6.4). */
export const indexKey = (i) => encodeInt(i);
