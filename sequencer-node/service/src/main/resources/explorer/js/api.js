// The node's public REST API (schemas/openapi/diseq-node-v1.yaml), same origin only. Nothing it
// answers is trusted: receipts, absence proofs and blocks go through verify.js first.
async function get(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  return { status: response.status, body };
}

async function ok(path) {
  const r = await get(path);
  if (r.status !== 200 || r.body === null) {
    throw new Error(path + ' answered HTTP ' + r.status + (r.body && r.body.code ? ' ' + r.body.code : ''));
  }
  return r.body;
}

export const chain = () => ok('/v1/chain');
export const status = () => ok('/v1/status');
export const consensus = () => ok('/v1/consensus');
export const block = (height) => ok('/v1/blocks/' + height);
export const blocksFrom = (from, limit) => ok('/v1/blocks?from=' + from + '&limit=' + limit);
export const blocksAfter = (cursor, limit) => ok('/v1/blocks?cursor=' + encodeURIComponent(cursor) + '&limit=' + limit);
/** {status: 200, body: Receipt} or {status: 404, body: NotSequenced}, or another status. */
export const receipt = (id) => get('/v1/messages/' + id + '/receipt');
