// Small DOM helpers: h('tag', {attrs}, ...children). Text is always set as text, never as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k in el && k !== 'list' && k !== 'form') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export function status(message, kind = '') {
  const s = document.getElementById('status');
  s.className = 'status ' + kind;
  s.textContent = message || '';
}

/** A message for the next screen (the route change clears the status line). */
let pending = null;
export function flash(message, kind = '') { pending = { message, kind }; }
export function takeFlash() { const p = pending; pending = null; return p; }

/**
 * Shows a screen's content, unless the clerk went to another screen (or signed out) since this one started:
 * a screen whose data came late must not cover the next one. {@code route} is the one render() gave the screen.
 */
export function show(route, ...nodes) {
  if (route && typeof route.current === 'function' && !route.current()) return;
  const main = document.getElementById('main');
  main.replaceChildren(...nodes);
}

const DATE = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
const TIME = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
export function day(iso) { return iso ? DATE.format(new Date(iso.length === 10 ? iso + 'T00:00:00+07:00' : iso)) : '—'; }
export function when(iso) { return iso ? TIME.format(new Date(iso)) : '—'; }

/** Today in Vietnam, YYYY-MM-DD. */
export function today(offsetDays = 0) {
  const d = new Date(Date.now() + 7 * 3600e3 + offsetDays * 86400e3);
  return d.toISOString().slice(0, 10);
}

/** A field: label, control, hint, and the place its error goes (tied by aria-describedby). */
export function field(label, control, hint) {
  const id = control.id || (control.id = 'f-' + control.name.replace(/\W/g, '-'));
  const error = h('div', { class: 'error-text', id: id + '-error', 'aria-live': 'polite' });
  control.setAttribute('aria-describedby', id + '-error' + (hint ? ' ' + id + '-hint' : ''));
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('div', { class: 'hint', id: id + '-hint' }, hint) : null, error);
}

export function setError(control, message) {
  const el = document.getElementById(control.id + '-error');
  if (el) el.textContent = message || '';
  if (message) control.setAttribute('aria-invalid', 'true'); else control.removeAttribute('aria-invalid');
}
