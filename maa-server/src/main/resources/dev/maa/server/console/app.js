// MAA web console: plain DOM, no framework, no build step. Every text from the server is set with
// textContent (never innerHTML), so justifications, notes and parked arguments cannot inject markup, and goes
// through displayText, so hidden characters cannot change what an approver reads.
'use strict';

const POLL_MS = 2000;
const STATUS_LABELS = {
  NEEDS_APPROVAL: 'Needs approval', APPROVED: 'Approved', COMPLETING: 'Completing', COMPLETED: 'Completed',
  FAILED: 'Failed', REJECTED: 'Rejected', CANCELED: 'Canceled', EXPIRED: 'Expired',
  VOIDED: 'Voided (policy changed)'
};
const VIEWS = { all: 'All requests', mine: 'My requests', received: 'Received requests' };

let me = null;
let csrf = null; // the session's CSRF token: sent back on every request, kept in memory only
let csrfHeader = 'X-MAA-CSRF'; // the header it goes in; an application serving the console names its own
// Where the console's server answers: '' under maa serve; an application that serves the console under its base
// path (the Spring Boot starter's maa.web.console.enabled, e.g. /maa/console/) answers under that path.
const BASE = new URL('..', document.currentScript.src).pathname.replace(/\/$/, '');
let lastRendered = '';
let pollTimer = null;
let busy = false;

const $ = (id) => document.getElementById(id);

// Characters a reader cannot see, or that change how the text around them looks: controls, format characters
// (bidi controls, zero-width characters, BOM, tags), line/paragraph separators, lone surrogates and the invisible
// fillers that are not format characters. The same rule as dev.maa.api.DisplayText on the server and in the CLI.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034F\u115F\u1160\u17B4\u17B5\u3164\uFFA0]/gu;

// The one escaping function of the console: each hidden character becomes a visible ⟨U+202E⟩. Line feeds are
// kept unless oneLine (ids, names, table cells).
function displayText(value, oneLine) {
  if (value === null || value === undefined) return '';
  return String(value).replace(HIDDEN, (c) => (c === '\n' && !oneLine) ? c
    : '\u27E8U+' + c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0') + '\u27E9');
}

function hasHidden(value) {
  return value !== null && value !== undefined && [...String(value).matchAll(HIDDEN)].some((m) => m[0] !== '\n');
}

// A text field from the server as shown: escaped, followed by a warning marker when it holds hidden characters.
function shown(value, oneLine) {
  const text = displayText(value, oneLine);
  return hasHidden(value) ? [text, ' ', hiddenWarning()] : text;
}

function hiddenWarning() {
  return el('span', { class: 'hidden-warning', title: 'This text holds invisible or direction-changing characters,'
    + ' shown as ⟨U+…⟩. Check what it really says before you approve.' }, '⚠ hidden characters');
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'on') Object.entries(v).forEach(([ev, fn]) => e.addEventListener(ev, fn));
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(displayText(c)));
  }
  return e;
}

function badge(status) {
  return el('span', { class: 'badge status-' + status, 'data-status': status }, STATUS_LABELS[status] || status);
}

function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toISOString().replace('T', ' ').substring(0, 16) + ' UTC';
}

class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

// background: a poll, which does not count as activity for the session's idle timeout
async function api(method, path, body, background) {
  // the session cookie authenticates (HttpOnly: this script never sees it); the CSRF header proves the request
  // comes from this page
  const headers = { 'Accept': 'application/json' };
  if (csrf) headers[csrfHeader] = csrf;
  if (background) headers['X-MAA-Background'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(BASE + path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { title: 'Unexpected response', detail: text }; }
  if (!res.ok) {
    if (res.status === 401 && me) { signedOut('Your session is no longer valid: ' + ((data && data.detail) || 'sign in again.')); }
    throw new ApiProblem(res.status, data || {});
  }
  return data;
}

function showMessage(text, isError) {
  const m = $('message');
  m.textContent = displayText(text);
  m.className = 'message' + (isError ? ' error' : '');
  m.hidden = !text;
}

function showProblem(e) {
  if (e instanceof ApiProblem) {
    showMessage(e.problem.title + (e.problem.detail ? ' — ' + e.problem.detail : ''), true);
  } else {
    showMessage('The server could not be reached: ' + e.message, true);
  }
}

// ---- sign in / out -------------------------------------------------------------------------------------------

// Dev mode: the pasted token goes to the server once and becomes a session; it is kept nowhere in the page.
async function signIn() {
  const value = $('token-input').value.trim();
  $('login-error').textContent = '';
  if (!value) { $('login-error').textContent = 'Paste a token first.'; return; }
  $('token-input').value = '';
  try {
    const session = await api('POST', '/auth/session', { token: value });
    csrf = session.csrfToken;
    await start();
  } catch (e) {
    csrf = null;
    showLogin(loginMode, e instanceof ApiProblem ? (e.problem.title + ' — ' + (e.problem.detail || '')) : e.message);
  }
}

// Ends the session on the server, then goes where it says: the identity provider's sign-out, or back here.
async function signOut() {
  let redirect = null;
  try {
    redirect = (await api('POST', '/auth/logout')).redirect;
  } catch (e) {
    // the session is gone either way
  }
  signedOut('');
  if (redirect && redirect !== '/console/') location.href = redirect;
}

function signedOut(reason) {
  me = null;
  csrf = null;
  if (pollTimer) { clearInterval(pollTimer); pollTimer = null; }
  showLogin(loginMode, typeof reason === 'string' ? reason : '');
}

let loginMode = 'dev';

function showLogin(mode, error) {
  $('app').hidden = true;
  $('who').hidden = true;
  $('login').hidden = false;
  $('oidc-login').hidden = mode !== 'oidc';
  $('dev-login').hidden = mode !== 'dev';
  $('no-console-login').hidden = mode !== 'none';
  $('token-input').value = '';
  $('login-error').textContent = error || '';
}

async function start() {
  me = await api('GET', '/api/v1/me');
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').hidden = false;
  $('whoami').textContent = displayText(me.id, true);
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    location.hash = me.reader ? '#/all' : '#/received';
  }
  lastRendered = '';
  await route();
  if (!pollTimer) pollTimer = setInterval(() => { if (!busy) route(true).catch(() => {}); }, POLL_MS);
}

// ---- routing ---------------------------------------------------------------------------------------------------

async function route(polling) {
  if (!me) return;
  const hash = location.hash.replace(/^#\/?/, '');
  const [page, id] = hash.split('/');
  document.querySelectorAll('.sidebar a').forEach((a) => a.classList.toggle('active', a.id === 'nav-' + page
      || (page === 'requests' && a.id === 'nav-' + (sessionStorage.getItem('maa.lastView') || 'all'))));
  if (!polling) showMessage('');
  try {
    if (page === 'policies') await renderPolicies(polling);
    else if (['policy-edit', 'policy-delete', 'rego'].includes(page)) {
      // authoring pages (policies.js) keep what is typed: never redrawn by the poll
      if (!polling) await { 'policy-edit': renderPolicyWizard, 'policy-delete': renderPolicyDelete,
        rego: renderRegoEditor }[page](id ? decodeURIComponent(id) : '');
    }
    else if (page === 'passkeys') await renderPasskeys(polling); // passkeys.js
    else if (page === 'requests' && id) await renderRequest(decodeURIComponent(id), polling);
    else await renderList(VIEWS[page] ? page : 'received', polling);
  } catch (e) {
    if (!polling) showProblem(e);
  }
}

function replaceView(key, node) {
  if (key === lastRendered) return false;
  lastRendered = key;
  $('view').replaceChildren(node);
  return true;
}

// ---- access policies -------------------------------------------------------------------------------------------

async function renderPolicies(polling) {
  const data = await api('GET', '/api/v1/policies', undefined, polling);
  const rows = data.policies.map((p) => el('tr', { class: 'policy-row' },
    el('td', {}, shown(p.name, true)), el('td', {}, p.profile_type || p.profileType || ''),
    el('td', {}, p.effect || ''), el('td', {}, (p.actions || []).join(', ') || 'all'),
    el('td', {}, p.platforms || 'all'), el('td', {}, (p.approver_groups || p.approverGroups || []).join(', ')),
    el('td', {}, String(p.required_approvals ?? p.requiredApprovals ?? '')),
    data.changesEnabled ? policyRowActions(p.name) : null));
  replaceView('policies:' + JSON.stringify(data), el('div', {},
    el('h1', {}, 'Access policies'),
    el('p', { class: 'muted' }, 'Revision ', el('code', { id: 'policy-revision' }, data.revision || '-'),
      '. Policy changes need a second administrator, like every protected change.'),
    el('table', { id: 'policies' },
      el('thead', {}, el('tr', {}, ['Name', 'Profile type', 'Effect', 'Actions', 'Platforms', 'Approver groups',
        'Approvals', data.changesEnabled ? '' : null].filter((h) => h !== null).map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 8 }, 'No access policies.')))),
    authoringPanel(data),
    evalPanel()));
}

// What would happen to a call: the engine's effective outcome (break-glass included) beside the policy's decision,
// from POST /api/v1/policies/eval, the same evaluation as `maa policy eval`.
function evalPanel() {
  const example = JSON.stringify({ input: { principal: { id: me.id, groups: [], roles: [] },
    resource: { type: 'APP', id: 'app-1', platform: 'windows', scope_tags: [] }, action: 'DELETE',
    justification: '', emergency: false, urgent: false } }, null, 2);
  return el('div', {},
    el('h2', {}, 'What would happen?'),
    el('div', { class: 'card' },
      el('label', { for: 'eval-input' }, 'Policy input (JSON)'),
      el('textarea', { id: 'eval-input', rows: 8 }, example),
      el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'evaluate', on: { click: evaluate } }, 'Evaluate')),
      el('div', { id: 'eval-result' })));
}

async function evaluate() {
  let body;
  try {
    body = JSON.parse($('eval-input').value);
  } catch (e) {
    showMessage('The policy input is not valid JSON: ' + e.message, true);
    return;
  }
  try {
    const r = await api('POST', '/api/v1/policies/eval', body);
    $('eval-result').replaceChildren(
      el('p', {}, el('strong', { id: 'eval-outcome' }, r.outcome), ' — ', r.explanation),
      el('pre', { class: 'diff' }, shown(JSON.stringify(r.decision, null, 2))));
  } catch (e) {
    showProblem(e);
  }
}

// ---- request lists ---------------------------------------------------------------------------------------------

async function renderList(view, polling) {
  sessionStorage.setItem('maa.lastView', view);
  const status = sessionStorage.getItem('maa.filter.' + view) || '';
  const data = await api('GET', '/api/v1/requests?view=' + view + '&limit=100' + (status ? '&status=' + status : ''),
    undefined, polling);
  const filter = el('select', { id: 'status-filter', on: { change: (ev) => {
    sessionStorage.setItem('maa.filter.' + view, ev.target.value); lastRendered = ''; route();
  } } }, el('option', { value: '' }, 'All statuses'),
    Object.keys(STATUS_LABELS).map((s) => el('option', { value: s, selected: s === status }, STATUS_LABELS[s])));
  const rows = data.items.map((r) => el('tr', { class: 'request-row', 'data-id': r.id,
    on: { click: () => { location.hash = '#/requests/' + encodeURIComponent(r.id); } } },
    el('td', {}, badge(r.status)), el('td', {}, r.resource.type), el('td', {}, r.action),
    el('td', { class: 'object-id' }, shown(r.resource.objectId, true)), el('td', {}, shown(r.requester, true)),
    el('td', { class: 'justification' }, shown(r.justification, true)),
    el('td', {}, r.approvals.given + '/' + r.approvals.required),
    el('td', { class: 'reminder-state' }, r.reminderState ? r.reminderState.text : ''), el('td', {}, time(r.createdAt))));
  replaceView('list:' + view + JSON.stringify(data), el('div', {},
    el('h1', {}, VIEWS[view]),
    el('div', { class: 'toolbar' }, el('label', { for: 'status-filter' }, 'Status'), filter,
      el('span', { class: 'muted' }, data.items.length + (data.hasMore ? '+' : '') + ' request(s)')),
    el('table', { id: 'requests', 'data-view': view },
      el('thead', {}, el('tr', {}, ['Status', 'Resource', 'Action', 'Object', 'Requested by',
        'Business justification', 'Approvals', 'Reminders', 'Created'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows
        : el('tr', {}, el('td', { colspan: 9, class: 'muted', id: 'no-requests' }, 'No requests.'))))));
}

// ---- one request -----------------------------------------------------------------------------------------------

async function renderRequest(id, polling) {
  const r = await api('GET', '/api/v1/requests/' + encodeURIComponent(id), undefined, polling);
  const notes = $('notes') ? $('notes').value : '';
  const reviewNotes = $('review-notes') ? $('review-notes').value : '';
  const changed = replaceView('request:' + JSON.stringify(r), requestPage(r));
  if (changed && $('notes')) $('notes').value = notes;
  if (changed && $('review-notes')) $('review-notes').value = reviewNotes;
}

function requestPage(r) {
  const groups = [...new Set(r.factors.flatMap((f) => f.approverGroups))].join(', ');
  return el('div', { id: 'request', 'data-id': r.id, 'data-version': String(r.version) },
    el('h1', {}, r.resource.type + ' ' + r.action.toLowerCase() + ' — ',
      el('span', { id: 'object-id' }, shown(r.resource.objectId, true)), ' ',
      el('span', { id: 'request-status' }, badge(r.status))),
    integrity(r),
    el('div', { class: 'card' }, el('dl', { class: 'props' },
      el('dt', {}, 'Request id'), el('dd', {}, el('code', {}, r.id)),
      el('dt', {}, 'Object'), el('dd', { id: 'object' }, shown(r.resource.objectId, true)),
      el('dt', {}, 'Requested by'), el('dd', { id: 'requester' }, shown(r.requester, true)),
      el('dt', {}, 'Created'), el('dd', {}, time(r.createdAt)),
      el('dt', {}, 'Approve by'), el('dd', { id: 'approval-window' },
        time(r.approvalExpiresAt || r.expiresAt) + (r.urgent ? ' (urgent)' : '')),
      el('dt', {}, 'Run within'), el('dd', { id: 'execution-window' }, (r.executionWindow
        ? r.executionWindow + ' of approval' : 'its expiry') + (r.executeBy ? ', by ' + time(r.executeBy) : '')),
      r.approvals.stages > 1 ? [el('dt', {}, 'Stage'), el('dd', { id: 'stage' }, r.approvals.stage
        ? r.approvals.stage + ' of ' + r.approvals.stages : 'all ' + r.approvals.stages + ' met')] : null,
      el('dt', {}, 'Approvals'), el('dd', { id: 'approvals' }, quorum(r.approvals, groups)),
      reminderRows(r.reminders),
      el('dt', {}, 'Completion'), el('dd', {}, r.completion),
      r.outcome ? [el('dt', {}, 'Outcome'), el('dd', { id: 'outcome' }, shown(r.outcome))] : null,
      r.waitingFor ? [el('dt', {}, 'Waiting for'), el('dd', { id: 'waiting-for' }, shown(r.waitingFor))] : null)),
    el('h2', {}, 'Business justification'),
    el('div', { class: 'card', id: 'justification' }, r.justification ? shown(r.justification) : '(none given)'),
    el('h2', {}, 'Parked call'),
    parkedCall(r.call),
    r.diff ? [el('h2', {}, 'Changes: ', shown(r.diff.title, true)), diffView(r.diff)] : null,
    impactView(r.impact),
    el('h2', {}, 'Reviews'),
    reviews(r.reviews),
    r.emergency ? postReview(r.postReview) : null,
    actionsPanel(r),
    el('h2', {}, 'Status history'),
    el('ol', { id: 'history' }, r.history.map(historyLine)));
}

// The red banner of a request whose stored payload no longer has its digest (the server recomputes it).
function integrity(r) {
  if (r.digestVerified !== false) return null;
  return el('div', { class: 'integrity-alert', id: 'digest-mismatch', role: 'alert' },
    el('strong', {}, 'The parked payload does not match its digest — do not approve.'),
    ' It was altered in the store after it was parked (digest ', el('code', {}, r.call.digest), ', payload now ',
    el('code', {}, r.payloadDigest), '). Approving and rejecting are refused; tell the operator.');
}

// "2026-03-02 09:15 UTC · alice · Approved · notes: looks right, quorum: App changes 1/1" (details: the server's line)
function historyLine(h) {
  const event = String(h.event || '').toLowerCase().replace(/_/g, ' ');
  return el('li', { class: 'history-line' },
    el('span', { class: 'muted' }, time(h.at)), ' · ', el('strong', {}, shown(h.actor, true)), ' · ',
    event.charAt(0).toUpperCase() + event.slice(1),
    h.details ? [' · ', el('span', { class: 'history-detail' }, shown(h.details, true))] : null);
}

function parkedCall(call) {
  return el('div', { class: 'card', id: 'parked-call' },
    el('p', {}, el('strong', { id: 'call-method' }, call.simpleClass + '.' + call.method), ' ',
      el('span', { class: 'muted' }, call.class)),
    el('table', {}, el('thead', {}, el('tr', {}, ['Argument', 'Type', 'Value'].map((h) => el('th', {}, h)))),
      el('tbody', {}, call.arguments.map((a) => el('tr', { class: 'argument' },
        el('td', {}, displayText(a.name, true)), el('td', {}, el('code', {}, displayText(a.type, true))),
        el('td', {}, el('pre', {}, displayText(a.display)),
          a.hiddenCharacters || hasHidden(a.display) ? hiddenWarning() : null))))),
    el('p', { class: 'muted' }, 'Digest sha256:', el('code', { id: 'digest' }, call.digest),
      ' — an approval is bound to exactly this call.'));
}

function diffView(diff) {
  const lines = (diff.unified || '').split('\n').filter((l) => l.length);
  const source = el('p', { class: 'muted diff-source', id: 'diff-source' }, diff.source === 'captured'
    ? 'Captured at park, ' + time(diff.capturedAt) + ': the object as it was when the call was parked.'
    : diff.source === 'preview' ? 'What the change would submit, against the active policy revision.'
      : 'Computed now from the object\'s current state (no diff was captured at park).');
  if (!lines.length) return el('div', { class: 'card diff muted', id: 'diff' }, source, 'No differences: the object already matches the parked call.');
  return el('div', { class: 'card diff', id: 'diff' }, source, el('pre', {}, lines.map((l) => el('div', {
    class: l.startsWith('+++') || l.startsWith('---') ? 'muted' : l.startsWith('+') ? 'add'
      : l.startsWith('-') ? 'del' : l.startsWith('@@') ? 'hunk' : '' }, l))));
}

function reviews(list) {
  if (!list.length) return el('p', { id: 'reviews', class: 'muted' }, 'No reviews yet.');
  return el('table', { id: 'reviews' },
    el('thead', {}, el('tr', {}, ['Reviewer', 'Verdict', 'Approver notes', 'When'].map((h) => el('th', {}, h)))),
    el('tbody', {}, list.map((v) => el('tr', { class: 'review' }, el('td', {}, shown(v.reviewer, true)),
      el('td', {}, v.verdict === 'APPROVE' ? 'Approved' : 'Rejected'), el('td', { class: 'notes' }, shown(v.notes)),
      el('td', {}, time(v.at))))));
}

// Reminders and escalation (issue 21): when the next reminder is due, and when the request escalates or escalated.
// One flat list of dt/dd pairs (el flattens one level).
function reminderRows(rm) {
  if (!rm) return null;
  const rows = [];
  if (rm.remindAfter) {
    rows.push(el('dt', {}, 'Reminders'), el('dd', { id: 'reminders' }, 'every ' + rm.remindAfter,
      rm.nextReminderAt ? ', next ' + time(rm.nextReminderAt) : '',
      ' (' + rm.remindersSent + ' sent' + (rm.lastRemindedAt ? ', last ' + time(rm.lastRemindedAt) : '') + ')'));
  }
  if (rm.escalated) {
    rows.push(el('dt', {}, 'Escalated'), el('dd', { id: 'escalation' }, time(rm.escalatedAt) + ': ',
      shown(rm.groupsAdded.join(', '), true), ' added to the approvers',
      rm.escalatedStage ? ' of stage ' + rm.escalatedStage : ''));
  } else if (rm.escalateAfter) {
    rows.push(el('dt', {}, 'Escalates'), el('dd', { id: 'escalation' }, 'to ',
      shown(rm.escalationGroups.join(', '), true), ' after ' + rm.escalateAfter,
      rm.escalateAt ? ', at ' + time(rm.escalateAt) : ''));
  }
  return rows;
}

function postReview(pr) {
  const open = !pr || pr.open;
  return [el('h2', {}, 'Post-emergency review'),
    el('div', { class: 'card', id: 'post-review' }, open
      ? el('p', {}, 'Break-glass request: it ran at once and waits for an approver (not the requester) to review it.')
      : el('dl', { class: 'props' },
        el('dt', {}, 'Closed by'), el('dd', { id: 'post-review-reviewer' }, shown(pr.reviewer, true)),
        el('dt', {}, 'Notes'), el('dd', { id: 'post-review-notes', class: 'notes' }, shown(pr.notes))))];
}

// The quorum as the engine counts it (REST `approvals`): one approver may count for several factors.
function quorum(a, groups) {
  const total = a.given + ' of ' + a.required + (a.met ? ' (quorum met)' : '') + ' from ' + groups;
  if (a.factors.length < 2) return total;
  return total + ' — ' + a.factors.map((f) => f.policy + ' ' + f.given + '/' + f.required
    + (a.stages > 1 ? ' (stage ' + f.stage + ')' : '') + (f.met ? ' ✓' : '')).join(', ');
}

// Only the actions the engine would accept now (REST `actions`, from ApprovalService.allowedActions).
function actionsPanel(r) {
  const a = r.actions || [];
  if (!a.length) return null;
  const parts = [];
  if (a.includes('approve')) {
    parts.push(el('label', { for: 'notes' }, 'Approver notes'),
      el('textarea', { id: 'notes', rows: 3, maxlength: 1024 }),
      el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'approve', class: 'primary',
          on: { click: () => (passkeyPolicy(r) ? reviewWithPasskey(r, 'approve')
            : act(r, 'approve', { notes: $('notes').value, digest: r.call.digest })) } },
        passkeyPolicy(r) ? 'Approve with passkey…' : 'Approve request'),
        el('button', { type: 'button', id: 'reject', class: 'danger',
          on: { click: () => (passkeyPolicy(r) ? reviewWithPasskey(r, 'reject')
            : act(r, 'reject', { notes: $('notes').value })) } },
        passkeyPolicy(r) ? 'Reject with passkey…' : 'Reject request')));
  }
  if (a.includes('close-review')) {
    parts.push(el('label', { for: 'review-notes' }, 'Post-emergency review notes (required)'),
      el('textarea', { id: 'review-notes', rows: 3, maxlength: 1024 }),
      el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'close-review', class: 'primary',
          on: { click: () => act(r, 'close-review', { notes: $('review-notes').value }) } },
        'Close post-emergency review')));
  }
  if (a.includes('withdraw')) {
    parts.push(el('label', { for: 'withdraw-notes' }, 'Why you withdraw your approval'),
      el('textarea', { id: 'withdraw-notes', rows: 2, maxlength: 1024 }),
      el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'withdraw',
          on: { click: () => act(r, 'withdraw', { notes: $('withdraw-notes').value }) } },
        'Withdraw my approval')));
  }
  const mine = [];
  if (a.includes('complete')) {
    mine.push(el('button', { type: 'button', id: 'complete', class: 'primary',
      on: { click: () => act(r, 'complete', {}) } }, 'Complete'));
  }
  if (a.includes('cancel')) {
    mine.push(el('button', { type: 'button', id: 'cancel',
      on: { click: () => act(r, 'cancel', {}) } }, 'Cancel request'));
  }
  if (mine.length) parts.push(el('div', { class: 'buttons' }, mine));
  return [el('h2', {}, 'Actions'), el('div', { class: 'card actions', id: 'actions' }, parts)];
}

async function act(r, action, body) {
  busy = true;
  document.querySelectorAll('#actions button').forEach((b) => { b.disabled = true; });
  try {
    const after = await api('POST', '/api/v1/requests/' + encodeURIComponent(r.id) + '/' + action, body);
    lastRendered = '';
    replaceView('request:' + JSON.stringify(after), requestPage(after));
    showMessage({ approve: 'Request approved.', reject: 'Request rejected.', cancel: 'Request canceled.',
      complete: 'Request completed: ' + STATUS_LABELS[after.status] + '.',
      'close-review': 'Post-emergency review closed.',
      withdraw: 'Approval withdrawn: the request is ' + STATUS_LABELS[after.status] + '.' }[action], false);
  } catch (e) {
    showProblem(e);
    document.querySelectorAll('#actions button').forEach((b) => { b.disabled = false; });
  } finally {
    busy = false;
  }
}

// ---- boot ------------------------------------------------------------------------------------------------------

window.addEventListener('hashchange', () => { lastRendered = ''; route(); });
document.addEventListener('DOMContentLoaded', () => {
  $('sign-in').addEventListener('click', signIn);
  $('token-input').addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); signIn(); } });
  $('sign-out').addEventListener('click', signOut);
  boot();
});

// Asks the server whether this browser has a session (the cookie is HttpOnly) and how to sign in if not.
async function boot() {
  try {
    const session = await api('GET', '/auth/session');
    loginMode = session.mode;
    if (session.csrfHeader) csrfHeader = session.csrfHeader;
    if (session.signedIn) {
      csrf = session.csrfToken;
      await start();
    } else {
      showLogin(loginMode, '');
    }
  } catch (e) {
    signedOut(e.message);
  }
}
