/**
 * The script of the HTML viewer, as text inlined into the page (it runs in a browser, not in
 * Node, so it is plain JavaScript in a string). It draws the laid-out graph on a canvas, only
 * what is in view, with less detail when zoomed out, so 20,000 nodes pan and zoom smoothly.
 */
export const VIEWER_SCRIPT = String.raw`
(() => {
  const D = JSON.parse(document.getElementById('graph-data').textContent);
  const canvas = document.getElementById('view');
  const ctx = canvas.getContext('2d');
  const panel = document.getElementById('details');
  const search = document.getElementById('search');
  const status = document.getElementById('status');
  const FONT = 'Helvetica, Arial, sans-serif';
  const nodes = D.nodes;
  const edges = D.edges;
  const byId = new Map(nodes.map((n, i) => [n.id, i]));
  for (const e of edges) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < e.p.length; i += 2) {
      x0 = Math.min(x0, e.p[i]); x1 = Math.max(x1, e.p[i]);
      y0 = Math.min(y0, e.p[i + 1]); y1 = Math.max(y1, e.p[i + 1]);
    }
    e.bb = [x0, y0, x1, y1];
    e.a = byId.get(e.f); e.b = byId.get(e.t);
  }
  const view = { s: 1, x: 0, y: 0 };
  let W = 0, H = 0, selected = -1, matches = [], matchAt = -1, pending = false;

  function resize() {
    const r = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    W = r.width; H = r.height;
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw();
  }
  function fit() {
    const s = Math.min(W / (D.width + 40), H / (D.height + 40));
    view.s = Math.max(0.2, Math.min(1, s));
    view.x = (W - D.width * view.s) / 2;
    if (view.x < 0) view.x = 20;
    view.y = D.height * view.s < H ? (H - D.height * view.s) / 2 : 20;
    draw();
  }
  function draw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(render);
  }
  function curve(p) {
    ctx.moveTo(p[0], p[1]);
    for (let i = 2; i < p.length; i += 2) {
      const ax = p[i - 2], ay = p[i - 1], bx = p[i], by = p[i + 1];
      if (D.lr) { const m = (ax + bx) / 2; ctx.bezierCurveTo(m, ay, m, by, bx, by); }
      else { const m = (ay + by) / 2; ctx.bezierCurveTo(ax, m, bx, m, bx, by); }
    }
  }
  function arrow(p, size) {
    const n = p.length, bx = p[n - 2], by = p[n - 1];
    const dx = D.lr ? Math.sign(bx - p[n - 4]) || 1 : 0, dy = D.lr ? 0 : Math.sign(by - p[n - 3]) || 1;
    ctx.moveTo(bx, by);
    ctx.lineTo(bx - dx * size - dy * size * 0.5, by - dy * size - dx * size * 0.5);
    ctx.lineTo(bx - dx * size + dy * size * 0.5, by - dy * size + dx * size * 0.5);
    ctx.closePath();
  }
  const stats = { frames: 0, lastMs: 0, totalMs: 0 };
  function render() {
    pending = false;
    const started = performance.now();
    ctx.save();
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, W, H);
    ctx.translate(view.x, view.y);
    ctx.scale(view.s, view.s);
    const x0 = -view.x / view.s, y0 = -view.y / view.s, x1 = x0 + W / view.s, y1 = y0 + H / view.s;
    const inView = (x, y, w, h) => x + w >= x0 && x <= x1 && y + h >= y0 && y <= y1;
    const detail = view.s >= 0.45;
    for (const c of D.clusters) {
      if (!inView(c.x, c.y, c.w, c.h)) continue;
      ctx.fillStyle = '#f7f7f7'; ctx.strokeStyle = '#aaa'; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.rect(c.x, c.y, c.w, c.h); ctx.fill(); ctx.stroke();
      if (detail) { ctx.fillStyle = '#333'; ctx.font = '10px ' + FONT; ctx.fillText(c.label, c.x + 8, c.y + 13); }
    }
    const hot = new Set();
    if (selected >= 0) hot.add(selected);
    ctx.lineWidth = 1 / Math.min(1, view.s) * 0.8;
    for (const kind of [0, 1, 2]) {
      ctx.beginPath();
      ctx.setLineDash(kind === 1 ? [5, 3] : kind === 2 ? [2, 2] : []);
      for (const e of edges) {
        if (e.k !== kind || !inView(e.bb[0], e.bb[1], e.bb[2] - e.bb[0], e.bb[3] - e.bb[1])) continue;
        if (detail) curve(e.p); else { ctx.moveTo(e.p[0], e.p[1]); for (let i = 2; i < e.p.length; i += 2) ctx.lineTo(e.p[i], e.p[i + 1]); }
      }
      ctx.strokeStyle = '#777'; ctx.stroke();
    }
    ctx.setLineDash([]);
    if (selected >= 0) {
      ctx.beginPath();
      for (const e of edges) if (e.a === selected || e.b === selected) curve(e.p);
      ctx.strokeStyle = '#e8590c'; ctx.lineWidth = 2.5; ctx.stroke();
    }
    if (detail) {
      ctx.beginPath();
      for (const e of edges) if (inView(e.bb[0], e.bb[1], e.bb[2] - e.bb[0], e.bb[3] - e.bb[1])) arrow(e.p, 6);
      ctx.fillStyle = '#777'; ctx.fill();
    }
    if (view.s >= 0.7) {
      ctx.fillStyle = '#555'; ctx.font = '8px ' + FONT;
      for (const e of edges) if (e.l && e.bb && inView(e.p[0] - 2, e.p[1] - 2, 80, 14)) ctx.fillText(e.l, e.p[0] + 3, e.p[1] + (D.lr ? -3 : 9));
    }
    const isMatch = new Set(matches);
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (!inView(n.x, n.y, n.w, n.h)) continue;
      drawNode(n, detail);
      if (i === selected || isMatch.has(i)) {
        ctx.strokeStyle = i === selected ? '#e8590c' : '#f2b705';
        ctx.lineWidth = 3 / Math.min(1, view.s);
        ctx.strokeRect(n.x - 3, n.y - 3, n.w + 6, n.h + 6);
      }
    }
    ctx.restore();
    stats.lastMs = performance.now() - started;
    stats.totalMs += stats.lastMs;
    stats.frames++;
  }
  function drawNode(n, detail) {
    const pill = n.kind === 'input' || n.kind === 'output';
    ctx.beginPath();
    if (pill && ctx.roundRect) ctx.roundRect(n.x, n.y, n.w, n.h, n.h / 2); else ctx.rect(n.x, n.y, n.w, n.h);
    ctx.fillStyle = n.kind === 'op' ? '#fff' : n.fill; ctx.fill();
    if (n.kind === 'op') { ctx.fillStyle = n.fill; ctx.fillRect(n.x, n.y, n.w, n.hh); }
    if (!detail) return;
    ctx.strokeStyle = '#555'; ctx.lineWidth = n.cut ? 2.5 : 1;
    ctx.setLineDash(n.cut && pill ? [4, 2] : []);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.textAlign = 'center'; ctx.fillStyle = n.text;
    ctx.font = 'bold 11px ' + FONT;
    ctx.fillText(n.title, n.x + n.w / 2, n.y + 15, n.w - 6);
    if (n.sub) { ctx.font = '9px ' + FONT; ctx.fillText(n.sub, n.x + n.w / 2, n.y + 27, n.w - 6); }
    ctx.textAlign = 'left'; ctx.fillStyle = '#222'; ctx.font = '9px ' + FONT;
    let y = n.y + n.hh + 10;
    for (const line of n.init) { ctx.fillText(line, n.x + 8, y, n.w - 12); y += 12; }
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function section(title, rows) {
    if (!rows || rows.length === 0) return;
    panel.appendChild(el('h3', title));
    const t = el('table');
    for (const r of rows) {
      const tr = el('tr');
      tr.appendChild(el('td', r.name, 'k'));
      const v = el('td', r.value, 'v');
      if (r.type) { v.appendChild(el('div', r.type, 't')); }
      tr.appendChild(v);
      t.appendChild(tr);
    }
    panel.appendChild(t);
  }
  function showDetails(i) {
    panel.textContent = '';
    if (i < 0) { panel.appendChild(el('p', 'Click a node to see its attributes, inputs and outputs.', 'hint')); return; }
    const n = nodes[i], d = D.details[i];
    panel.appendChild(el('h2', n.title, 'op'));
    if (d.name) panel.appendChild(el('div', d.name, 'name'));
    if (d.domain) panel.appendChild(el('div', 'domain ' + d.domain, 'name'));
    if (d.members) panel.appendChild(el('div', d.members + ' nodes collapsed', 'name'));
    section(n.kind === 'group' ? 'ops' : 'attributes', d.attributes);
    section('inputs', d.inputs);
    section('outputs', d.outputs);
    section('initializers', d.initializers);
  }
  function select(i) { selected = i; showDetails(i); draw(); }
  function centre(i) {
    const n = nodes[i];
    view.s = Math.max(view.s, 0.9);
    view.x = W / 2 - (n.x + n.w / 2) * view.s;
    view.y = H / 2 - (n.y + n.h / 2) * view.s;
    draw();
  }
  function runSearch() {
    const q = search.value.trim().toLowerCase();
    matches = [];
    if (q) for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (n.title.toLowerCase().includes(q) || (D.details[i].name || '').toLowerCase().includes(q)) matches.push(i);
    }
    matchAt = matches.length > 0 ? 0 : -1;
    status.textContent = q ? (matches.length + ' match' + (matches.length === 1 ? '' : 'es')) : nodes.length + ' nodes';
    if (matchAt >= 0) centre(matches[0]); else draw();
  }
  function nextMatch(step) {
    if (matches.length === 0) return;
    matchAt = (matchAt + step + matches.length) % matches.length;
    status.textContent = (matchAt + 1) + ' of ' + matches.length;
    centre(matches[matchAt]);
  }
  function nodeAt(sx, sy) {
    const x = (sx - view.x) / view.s, y = (sy - view.y) / view.s;
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i];
      if (x >= n.x && x <= n.x + n.w && y >= n.y && y <= n.y + n.h) return i;
    }
    return -1;
  }

  let drag = null;
  canvas.addEventListener('mousedown', (ev) => { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false }; });
  window.addEventListener('mousemove', (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view.x = drag.vx + dx; view.y = drag.vy + dy;
    draw();
  });
  window.addEventListener('mouseup', (ev) => {
    if (drag && !drag.moved) {
      const r = canvas.getBoundingClientRect();
      select(nodeAt(ev.clientX - r.left, ev.clientY - r.top));
    }
    drag = null;
  });
  canvas.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const r = canvas.getBoundingClientRect();
    const mx = ev.clientX - r.left, my = ev.clientY - r.top;
    const k = Math.exp(-ev.deltaY * (ev.ctrlKey ? 0.01 : 0.0015));
    const s = Math.max(0.005, Math.min(8, view.s * k));
    view.x = mx - (mx - view.x) * (s / view.s);
    view.y = my - (my - view.y) * (s / view.s);
    view.s = s;
    draw();
  }, { passive: false });
  let timer = 0;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(runSearch, 120); });
  search.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { clearTimeout(timer); if (matchAt < 0) runSearch(); else nextMatch(ev.shiftKey ? -1 : 1); }
  });
  document.getElementById('fit').addEventListener('click', fit);
  window.addEventListener('keydown', (ev) => {
    if (ev.key === '/' && document.activeElement !== search) { ev.preventDefault(); search.focus(); search.select(); }
    else if (ev.key === 'Escape') { search.value = ''; runSearch(); select(-1); search.blur(); }
  });
  window.addEventListener('resize', resize);
  window.onnxViewer = {
    view, select, centre, fit, draw, stats,
    find: (name) => nodes.findIndex((n, i) => D.details[i].name === name || n.id === name),
    screenOf: (i) => { const n = nodes[i]; return { x: view.x + (n.x + n.w / 2) * view.s, y: view.y + (n.y + n.h / 2) * view.s }; },
  };
  status.textContent = nodes.length + ' nodes';
  showDetails(-1);
  resize();
  fit();
})();
`;
