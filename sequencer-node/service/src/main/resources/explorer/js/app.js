// The explorer page: live status, validators, blocks and chart from this node's /v1 API (polled),
// and receipts, absence proofs and block certificates verified in the browser (verify.js) against a
// chain file: the node's own /v1/chain until the user loads the operators' chain file, which is then
// pinned in this browser (localStorage) and compared with what the node says.
import * as api from './api.js';
import { bytesToHex, fromUtf8, hexToBytes, short } from './bytes.js';
import { parseChainFile } from './chain.js';
import { Chart } from './chart.js';
import { verifyAbsence, verifyBlock, verifyReceipt } from './verify.js';

const POLL_MS = 1000;
const SHOWN_BLOCKS = 15;
const RATE_WINDOW = 10;
const PIN_KEY = 'diseq-explorer-chain-file';

const $ = (id) => document.getElementById(id);
const state = { chain: null, chainText: null, pinned: false, nodeChainText: null, blocks: new Map(), cursor: null,
  lastVote: new Map(), seenLive: new Map(), chart: null, selfIndex: null };

function text(el, value) {
  el.textContent = value;
  return el;
}

function node(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

// ---- trust: which chain file verifications use -------------------------------------------------

function useChainFile(textValue, pinned) {
  state.chain = parseChainFile(textValue);
  state.chainText = textValue;
  state.pinned = pinned;
  renderTrust();
}

function renderTrust() {
  const c = state.chain;
  text($('chain-id'), c.chainId);
  text($('trust-source'), state.pinned ? 'your chain file (pinned in this browser)' : "this node's /v1/chain (not pinned: load the operators' chain file)");
  $('trust').dataset.pinned = String(state.pinned);
  text($('trust-genesis'), short(bytesToHex(c.genesisId), 12));
  text($('trust-set'), short(bytesToHex(c.setHash), 12));
  const differs = state.pinned && state.nodeChainText !== null
    && bytesToHex(parseChainFile(state.nodeChainText).genesisId) !== bytesToHex(c.genesisId);
  $('trust-warning').hidden = !differs;
}

async function loadTrust() {
  state.nodeChainText = JSON.stringify(await api.chain());
  const pinned = localStorage.getItem(PIN_KEY);
  if (pinned !== null) {
    try {
      useChainFile(pinned, true);
      return;
    } catch (e) {
      localStorage.removeItem(PIN_KEY);
    }
  }
  useChainFile(state.nodeChainText, false);
}

function onChainFile(event) {
  const file = event.target.files[0];
  if (!file) return;
  file.text().then((t) => {
    try {
      useChainFile(t, true);
      localStorage.setItem(PIN_KEY, t);
      text($('trust-error'), '');
      state.blocks.forEach((b) => { b.verdict = undefined; });
      renderBlocks();
    } catch (e) {
      text($('trust-error'), 'not a valid chain file: ' + e.message);
    }
  });
}

function unpin() {
  localStorage.removeItem(PIN_KEY);
  useChainFile(state.nodeChainText, false);
}

// ---- live status, validators, blocks -----------------------------------------------------------

async function pollStatus() {
  const [status, consensus] = await Promise.all([api.status(), api.consensus()]);
  text($('status-height'), status.height);
  text($('status-block'), short(status.latestBlockId, 10));
  text($('status-consensus-height'), consensus.height);
  text($('status-round'), consensus.round);
  text($('status-step'), consensus.waiting ? consensus.step + ' (waiting for input)' : consensus.step);
  text($('status-catching-up'), consensus.catchingUp ? 'yes' : 'no');
  text($('status-quorum'), status.quorum + ' of ' + status.validators.length);
  const peers = new Map(consensus.peers.map((p) => [p.index, p]));
  state.selfIndex = status.validators.map((v) => v.index).find((i) => !peers.has(i)) ?? null;
  renderValidators(status, peers);
}

function renderValidators(status, peers) {
  const body = $('validators').querySelector('tbody');
  body.replaceChildren();
  for (const v of status.validators) {
    const peer = peers.get(v.index);
    const self = v.index === state.selfIndex;
    const healthy = self || (peer !== undefined && peer.reachable);
    const height = self ? status.height : peer !== undefined ? peer.reportedHeight : -1;
    const lag = height < 0 ? null : status.height - height;
    const vote = state.lastVote.get(v.index);
    body.append(node('tr', { 'data-index': String(v.index), class: healthy ? 'up' : 'down' },
      node('td', {}, String(v.index)),
      node('td', {}, v.id + (self ? ' (this node)' : '')),
      node('td', { class: 'mono', title: v.signingPublicKey }, short(v.signingPublicKey, 8)),
      node('td', { class: 'mono', title: v.vrfPublicKey }, short(v.vrfPublicKey, 8)),
      node('td', { class: 'health' }, self ? 'serving this page' : healthy ? 'reachable' : 'unreachable'),
      node('td', { class: 'height' }, height < 0 ? 'unknown' : String(height) + (lag > 0 ? ' (' + lag + ' behind)' : '')),
      node('td', { class: 'last-vote' }, vote ? 'precommit at height ' + vote.height + ', round ' + vote.round : 'none seen')));
  }
}

function recordBlock(b, live) {
  if (state.blocks.has(b.height)) return;
  state.blocks.set(b.height, b);
  if (live) state.seenLive.set(b.height, Date.now());
  if (b.certificate) {
    for (const s of b.certificate.signatures) {
      const prev = state.lastVote.get(s.validatorIndex);
      if (!prev || prev.height < b.height) state.lastVote.set(s.validatorIndex, { height: b.height, round: b.certificate.round });
    }
  }
  const heights = [...state.blocks.keys()].sort((x, y) => x - y);
  while (heights.length > 200) state.blocks.delete(heights.shift());
  if (b.height > 0) addChartPoint(b, live);
}

function addChartPoint(b, live) {
  const window = [];
  // Over the last RATE_WINDOW block intervals; genesis is left out (its time is the chain's start).
  for (let h = Math.max(1, b.height - RATE_WINDOW); h <= b.height; h++) if (state.blocks.has(h)) window.push(state.blocks.get(h));
  let rate = 0;
  if (window.length > 1) {
    const span = (window[window.length - 1].header.timestampMs - window[0].header.timestampMs) / 1000;
    const count = window.slice(1).reduce((n, x) => n + x.header.messageCount, 0);
    rate = span > 0 ? count / span : 0;
  }
  const ttf = live ? Math.max(0, state.seenLive.get(b.height) - b.header.timestampMs) : null;
  state.chart.add(b.height, rate, ttf);
}

async function pollBlocks() {
  if (state.cursor === null) {
    const latest = await api.status();
    const from = Math.max(0, latest.height - SHOWN_BLOCKS + 1);
    const page = await api.blocksFrom(from, 100);
    page.blocks.forEach((b) => recordBlock(b, false));
    state.cursor = page.next;
  } else {
    const page = await api.blocksAfter(state.cursor, 100);
    page.blocks.forEach((b) => recordBlock(b, true));
    state.cursor = page.next;
  }
  renderBlocks();
}

function renderBlocks() {
  const body = $('blocks').querySelector('tbody');
  body.replaceChildren();
  const heights = [...state.blocks.keys()].sort((x, y) => y - x).slice(0, SHOWN_BLOCKS);
  for (const h of heights) {
    const b = state.blocks.get(h);
    if (b.verdict === undefined) b.verdict = verifyBlock(state.chain, b).ok;
    const proposer = state.chain.validators[b.header.proposerIndex];
    body.append(node('tr', { 'data-height': String(h), class: b.verdict ? 'verified' : 'failed', onclick: () => showBlock(h) },
      node('td', {}, String(h)),
      node('td', { class: 'mono' }, short(b.id, 8)),
      node('td', {}, new Date(b.header.timestampMs).toISOString().replace('T', ' ').replace('Z', '')),
      node('td', {}, String(b.header.messageCount)),
      node('td', {}, String(b.header.round)),
      node('td', {}, proposer ? proposer.id : '#' + b.header.proposerIndex),
      node('td', {}, b.certificate ? b.certificate.signatures.length + '/' + state.chain.n : 'genesis'),
      node('td', { class: 'verdict' }, b.verdict ? '✓ verified' : '✗ does not verify')));
  }
}

// ---- one block, one receipt --------------------------------------------------------------------

async function showBlock(height) {
  const panel = $('block-detail');
  panel.hidden = false;
  text($('block-title'), 'Block ' + height);
  const list = $('block-messages');
  list.replaceChildren();
  let b;
  try {
    b = await api.block(height);
  } catch (e) {
    text($('block-summary'), e.message);
    panel.dataset.height = String(height);
    return;
  }
  const v = verifyBlock(state.chain, b);
  text($('block-summary'), 'id ' + b.id + ' · ' + b.header.messageCount + ' message(s) · round ' + b.header.round
    + ' · ' + (v.ok ? 'header and certificate verified in this browser' : 'does NOT verify: '
    + v.steps.filter((s) => s.ok === false).map((s) => s.title).join('; ')));
  for (const id of b.messageIds ?? []) {
    list.append(node('li', { 'data-id': id }, node('a', { href: '#', class: 'mono', onclick: (e) => { e.preventDefault(); showReceipt(id); } }, id)));
  }
  panel.dataset.height = String(height);
  panel.dataset.verified = String(v.ok);
}

async function showReceipt(id) {
  const r = await api.receipt(id);
  $('verify-id').value = id;
  $('verify-json').value = JSON.stringify(r.body, null, 2);
  runVerify();
}

function runVerify() {
  const id = $('verify-id').value.trim().toLowerCase().replace(/^0x/, '');
  const panel = $('verify');
  panel.hidden = false;
  let body;
  try {
    body = JSON.parse($('verify-json').value);
  } catch (e) {
    return renderVerdict('failed', 'the text is not JSON: ' + e.message, []);
  }
  if (body && typeof body === 'object' && ('absence' in body || (body.code === 'MESSAGE_NOT_FOUND' && !('absence' in body)))) {
    if (!body.absence) return renderVerdict('unproven', 'the node says the message is not sequenced but sent no proof', []);
    const v = verifyAbsence(state.chain, body, id);
    const h = v.header ? v.header.height : '?';
    return renderVerdict(v.ok ? 'absent' : 'failed', v.ok ? 'not sequenced as of height ' + h + ' (verified in this browser)'
      : 'the proof of absence does NOT verify', v.steps);
  }
  const v = verifyReceipt(state.chain, body, id);
  let preview = '';
  if (v.ok && v.message) {
    try {
      preview = ': "' + fromUtf8(v.message).slice(0, 80) + '"';
    } catch (e) {
      preview = ': 0x' + bytesToHex(v.message).slice(0, 80);
    }
  }
  renderVerdict(v.ok ? 'verified' : 'failed', v.ok ? 'sequenced at height ' + v.header.height + ', index ' + v.index
    + preview + ' (verified in this browser)' : 'the receipt does NOT verify', v.steps);
}

function renderVerdict(verdict, summary, steps) {
  $('verify-result').dataset.verdict = verdict;
  text($('verify-result'), summary);
  const list = $('verify-steps');
  list.replaceChildren();
  for (const s of steps) {
    const mark = s.ok === true ? '✓' : s.ok === false ? '✗' : '–';
    list.append(node('li', { 'data-step': s.id, 'data-ok': String(s.ok), class: s.ok === true ? 'ok' : s.ok === false ? 'bad' : 'skip' },
      mark + ' ' + s.title + (s.detail ? ' — ' + s.detail : '')));
  }
}

function search(event) {
  event.preventDefault();
  const q = $('search').value.trim();
  text($('search-error'), '');
  if (/^[0-9]{1,18}$/.test(q)) return showBlock(Number(q));
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(q)) return showReceipt(q.replace(/^0x/, '').toLowerCase());
  text($('search-error'), 'enter a block height (e.g. 12) or a message id (64 hex digits)');
  return null;
}

// ---- start -------------------------------------------------------------------------------------

function loop(fn, name) {
  const run = async () => {
    try {
      await fn();
      $('connection').dataset.ok = 'true';
      text($('connection'), 'live');
    } catch (e) {
      $('connection').dataset.ok = 'false';
      text($('connection'), name + ': ' + e.message);
    }
    setTimeout(run, POLL_MS);
  };
  run();
}

async function start() {
  state.chart = new Chart($('chart'));
  $('chain-file-input').addEventListener('change', onChainFile);
  $('unpin').addEventListener('click', unpin);
  $('search-form').addEventListener('submit', search);
  $('verify-run').addEventListener('click', runVerify);
  await loadTrust();
  loop(pollStatus, 'status');
  loop(pollBlocks, 'blocks');
  document.body.dataset.ready = 'true';
}

start().catch((e) => {
  text($('connection'), 'cannot start: ' + e.message);
  document.body.dataset.ready = 'error';
});

