// MAA web console, passkeys (issue 17): registering an approver's passkey, storing an anchor-signed enrollment, and
// reviewing a request of an approval_assurance: passkey policy by signing its approval statement with
// navigator.credentials.get. Uses app.js's helpers (el, api, $, showMessage, showProblem, act, busy). The server and
// the host verify everything again: this page only shows what is signed and carries the bytes.
'use strict';

const B64URL = { '+': '-', '/': '_' };

function toBase64Url(buffer) {
  let s = '';
  new Uint8Array(buffer).forEach((b) => { s += String.fromCharCode(b); });
  return btoa(s).replace(/[+/]/g, (c) => B64URL[c]).replace(/=+$/, '');
}

function fromBase64Url(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0)).buffer;
}

// Why the browser gave no passkey, in words an approver can act on.
function passkeyError(e) {
  if (!window.PublicKeyCredential || !navigator.credentials) {
    return 'This browser cannot use passkeys here (it needs a current browser and an https page, or localhost).';
  }
  if (e && e.name === 'NotAllowedError') {
    return 'No passkey was used: the prompt was cancelled or timed out, or this browser has no passkey registered for'
      + ' this server. Register one under Passkeys and have it enrolled, or use the device that holds it.';
  }
  if (e && e.name === 'InvalidStateError') return 'This passkey is already registered here.';
  if (e && e.name === 'SecurityError') {
    return 'The browser refused passkeys for this address: open the console at the origin the server is configured'
      + ' for (approvals.origins).';
  }
  return 'The passkey could not be used: ' + ((e && e.message) || e);
}

function passkeyPolicy(r) {
  return (r.factors || []).some((f) => f.approvalAssurance === 'passkey');
}

// ---- the Passkeys page -----------------------------------------------------------------------------------------

async function renderPasskeys(polling) {
  if (polling) return; // nothing here changes by itself; a re-render would lose a pasted record
  let data;
  try {
    data = await api('GET', '/api/v1/passkeys');
  } catch (e) {
    replaceView('passkeys:off', el('div', { id: 'passkeys' }, el('h1', {}, 'Passkeys'),
      el('p', { class: 'error', id: 'passkeys-off' }, e instanceof ApiProblem
        ? e.problem.title + (e.problem.detail ? ' — ' + e.problem.detail : '') : e.message)));
    return;
  }
  lastRendered = '';
  replaceView('passkeys:' + JSON.stringify(data), el('div', { id: 'passkeys' },
    el('h1', {}, 'Passkeys'),
    el('p', { class: 'muted' }, 'Policies with approval_assurance passkey take only reviews your passkey signs. A'
      + ' passkey you register counts once an anchor holder signs its enrollment, or once other admins approve it'
      + ' with their own trusted passkeys (docs/security.md).'),
    el('h2', {}, 'Your trusted passkeys'),
    data.keys.length
      ? el('ul', { id: 'trusted-keys' }, data.keys.map((k) => el('li', { class: 'trusted-key', 'data-key': k.keyId },
        el('code', {}, k.keyId), ' ', el('span', { class: 'muted' }, k.algorithm + ', trusted by ' + k.trustedBy), ' ',
        el('button', { type: 'button', class: 'revoke-key', 'data-key': k.keyId,
          on: { click: () => confirmRevocation(k) } }, 'Revoke…'))))
      : el('p', { id: 'trusted-keys', class: 'muted' }, 'None yet.'),
    el('div', { id: 'revocation' }),
    (data.revoked || []).length
      ? el('div', {}, el('h2', {}, 'Revoked and stopped keys'), el('ul', { id: 'revoked-keys' }, data.revoked.map((k) =>
        el('li', { class: 'revoked-key', 'data-key': k.keyId }, el('code', {}, k.keyId), ': ',
          k.reason === 'revoked' ? 'revoked: its approvals no longer count' : 'stopped counting: ' + k.reason))))
      : null,
    (data.pending || []).length
      ? el('div', {}, el('h2', {}, 'Awaiting approval'), el('ul', { id: 'pending-keys' }, data.pending.map((k) =>
        el('li', { class: 'pending-key', 'data-key': k.keyId }, k.type + ' of key ', el('code', {}, k.keyId), ': ',
          el('a', { href: '#/requests/' + encodeURIComponent(k.requestId) }, 'request ' + k.requestId),
          ' (' + k.status.toLowerCase().replace('_', ' ') + (k.approvedBy.length ? ', approved by '
            + k.approvedBy.join(', ') : '') + ')',
          k.justification ? el('span', { class: 'muted' }, ' — ', shown(k.justification)) : null))))
      : null,
    el('label', { for: 'enroll-justification' }, 'Justification for the admins who approve (ticket, reason; at most'
      + ' 1,024 characters)'),
    el('textarea', { id: 'enroll-justification', rows: 2, maxlength: 1024 }),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', id: 'register-passkey', class: 'primary',
        on: { click: () => registerPasskey('anchor') } }, 'Register a passkey (an anchor enrolls it)'),
      el('button', { type: 'button', id: 'register-passkey-approvals',
        on: { click: () => registerPasskey('approvals') } }, 'Register a passkey and ask other admins')),
    el('div', { id: 'registration' }),
    el('h2', {}, 'Store an enrollment signed by an anchor'),
    el('div', { class: 'card actions' },
      el('label', { for: 'enrollment' }, 'The JSON `maa keys anchor sign` printed'),
      el('textarea', { id: 'enrollment', rows: 4, spellcheck: 'false' }),
      el('div', { class: 'buttons' }, el('button', { type: 'button', id: 'store-enrollment',
        on: { click: storeEnrollment } }, 'Store enrollment')))));
}

// enrollBy: 'anchor' (an anchor holder signs the enrollment) or 'approvals' (a request other admins approve)
async function registerPasskey(enrollBy) {
  busy = true;
  try {
    if (!window.PublicKeyCredential || !navigator.credentials) throw new Error(passkeyError(null));
    const started = await api('POST', '/api/v1/passkeys/registrations', {});
    const o = started.publicKey;
    const publicKey = Object.assign({}, o, {
      challenge: fromBase64Url(o.challenge),
      user: Object.assign({}, o.user, { id: fromBase64Url(o.user.id) }),
      excludeCredentials: (o.excludeCredentials || []).map((c) => Object.assign({}, c, { id: fromBase64Url(c.id) }))
    });
    let credential;
    try {
      credential = await navigator.credentials.create({ publicKey });
    } catch (e) {
      throw new Error(passkeyError(e));
    }
    const key = await api('POST', '/api/v1/passkeys/registrations/' + encodeURIComponent(started.registrationId), {
      credential: {
        type: credential.type, id: credential.id, rawId: toBase64Url(credential.rawId),
        response: {
          clientDataJSON: toBase64Url(credential.response.clientDataJSON),
          attestationObject: toBase64Url(credential.response.attestationObject)
        },
        clientExtensionResults: credential.getClientExtensionResults()
      },
      enroll: enrollBy,
      justification: enrollBy === 'approvals' ? $('enroll-justification').value : ''
    });
    if (key.requestId) {
      lastRendered = '';
      await renderPasskeys(false);
      $('registration').replaceChildren(el('div', { class: 'card', id: 'registered' },
        el('p', {}, el('strong', {}, 'Passkey registered, pending approval.'), ' It counts once other admins approve'
          + ' its enrollment with their trusted passkeys and you complete this request:'),
        el('p', {}, el('a', { id: 'enrollment-request', href: '#/requests/' + encodeURIComponent(key.requestId) },
          'request ' + key.requestId)),
        el('p', { class: 'muted' }, 'Key ', el('code', { id: 'registered-key' }, key.keyId), ' (', key.algorithm,
          ', authenticator model ', key.aaguid, ')')));
      showMessage('Passkey registered; its enrollment awaits the approval of other admins.', false);
      return;
    }
    $('registration').replaceChildren(el('div', { class: 'card', id: 'registered' },
      el('p', {}, el('strong', {}, 'Passkey registered, pending enrollment.'), ' It counts once an anchor holder signs'
        + ' its enrollment and the record is stored here. Send them this command:'),
      el('pre', { id: 'enroll-command' }, displayText(key.enroll)),
      el('p', { class: 'muted' }, 'Key ', el('code', { id: 'registered-key' }, key.keyId), ' (', key.algorithm,
        ', authenticator model ', key.aaguid, ')')));
    showMessage('Passkey registered; waiting for an anchor to enroll it.', false);
  } catch (e) {
    if (e instanceof ApiProblem) showProblem(e); else showMessage(e.message, true);
  } finally {
    busy = false;
  }
}

// Asks before a revocation: which key, and what stops counting with it (docs/security.md, "Revocation").
function confirmRevocation(k) {
  $('revocation').replaceChildren(el('div', { class: 'card actions', id: 'confirm-revocation' },
    el('p', {}, el('strong', {}, 'Revoke key '), el('code', { id: 'revoking-key' }, k.keyId), ' (' + k.algorithm
      + ', trusted by ' + k.trustedBy + ')?'),
    el('p', {}, 'This asks other admins to approve the revocation. Once it is completed the key stops counting at once:'
      + ' its approvals no longer count, also those already given to open requests, and every key it vouched for loses'
      + ' trust unless other admins\' approvals carry it. A revoked key cannot be trusted again; register a new one.'),
    el('label', { for: 'revoke-justification' }, 'Justification (at most 1,024 characters)'),
    el('textarea', { id: 'revoke-justification', rows: 2, maxlength: 1024 }),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', id: 'revoke-confirm', class: 'danger', on: { click: () => revokeKey(k) } },
        'Revoke key'),
      el('button', { type: 'button', id: 'revoke-cancel', on: { click: () => $('revocation').replaceChildren() } },
        'Cancel'))));
}

async function revokeKey(k) {
  try {
    const asked = await api('POST', '/api/v1/passkeys/' + encodeURIComponent(k.keyId) + '/revocations',
      { justification: $('revoke-justification').value });
    lastRendered = '';
    await renderPasskeys(false);
    showMessage('Revocation of key ' + k.keyId + ' asked: request ' + asked.requestId + ' awaits the approval of'
      + ' other admins; the key stops counting once it is completed.', false);
  } catch (e) {
    showProblem(e);
  }
}

async function storeEnrollment() {
  let record;
  try {
    record = JSON.parse($('enrollment').value);
  } catch (e) {
    showMessage('Paste the JSON object `maa keys anchor sign` printed ({"record": ..., "signer": ...,'
      + ' "signature": ...}).', true);
    return;
  }
  try {
    const stored = await api('POST', '/api/v1/passkeys/enrollments', record);
    lastRendered = '';
    await renderPasskeys(false);
    showMessage('Enrollment stored: key ' + stored.keyId + ' of ' + stored.reviewer
      + (stored.trusted ? ' is trusted.' : ' is not trusted (revoked).'), false);
  } catch (e) {
    showProblem(e);
  }
}

// ---- reviewing with a passkey ----------------------------------------------------------------------------------

// Fetches the statement for this decision and these notes and shows it; the passkey prompt comes only on "Sign".
async function reviewWithPasskey(r, decision) {
  const notes = $('notes').value;
  let s;
  try {
    s = await api('GET', '/api/v1/requests/' + encodeURIComponent(r.id) + '/statement?decision=' + decision
      + '&notes=' + encodeURIComponent(notes));
  } catch (e) {
    showProblem(e);
    return;
  }
  busy = true; // no poll re-renders the page under the statement the approver is reading
  const statement = JSON.parse(s.statement);
  const panel = el('div', { class: 'card', id: 'sign-panel', role: 'dialog' },
    el('p', {}, el('strong', {}, 'Your passkey signs this ' + (decision === 'approve' ? 'approval' : 'rejection')
      + ':')),
    el('dl', { class: 'props' },
      el('dt', {}, 'Decision'), el('dd', { id: 'sign-decision' }, decision),
      el('dt', {}, 'Request'), el('dd', {}, el('code', { id: 'sign-request' }, shown(statement.request, true))),
      el('dt', {}, 'Call'), el('dd', { id: 'sign-call' }, el('div', {}, r.call.simpleClass + '.' + r.call.method),
        r.call.arguments.map((a) => el('pre', {}, displayText(a.name, true) + ' = ' + displayText(a.display)))),
      el('dt', {}, 'Digest'), el('dd', {}, el('code', { id: 'sign-digest' }, shown(statement.digest, true))),
      el('dt', {}, 'Notes'), el('dd', {}, shown(notes || '(none)'))),
    el('details', {}, el('summary', {}, 'The exact statement'), el('pre', { id: 'statement' },
      displayText(s.statement))),
    s.allowCredentials.length ? null : el('p', { class: 'error', id: 'no-trusted-passkey' }, 'You have no trusted'
      + ' passkey: register one under Passkeys and have an anchor enroll it first.'),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', id: 'sign', class: 'primary', disabled: !s.allowCredentials.length,
        on: { click: () => signAndReview(r, decision, notes, s) } },
      decision === 'approve' ? 'Sign with passkey and approve' : 'Sign with passkey and reject'),
      el('button', { type: 'button', id: 'sign-cancel', on: { click: () => { busy = false; panel.remove(); } } },
        'Cancel')));
  const old = $('sign-panel');
  if (old) old.remove();
  $('actions').append(panel);
}

async function signAndReview(r, decision, notes, s) {
  let assertion;
  try {
    if (!window.PublicKeyCredential || !navigator.credentials) throw new Error('no WebAuthn');
    assertion = await navigator.credentials.get({ publicKey: {
      challenge: fromBase64Url(s.challenge), rpId: s.rpId, userVerification: 'required', timeout: 120000,
      allowCredentials: s.allowCredentials.map((id) => ({ type: 'public-key', id: fromBase64Url(id) }))
    } });
  } catch (e) {
    showMessage(passkeyError(e), true);
    return;
  }
  const signed = {
    statement: s.statement, key: assertion.id,
    authenticator_data: toBase64Url(assertion.response.authenticatorData),
    client_data: toBase64Url(assertion.response.clientDataJSON),
    signature: toBase64Url(assertion.response.signature)
  };
  busy = false;
  const body = { notes, signature: JSON.stringify(signed) };
  if (decision === 'approve') body.digest = r.call.digest;
  await act(r, decision, body);
}
