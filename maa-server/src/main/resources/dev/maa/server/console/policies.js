// Access policy authoring in the console: the wizard (Basics, Approvers, Settings, Review + submit), deleting a
// policy, and the Rego editor. Every change goes to the server's /api/v1/policies/... routes on the revision the
// page loaded (baseRevision): the server validates it (problems at file:line:col), parks it as a policy-change
// request for a second administrator, and refuses a stale base with the diff to rebase on. Uses app.js's el, api,
// shown, showMessage, showProblem and diffView; loaded after it.
'use strict';

const PROFILE_TYPES = ['APP', 'SCRIPT', 'DEVICE_ACTION', 'ROLE', 'ACCESS_POLICY', 'COMPLIANCE_POLICY', 'CUSTOM'];
const ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'ASSIGN', 'DEPLOY', 'WIPE', 'RETIRE', 'RESTART'];
const STEPS = ['Basics', 'Approvers', 'Settings', 'Review + submit'];
const MAX_STAGES = 5; // AccessPolicy.MAX_STAGES

let wizard = null; // { original, entry, base, step }

// ---- on the Access policies page -------------------------------------------------------------------------------

function policyRowActions(name) {
  const path = encodeURIComponent(name);
  return el('td', { class: 'row-actions' },
    el('a', { href: '#/policy-edit/' + path, class: 'edit-policy' }, 'Edit'), ' ',
    el('a', { href: '#/policy-delete/' + path, class: 'delete-policy' }, 'Delete'));
}

function authoringPanel(data) {
  if (!data.changesEnabled) return null;
  const modules = Object.keys(data.modules || {}).filter((p) => !p.endsWith('_test.rego'));
  return el('div', {},
    el('div', { class: 'buttons' },
      el('a', { href: '#/policy-edit', id: 'create-policy', class: 'button primary' }, 'Create policy')),
    el('h2', {}, 'Custom Rego'),
    el('div', { class: 'card' },
      modules.length ? el('ul', { id: 'modules' }, modules.map((p) => el('li', {},
        el('a', { href: '#/rego/' + encodeURIComponent(p), class: 'edit-module' }, el('code', {}, p)))))
        : el('p', { class: 'muted' }, 'No custom Rego modules.'),
      el('a', { href: '#/rego', id: 'new-module' }, 'New Rego module')));
}

// ---- the wizard ------------------------------------------------------------------------------------------------

async function renderPolicyWizard(name) {
  const data = await api('GET', '/api/v1/policies');
  const entry = name ? (data.entries || []).find((e) => e.name === name) : {};
  if (!entry) throw new Error('There is no access policy named ' + name + ' in revision ' + data.baseRevision);
  wizard = { original: name || '', entry: JSON.parse(JSON.stringify(entry)), base: data.baseRevision, step: 0,
    errors: {} };
  showWizard();
}

function showWizard() {
  const w = wizard;
  const tabs = el('ol', { class: 'steps' }, STEPS.map((s, i) => el('li', {
    class: i === w.step ? 'active' : (i < w.step ? 'done' : '') }, (i + 1) + ' ' + s)));
  const body = [basics, approvers, settings, review][w.step]();
  const back = w.step > 0 ? el('button', { type: 'button', id: 'wizard-back', on: { click: () => go(-1) } }, 'Previous')
    : el('a', { href: '#/policies', class: 'button' }, 'Cancel');
  const next = w.step < STEPS.length - 1
    ? el('button', { type: 'button', id: 'wizard-next', class: 'primary', on: { click: () => go(1) } }, 'Next')
    : el('button', { type: 'button', id: 'wizard-submit', class: 'primary', on: { click: submitPolicy } },
      w.original ? 'Submit change' : 'Create');
  $('view').replaceChildren(el('div', { id: 'wizard', 'data-step': STEPS[w.step] },
    el('h1', {}, w.original ? ['Edit access policy ', shown(w.original, true)] : 'Create access policy'),
    el('p', { class: 'muted' }, 'Based on policy revision ', el('code', {}, String(w.base)),
      '. Submitting creates a policy change request that another administrator must approve.'),
    tabs, el('div', { class: 'card wizard-step' }, body), el('div', { class: 'buttons' }, back, next)));
  if (w.step === STEPS.length - 1) previewPolicy();
}

// A labelled input; a validation error for it (wizard.errors[id]) is shown under it, marked for assistive tech.
function field(id, label, input, hint) {
  const error = wizard && wizard.errors ? wizard.errors[id] : null;
  if (error) input.setAttribute('aria-invalid', 'true');
  return el('div', { class: error ? 'field invalid' : 'field' }, el('label', { for: id }, label), input,
    hint ? el('div', { class: 'muted hint' }, hint) : null,
    error ? el('div', { class: 'field-error', id: id + '-error', role: 'alert' }, error) : null);
}

function text(id, value, attrs) {
  return el('input', Object.assign({ id, type: 'text', value: value === undefined || value === null ? '' : value },
    attrs || {}));
}

function select(id, options, value) {
  return el('select', { id }, options.map((o) => el('option', { value: o, selected: o === value }, o)));
}

const list = (v) => (Array.isArray(v) ? v.join(', ') : (v || ''));

function basics() {
  const e = wizard.entry;
  return [
    field('wiz-name', 'Name', text('wiz-name', e.name, { required: true })),
    field('wiz-description', 'Description', el('textarea', { id: 'wiz-description', rows: 2 }, e.description || '')),
    field('wiz-profile-type', 'Profile type', select('wiz-profile-type', PROFILE_TYPES, e.profile_type || 'APP')),
    field('wiz-platforms', 'Platforms', select('wiz-platforms', ['all', 'windows', 'non_windows'], e.platforms || 'all')),
    field('wiz-actions', 'Actions', text('wiz-actions', list(e.actions)),
      'Comma-separated, of ' + ACTIONS.join(', ') + '; empty: every action.'),
    field('wiz-scope-tags', 'Scope tags', text('wiz-scope-tags', list(e.scope_tags)), 'Comma-separated; empty: all.')];
}

function approvers() {
  const e = wizard.entry;
  if (Array.isArray(e.stages) && e.stages.some((st) => st.factors)) {
    return [el('p', { class: 'muted' }, 'This policy has approval stages with several factors each; they are kept as'
      + ' they are (edit them in access-policies.yaml).')];
  }
  const addStage = el('button', { type: 'button', id: 'wiz-add-stage', on: { click: () => changeStages((st) => st.push(
    st.length ? { approver_groups: [], required_approvals: 1 }
      : { approver_groups: e.approver_groups || [], required_approvals: e.required_approvals ?? 1 })) } },
  'Add stage');
  if (!Array.isArray(e.stages) || !e.stages.length) {
    return [
      field('wiz-approver-groups', 'Approver groups', text('wiz-approver-groups', list(e.approver_groups)),
        'Comma-separated group names; a member of any of them may approve.'),
      field('wiz-required-approvals', 'Required approvals',
        el('input', { id: 'wiz-required-approvals', type: 'number', min: 1, value: e.required_approvals ?? 1 })),
      el('p', { class: 'muted' }, 'Approval stages run one after another: stage 2 takes reviews only once stage 1 is'
        + ' met. ', addStage)];
  }
  return [
    el('p', { class: 'muted' }, 'Stages run in this order: each takes reviews only once every earlier stage is met.'),
    ...e.stages.map((st, i) => el('fieldset', { class: 'stage', id: 'wiz-stage-' + i },
      el('legend', {}, 'Stage ' + (i + 1)),
      field('wiz-stage-' + i + '-name', 'Name', text('wiz-stage-' + i + '-name', st.name),
        'Optional; shown with the stage ("stage ' + (i + 1) + '" if empty).'),
      field('wiz-stage-' + i + '-groups', 'Approver groups', text('wiz-stage-' + i + '-groups', list(st.approver_groups)),
        'Comma-separated group names.'),
      field('wiz-stage-' + i + '-required', 'Required approvals', el('input', { id: 'wiz-stage-' + i + '-required',
        type: 'number', min: 1, value: st.required_approvals ?? 1 })),
      el('button', { type: 'button', id: 'wiz-stage-' + i + '-remove',
        on: { click: () => changeStages((all) => all.splice(i, 1)) } }, 'Remove stage'))),
    e.stages.length < MAX_STAGES ? addStage : null];
}

// Reads the step, applies `edit` to the stages (an empty list goes back to one set of approvers), shows it again.
function changeStages(edit) {
  readStep();
  const e = wizard.entry;
  const stages = Array.isArray(e.stages) ? e.stages : [];
  edit(stages);
  if (stages.length) {
    e.stages = stages;
    delete e.approver_groups;
    delete e.required_approvals;
  } else {
    delete e.stages;
    if (!e.approver_groups) e.approver_groups = [];
  }
  wizard.errors = {};
  showWizard();
}

function settings() {
  const e = wizard.entry;
  return [
    field('wiz-ttl', 'Time to approve', text('wiz-ttl', e.ttl), 'A duration such as 24h or 30m; empty: the default.'),
    field('wiz-urgent-ttl', 'Time to approve when urgent', text('wiz-urgent-ttl', e.urgent_ttl)),
    field('wiz-completion', 'Completion', select('wiz-completion', ['manual', 'auto'], e.completion || 'manual')),
    el('div', { class: 'field' }, el('label', {},
      el('input', { id: 'wiz-justification', type: 'checkbox', checked: e.justification_required === true }),
      ' Requesters must give a business justification'))];
}

// The fields of the step on screen into the entry; an emptied field is removed, so the default applies and the
// data file keeps no empty keys. Fields the wizard does not show (effect, allow_groups, ...) are kept.
function readStep() {
  const e = wizard.entry;
  const put = (key, value) => {
    if (value === '' || value === null || (Array.isArray(value) && !value.length)) delete e[key];
    else e[key] = value;
  };
  const csv = (id) => $(id).value.split(',').map((s) => s.trim()).filter((s) => s);
  if (wizard.step === 0) {
    put('name', $('wiz-name').value.trim());
    put('description', $('wiz-description').value.trim());
    put('profile_type', $('wiz-profile-type').value);
    put('platforms', $('wiz-platforms').value);
    put('actions', csv('wiz-actions').map((a) => a.toUpperCase()));
    put('scope_tags', csv('wiz-scope-tags'));
  } else if (wizard.step === 1 && $('wiz-stage-0')) {
    e.stages = e.stages.map((st, i) => {
      const out = {};
      const name = $('wiz-stage-' + i + '-name').value.trim();
      if (name) out.name = name;
      out.approver_groups = csv('wiz-stage-' + i + '-groups');
      const n = parseInt($('wiz-stage-' + i + '-required').value, 10);
      out.required_approvals = isNaN(n) ? null : n;
      return out;
    });
  } else if (wizard.step === 1 && $('wiz-approver-groups')) {
    put('approver_groups', csv('wiz-approver-groups'));
    const n = parseInt($('wiz-required-approvals').value, 10);
    put('required_approvals', isNaN(n) ? null : n);
  } else if (wizard.step === 2) {
    put('ttl', $('wiz-ttl').value.trim());
    put('urgent_ttl', $('wiz-urgent-ttl').value.trim());
    put('completion', $('wiz-completion').value);
    put('justification_required', $('wiz-justification').checked);
  }
}

function go(delta) {
  readStep();
  if (wizard.step === 0 && !wizard.entry.name) {
    showMessage('Give the policy a name.', true);
    return;
  }
  wizard.errors = delta > 0 ? stepErrors() : {};
  if (Object.keys(wizard.errors).length) {
    showMessage('Correct the fields marked below, then continue.', true);
    showWizard();
    return;
  }
  showMessage('');
  wizard.step += delta;
  showWizard();
}

// What the server's reader would refuse in the step on screen, by field id (the server checks again at Review).
function stepErrors() {
  const errors = {};
  const stages = wizard.step === 1 && Array.isArray(wizard.entry.stages) ? wizard.entry.stages : [];
  stages.forEach((st, i) => {
    if (!st.approver_groups || !st.approver_groups.length) {
      errors['wiz-stage-' + i + '-groups'] = 'Name at least one approver group for stage ' + (i + 1) + '.';
    }
    if (!Number.isInteger(st.required_approvals) || st.required_approvals < 1) {
      errors['wiz-stage-' + i + '-required'] = 'At least 1 approval.';
    }
    if (st.name && st.name.length > 128) {
      errors['wiz-stage-' + i + '-name'] = 'At most 128 characters.';
    }
  });
  return errors;
}

function review() {
  return [
    el('h2', {}, 'The policy'),
    el('pre', { id: 'wizard-entry' }, shown(JSON.stringify(wizard.entry, null, 2))),
    el('h2', {}, 'Changes to the policy set'),
    el('div', { id: 'wizard-diff' }, el('p', { class: 'muted' }, 'Checking the change…')),
    el('div', { id: 'wizard-problems' }),
    field('wiz-submit-justification', 'Business justification',
      el('textarea', { id: 'wiz-submit-justification', rows: 2, maxlength: 4000 }),
      'Shown to the approver of the policy change request.')];
}

function policyRequest() {
  const o = wizard.original;
  return o ? ['PUT', '/api/v1/policies/access-policies/' + encodeURIComponent(o)]
    : ['POST', '/api/v1/policies/access-policies'];
}

async function previewPolicy() {
  const [method, path] = policyRequest();
  try {
    const r = await api(method, path, { baseRevision: wizard.base, policy: wizard.entry, dryRun: true });
    showPreview('wizard-diff', r);
  } catch (e) {
    $('wizard-diff').replaceChildren();
    problems('wizard-problems', e);
  }
}

async function submitPolicy() {
  const [method, path] = policyRequest();
  await submitChange(method, path, { baseRevision: wizard.base, policy: wizard.entry,
    justification: $('wiz-submit-justification').value }, 'wizard-problems');
}

// ---- delete ----------------------------------------------------------------------------------------------------

async function renderPolicyDelete(name) {
  const data = await api('GET', '/api/v1/policies');
  const body = { baseRevision: data.baseRevision };
  const path = '/api/v1/policies/access-policies/' + encodeURIComponent(name);
  $('view').replaceChildren(el('div', { id: 'policy-delete' },
    el('h1', {}, 'Delete access policy ', shown(name, true)),
    el('div', { class: 'card' }, el('div', { id: 'delete-diff' }), el('div', { id: 'delete-problems' }),
      field('delete-justification', 'Business justification',
        el('textarea', { id: 'delete-justification', rows: 2, maxlength: 4000 })),
      el('div', { class: 'buttons' }, el('a', { href: '#/policies', class: 'button' }, 'Cancel'),
        el('button', { type: 'button', id: 'delete-submit', class: 'danger', on: { click: () => submitChange('DELETE',
          path, Object.assign({ justification: $('delete-justification').value }, body), 'delete-problems') } },
        'Submit deletion')))));
  try {
    const r = await api('DELETE', path, Object.assign({ dryRun: true }, body));
    showPreview('delete-diff', r);
  } catch (e) {
    problems('delete-problems', e);
  }
}

// ---- the Rego editor -------------------------------------------------------------------------------------------

let editors = null; // { path, base, module, tests, marks }

const testsPath = (path) => path.replace(/\.rego$/, '') + '_test.rego';

async function renderRegoEditor(path) {
  const data = await api('GET', '/api/v1/policies');
  const modules = data.modules || {};
  const name = path || 'custom.rego';
  const module = modules[name] ?? 'package maa.custom\n\n';
  const tests = modules[testsPath(name)] ?? 'package maa.custom_test\n\n';
  $('view').replaceChildren(el('div', { id: 'rego-editor' },
    el('h1', {}, path ? ['Edit Rego module ', el('code', {}, path)] : 'New Rego module'),
    el('p', { class: 'muted' }, 'Based on policy revision ', el('code', {}, String(data.baseRevision)),
      '. Checked by the server\'s Rego engine; submitting creates a policy change request.'),
    el('div', { class: 'card' },
      field('rego-path', 'Module path', text('rego-path', name, { disabled: !!path })),
      el('label', {}, 'Module'), el('div', { id: 'rego-module' }),
      el('label', {}, 'Tests (', el('code', { id: 'rego-tests-path' }, testsPath(name)), ')'),
      el('div', { id: 'rego-tests' }),
      el('div', { id: 'rego-problems', role: 'alert' }), el('div', { id: 'rego-test-results' }),
      el('div', { class: 'buttons' },
        el('button', { type: 'button', id: 'rego-run-tests', on: { click: runTests } }, 'Run tests'))),
    el('h2', {}, 'Submit'),
    el('div', { class: 'card' }, el('div', { id: 'rego-diff' }),
      field('rego-justification', 'Business justification',
        el('textarea', { id: 'rego-justification', rows: 2, maxlength: 4000 })),
      el('div', { class: 'buttons' }, el('a', { href: '#/policies', class: 'button' }, 'Cancel'),
        el('button', { type: 'button', id: 'rego-review', on: { click: previewRego } }, 'Review changes'),
        el('button', { type: 'button', id: 'rego-submit', class: 'primary', on: { click: submitRego } }, 'Submit')))));
  const options = { mode: 'rego', lineNumbers: true, indentUnit: 2, tabSize: 2, viewportMargin: Infinity };
  editors = { base: data.baseRevision, marks: [],
    module: CodeMirror($('rego-module'), Object.assign({ value: module }, options)),
    tests: CodeMirror($('rego-tests'), Object.assign({ value: tests }, options)) };
  $('rego-path').addEventListener('input', () => { $('rego-tests-path').textContent = testsPath(regoPath()); });
}

const regoPath = () => $('rego-path').value.trim();

function regoModules() {
  return { [regoPath()]: editors.module.getValue(), [testsPath(regoPath())]: editors.tests.getValue() };
}

// Each problem of the server's answer under its line in the editor of its file, and listed as file:line:col.
function problems(target, e) {
  clearMarks();
  const list = e instanceof ApiProblem ? (e.problem.problems || []) : [];
  const byFile = editors ? { [regoPath()]: editors.module, [testsPath(regoPath())]: editors.tests } : {};
  for (const p of list) {
    const cm = byFile[p.file];
    if (cm && p.line > 0) {
      const line = Math.min(p.line, cm.lineCount()) - 1;
      cm.addLineClass(line, 'background', 'rego-error-line');
      editors.marks.push({ cm, line, widget: cm.addLineWidget(line,
        el('div', { class: 'rego-error', 'data-line': String(p.line) }, p.line + ':' + p.column + ' ' + p.message)) });
    }
  }
  const stale = e instanceof ApiProblem && e.status === 409;
  $(target).replaceChildren(el('div', { class: 'problems error' },
    el('p', {}, e instanceof ApiProblem ? [e.problem.title, e.problem.detail ? ' — ' + e.problem.detail : '']
      : 'The server could not be reached: ' + e.message),
    list.length ? el('ul', {}, list.map((p) => el('li', { class: 'problem' },
      el('code', {}, p.file + ':' + p.line + ':' + p.column), ' ', p.field ? [el('code', {}, p.field), ': '] : null,
      shown(p.message)))) : null,
    stale ? [el('p', {}, 'Changes made since your base revision — reload, re-apply yours on top:'),
      diffView({ unified: e.problem.diff, source: 'preview' })] : null,
    e instanceof ApiProblem && e.problem.tests ? testResults(e.problem.tests) : null));
}

function clearMarks() {
  for (const m of (editors && editors.marks) || []) {
    m.cm.removeLineClass(m.line, 'background', 'rego-error-line');
    m.widget.clear();
  }
  if (editors) editors.marks = [];
}

function testResults(report) {
  const failures = report.results.filter((r) => !r.passed);
  return el('div', { class: 'test-results', 'data-failed': String(report.failed) },
    el('p', { class: report.failed ? 'error' : '' }, el('strong', {}, report.passed + ' passed, ' + report.failed + ' failed')),
    failures.length ? el('ul', {}, failures.map((r) => el('li', { class: 'test-failure' },
      el('code', {}, r.name), ' (', r.file, ')', r.message ? [': ', shown(r.message)] : null))) : null);
}

async function runTests() {
  $('rego-problems').replaceChildren();
  $('rego-test-results').replaceChildren(el('p', { class: 'muted' }, 'Running the tests…'));
  try {
    const report = await api('POST', '/api/v1/policies/test', { modules: regoModules() });
    clearMarks();
    $('rego-test-results').replaceChildren(testResults(report));
  } catch (e) {
    $('rego-test-results').replaceChildren();
    problems('rego-problems', e);
  }
}

function regoBody(extra) {
  return Object.assign({ baseRevision: editors.base, path: regoPath(), content: editors.module.getValue(),
    tests: editors.tests.getValue() }, extra);
}

async function previewRego() {
  $('rego-problems').replaceChildren();
  try {
    const r = await api('PUT', '/api/v1/policies/modules', regoBody({ dryRun: true }));
    clearMarks();
    showPreview('rego-diff', r);
  } catch (e) {
    problems('rego-problems', e);
  }
}

async function submitRego() {
  await submitChange('PUT', '/api/v1/policies/modules',
    regoBody({ justification: $('rego-justification').value }), 'rego-problems');
}

// ---- shared: submit, impact ------------------------------------------------------------------------------------

// Sends a change; 202: off to the parked policy-change request, which another administrator approves.
async function submitChange(method, path, body, problemsTarget) {
  busy = true;
  try {
    const r = await api(method, path, body);
    if (r.status === 'NEEDS_APPROVAL') {
      location.hash = '#/requests/' + encodeURIComponent(r.requestId);
      showMessage('Policy change submitted: request ' + r.requestId + ' waits for another administrator.', false);
    } else {
      location.hash = '#/policies';
      showMessage('Policy revision ' + r.number + ' is active.', false);
    }
  } catch (e) {
    problems(problemsTarget, e);
  } finally {
    busy = false;
  }
}

// A dry run's diff and impact preview in `target`; while the server computes the impact, it is asked again every
// second until it is computed (with its report, or an error such as a timeout) or the author leaves the page.
function showPreview(target, r) {
  const box = el('div', { class: 'impact-preview' }, impactView(r.impact));
  $(target).replaceChildren(diffView({ unified: r.diff, source: 'preview' }), box);
  pollImpact(box, r.impact);
}

async function pollImpact(box, impact) {
  while (impact && impact.state === 'computing' && impact.id) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (!box.isConnected) return;
    try {
      impact = await api('GET', '/api/v1/policies/impact-previews/' + encodeURIComponent(impact.id), undefined, true);
    } catch (e) {
      impact = { state: 'computed', error: e instanceof ApiProblem ? (e.problem.detail || e.problem.title) : String(e) };
    }
    if (!box.isConnected) return;
    box.replaceChildren(impactView(impact));
  }
}

// The impact report of a policy change, when the server attaches one (`impact`): its summary, then its details;
// while the server still computes it (`state: computing`), that; if it could not be computed, why.
function impactView(impact) {
  if (!impact) return null;
  if (impact.state === 'computing') {
    return el('div', { class: 'impact', id: 'impact', 'data-state': 'computing' }, el('h2', {}, 'Impact'),
      el('p', { id: 'impact-summary' }, shown('Computing: replaying the decisions recorded since ' + impact.since
        + ' against this change; shown here when it is done.')));
  }
  if (typeof impact === 'object' && impact.error) {
    return el('div', { class: 'impact', id: 'impact', 'data-state': 'error' }, el('h2', {}, 'Impact'),
      el('p', { id: 'impact-error', class: 'error' }, shown('Impact unknown: ' + impact.error)));
  }
  const summary = typeof impact === 'string' ? impact : impact.summary;
  return el('div', { class: 'impact', id: 'impact', 'data-state': 'computed' }, el('h2', {}, 'Impact'),
    summary ? el('p', { id: 'impact-summary' }, shown(summary)) : null,
    typeof impact === 'object' ? el('pre', {}, shown(JSON.stringify(impact, null, 2))) : null);
}
