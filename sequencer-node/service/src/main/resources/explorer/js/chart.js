// A small live chart in inline SVG: finalized messages per second (from the block headers'
// message counts and timestamps) and time to finality (a block's timestamp to the moment this page
// first saw it decided). No chart library.
const NS = 'http://www.w3.org/2000/svg';
const W = 560;
const H = 140;
const PAD = 28;

function el(name, attrs, parent) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

export class Chart {
  constructor(container, maxPoints = 60) {
    this.maxPoints = maxPoints;
    this.points = [];
    this.svg = el('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': 'throughput and finality' });
    container.appendChild(this.svg);
  }

  /** One point per block: msgPerSec over the last blocks, ttfMs or null if the block was not seen live. */
  add(height, msgPerSec, ttfMs) {
    this.points.push({ height, msgPerSec, ttfMs });
    if (this.points.length > this.maxPoints) this.points.shift();
    this.draw();
  }

  line(values, max, cls) {
    const n = this.points.length;
    const x = (i) => PAD + (n <= 1 ? 0 : (i * (W - 2 * PAD)) / (n - 1));
    const y = (v) => H - PAD - (max === 0 ? 0 : (v * (H - 2 * PAD)) / max);
    let d = '';
    values.forEach((v, i) => {
      if (v === null) return;
      d += (d === '' || values[i - 1] === null ? 'M' : 'L') + x(i).toFixed(1) + ' ' + y(v).toFixed(1) + ' ';
    });
    el('path', { d: d.trim(), class: cls, fill: 'none' }, this.svg);
  }

  draw() {
    this.svg.replaceChildren();
    const rates = this.points.map((p) => p.msgPerSec);
    const ttfs = this.points.map((p) => p.ttfMs);
    const maxRate = Math.max(1, ...rates);
    const maxTtf = Math.max(1000, ...ttfs.filter((t) => t !== null));
    el('line', { x1: PAD, y1: H - PAD, x2: W - PAD, y2: H - PAD, class: 'axis' }, this.svg);
    this.line(rates, maxRate, 'rate');
    this.line(ttfs, maxTtf, 'ttf');
    const last = this.points[this.points.length - 1];
    const lastTtf = [...ttfs].reverse().find((t) => t !== null);
    el('text', { x: PAD, y: 14, class: 'rate' }, this.svg).textContent =
      'finalized msg/s ' + (last ? last.msgPerSec.toFixed(1) : '–') + ' (max ' + maxRate.toFixed(0) + ')';
    el('text', { x: W / 2 + 20, y: 14, class: 'ttf' }, this.svg).textContent =
      'time to finality ' + (lastTtf === undefined ? '–' : lastTtf + ' ms') + ' (max ' + maxTtf + ')';
    if (this.points.length > 0) {
      el('text', { x: PAD, y: H - 8, class: 'label' }, this.svg).textContent = 'height ' + this.points[0].height;
      el('text', { x: W - PAD - 90, y: H - 8, class: 'label' }, this.svg).textContent = 'height ' + last.height;
    }
  }
}
