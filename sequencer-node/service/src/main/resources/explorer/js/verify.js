// Verifies, in the browser and against the chain file only, what a node sends: a block's header and
// certificate, a message receipt (docs/protocol.md §7.17) and a proof that a message is not sequenced
// (§7.20). Every check is one named step with its outcome, so the page can show which one failed.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bigFromBE, bytesToHex, equal, hexToBytes, short } from './bytes.js';
import { decodeCertificate, decodeHeader, indexKey, location, precommitBytes, vrfAlpha } from './chain.js';
import * as ecvrf from './ecvrf.js';
import * as ed25519 from './ed25519.js';
import { verifyProof } from './trie.js';

class Steps {
  constructor() { this.list = []; }
  add(id, title, ok, detail = '') { this.list.push({ id, title, ok, detail }); return ok; }
  skip(id, title, detail) { this.list.push({ id, title, ok: null, detail }); }
  get ok() { return this.list.length > 0 && this.list.every((s) => s.ok === true); }
}

function attempt(steps, id, title, fn) {
  try {
    return fn();
  } catch (e) {
    steps.add(id, title, false, e.message);
    return null;
  }
}

/**
 * The §7.6 and §7.10 checks of a decided header of height ≥ 1 with its certificate. Adds the steps
 * and returns whether all passed.
 */
export function checkCertifiedHeader(chain, header, certificate, steps) {
  const v = chain.validators;
  steps.add('chain', 'header is of chain ' + chain.chainId + ' and its validator set',
    header.chainId === chain.chainId && equal(header.validatorSetHash, chain.setHash),
    'chain ' + header.chainId + ', set ' + short(bytesToHex(header.validatorSetHash)));
  const committer = Number((header.height + BigInt(header.round)) % BigInt(chain.n));
  steps.add('committer', 'committer is validator (height + round) mod n = ' + committer,
    header.committerIndex === committer, 'header names ' + header.committerIndex);
  const c = v[committer];
  const beta = ecvrf.verify(c.vrfKey, header.commitmentPi, vrfAlpha(chain.chainId, header.height, header.round, header.parentHash));
  steps.add('vrf', 'ECVRF proof of committer ' + c.id + ' verifies (RFC 9381, suite 0x03)', beta !== null,
    beta ? 'beta ' + short(bytesToHex(beta)) : 'pi ' + short(bytesToHex(header.commitmentPi)) + ' is not a valid proof');
  if (beta !== null) {
    const proposer = Number(bigFromBE(beta) % BigInt(chain.n));
    steps.add('proposer', 'VRF output selects proposer ' + v[proposer].id, header.proposerIndex === proposer,
      'header names proposer ' + header.proposerIndex);
  } else {
    steps.skip('proposer', 'VRF output selects the proposer', 'no valid VRF output');
  }
  checkCertificate(chain, header, certificate, steps);
  return steps.ok;
}

function checkCertificate(chain, header, cert, steps) {
  if (cert === null) {
    steps.add('certificate', 'quorum certificate', false, 'no certificate');
    return;
  }
  const forBlock = cert.height === header.height && equal(cert.blockId, header.id);
  const signed = precommitBytes(chain.chainId, cert.height, cert.round, cert.blockId);
  let previous = -1;
  const bad = [];
  const good = [];
  for (const s of cert.signatures) {
    const known = s.validatorIndex > previous && s.validatorIndex < chain.n;
    previous = s.validatorIndex;
    if (known && ed25519.verify(chain.validators[s.validatorIndex].signingKey, signed, s.signature)) {
      good.push(chain.validators[s.validatorIndex].id);
    } else {
      bad.push(known ? chain.validators[s.validatorIndex].id : '#' + s.validatorIndex);
    }
  }
  steps.add('certificate-block', 'certificate is for this block (height ' + header.height + ', id ' + short(bytesToHex(header.id)) + ')',
    forBlock, forBlock ? 'round ' + cert.round : 'certificate names ' + short(bytesToHex(cert.blockId)));
  steps.add('signatures', 'Ed25519 precommit signatures: ' + good.length + ' valid of ' + cert.signatures.length,
    bad.length === 0, bad.length ? 'invalid or out of order: ' + bad.join(', ') : 'signed by ' + good.join(', '));
  steps.add('quorum', 'at least a quorum of ' + chain.quorum + ' of ' + chain.n + ' distinct validators', good.length >= chain.quorum && bad.length === 0,
    good.length + ' valid');
}

function decodeParts(steps, json) {
  return attempt(steps, 'decode', 'header and certificate decode (strict RLP, §5.2)', () => {
    const header = decodeHeader(hexToBytes(json.header.rlp));
    const cert = json.certificate == null ? null : decodeCertificate(hexToBytes(json.certificate.rlp));
    steps.add('decode', 'header and certificate decode (strict RLP, §5.2); block id = keccak256(header)', true,
      'block ' + short(bytesToHex(header.id)) + ' at height ' + header.height);
    return { header, cert };
  });
}

function proof(nodes) {
  if (!Array.isArray(nodes)) throw new Error('proof is not an array');
  return nodes.map(hexToBytes);
}

function checkFields(steps, json, header, extra) {
  const mismatch = [];
  if ('height' in json && String(json.height) !== String(header.height)) mismatch.push('height');
  if (json.header && 'id' in json.header && json.header.id !== bytesToHex(header.id)) mismatch.push('header.id');
  if ('chainId' in json && json.chainId !== header.chainId) mismatch.push('chainId');
  for (const [name, ok] of extra) if (!ok) mismatch.push(name);
  steps.add('fields', 'the decoded fields of the JSON agree with what was verified', mismatch.length === 0,
    mismatch.length ? 'differ: ' + mismatch.join(', ') : '');
}

/** A receipt (REST Receipt) for the message id {@code requestedId} (hex). */
export function verifyReceipt(chain, json, requestedId) {
  const steps = new Steps();
  const parts = decodeParts(steps, json);
  if (parts === null) return { ok: false, steps: steps.list };
  const { header, cert } = parts;
  if (header.height === 0n) {
    steps.add('height', 'a receipt is for a block of height ≥ 1', false, 'genesis holds no messages');
    return { ok: false, steps: steps.list };
  }
  checkCertifiedHeader(chain, header, cert, steps);
  const message = attempt(steps, 'message', 'message bytes', () => hexToBytes(json.message));
  const index = Number(json.index);
  if (message !== null) {
    const id = keccak_256(message);
    steps.add('id', 'keccak256(message) is the requested id', bytesToHex(id) === requestedId, short(bytesToHex(id)));
    steps.add('index', 'index ' + index + ' is inside the block (' + header.messageCount + ' messages)',
      Number.isInteger(index) && index >= 0 && index < header.messageCount);
    const inBlock = attempt(steps, 'messages-proof', 'messages proof', () => verifyProof(header.messagesRoot, indexKey(index), proof(json.messagesProof)));
    if (inBlock !== null) {
      steps.add('messages-proof', 'messages proof: key RLP(' + index + ') under messagesRoot holds the message',
        inBlock.kind === 'present' && equal(inBlock.value, message), describe(inBlock));
    }
    const inState = attempt(steps, 'state-proof', 'state proof', () => verifyProof(header.stateRoot, id, proof(json.stateProof)));
    if (inState !== null) {
      steps.add('state-proof', 'state proof: the id under stateRoot maps to RLP([' + header.height + ', ' + index + '])',
        inState.kind === 'present' && equal(inState.value, location(header.height, index)), describe(inState));
    }
  }
  checkFields(steps, json, header, [['messageId', !('messageId' in json) || json.messageId === requestedId]]);
  return { ok: steps.ok, steps: steps.list, header, cert, message, index };
}

/** An absence proof (REST NotSequenced body, or its {@code absence} object) for {@code requestedId}. */
export function verifyAbsence(chain, body, requestedId) {
  const json = body.absence ?? body;
  const steps = new Steps();
  const parts = decodeParts(steps, json);
  if (parts === null) return { ok: false, steps: steps.list };
  const { header, cert } = parts;
  if (header.height === 0n) {
    steps.add('genesis', 'height 0: the header is the chain file\'s genesis block ' + short(bytesToHex(chain.genesisId)),
      equal(header.id, chain.genesisId) && cert === null, cert === null ? '' : 'genesis has no certificate');
  } else {
    checkCertifiedHeader(chain, header, cert, steps);
  }
  const id = attempt(steps, 'id', 'message id', () => hexToBytes(requestedId));
  if (id !== null && id.length === 32) {
    const inState = attempt(steps, 'state-proof', 'state proof', () => verifyProof(header.stateRoot, id, proof(json.stateProof)));
    if (inState !== null) {
      steps.add('state-proof', 'state proof: the id is ABSENT under the stateRoot of height ' + header.height,
        inState.kind === 'absent', describe(inState));
    }
  } else if (id !== null) {
    steps.add('id', 'message id is 32 bytes', false);
  }
  checkFields(steps, json, header, [['messageId', !('messageId' in json) || json.messageId === requestedId]]);
  return { ok: steps.ok, steps: steps.list, header, cert };
}

/** A block as /v1/blocks serves it: its header and certificate, verified (genesis: against the chain file). */
export function verifyBlock(chain, json) {
  const steps = new Steps();
  const parts = decodeParts(steps, json);
  if (parts === null) return { ok: false, steps: steps.list };
  const { header, cert } = parts;
  if (header.height === 0n) {
    steps.add('genesis', 'the chain file\'s genesis block', equal(header.id, chain.genesisId));
  } else {
    checkCertifiedHeader(chain, header, cert, steps);
  }
  return { ok: steps.ok, steps: steps.list, header, cert };
}

function describe(result) {
  if (result.kind === 'invalid') return 'invalid proof: ' + result.code + ' (' + result.detail + ')';
  if (result.kind === 'absent') return 'the proof shows the key is absent';
  return 'the proof shows a value of ' + result.value.length + ' bytes';
}
