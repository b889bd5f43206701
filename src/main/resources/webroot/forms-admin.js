// The dashboard's forms view, for admins (#/forms): the forms and their versions, upload of an
// XLSForm (or YAML) as a draft, the draft's problems each at its sheet and cell, and publishing.

import { api, el, errorMessage, fill, NetworkError, show, t, TEXT } from './common.js';

const S = {
  title: { en: 'Forms', km: 'ទម្រង់បែបបទ' },
  back: { en: '← Scorecard', km: '← តារាងពិន្ទុ' },
  uploadNew: { en: 'Upload a new form (XLSForm .xlsx or YAML)', km: 'ផ្ទុកឡើងទម្រង់បែបបទថ្មី (XLSForm .xlsx ឬ YAML)' },
  uploadVersion: { en: 'Upload its next version', km: 'ផ្ទុកឡើងកំណែបន្ទាប់របស់វា' },
  upload: { en: 'Upload as draft', km: 'ផ្ទុកឡើងជាសេចក្ដីព្រាង' },
  chooseFile: { en: 'Choose a file first.', km: 'សូមជ្រើសរើសឯកសារជាមុនសិន។' },
  current: { en: 'Current version {version}', km: 'កំណែបច្ចុប្បន្ន {version}' },
  versions: { en: 'Versions', km: 'កំណែ' },
  published: { en: 'version {version} (no. {number}), published by {by} on {at}', km: 'កំណែ {version} (លេខ {number}) ផ្សព្វផ្សាយដោយ {by} នៅ {at}' },
  download: { en: 'XLSForm', km: 'XLSForm' },
  draft: { en: 'Draft of {id}, version {version}', km: 'សេចក្ដីព្រាងនៃ {id} កំណែ {version}' },
  valid: { en: 'No problems: it can be published.', km: 'គ្មានបញ្ហាទេ៖ អាចផ្សព្វផ្សាយបាន។' },
  invalid: { en: '{n} problems to fix before it can be published:', km: 'មានបញ្ហា {n} ដែលត្រូវកែមុនពេលផ្សព្វផ្សាយ៖' },
  where: { en: 'Where', km: 'ទីតាំង' },
  problem: { en: 'Problem', km: 'បញ្ហា' },
  warnings: { en: 'Warnings (you may still publish):', km: 'ការព្រមាន (អ្នកនៅតែអាចផ្សព្វផ្សាយបាន)៖' },
  publish: { en: 'Publish as the next version', km: 'ផ្សព្វផ្សាយជាកំណែបន្ទាប់' },
  publishedNow: { en: '{id} version {version} is published.', km: '{id} កំណែ {version} ត្រូវបានផ្សព្វផ្សាយហើយ។' },
  uploaded: { en: 'Draft uploaded.', km: 'បានផ្ទុកឡើងសេចក្ដីព្រាងហើយ។' },
  rowCol: { en: 'sheet {sheet}, cell {cell}', km: 'សន្លឹក {sheet} ក្រឡា {cell}' },
  rowOnly: { en: 'sheet {sheet}, row {row}', km: 'សន្លឹក {sheet} ជួរ {row}' },
  line: { en: 'line {line}, column {column}', km: 'បន្ទាត់ {line} ជួរឈរ {column}' },
};

const state = { drafts: new Map(), message: null };

/** Renders the forms view into {@code view}; {@code auth} is the admin's token record, {@code ended} logs out. */
export async function renderForms(view, auth, ended) {
  const call = async (path, options = {}) => {
    let res;
    try {
      res = await fetchWith(path, auth.token, options);
    } catch (e) {
      state.message = e instanceof NetworkError ? TEXT.offline : TEXT.serverError;
      return null;
    }
    if (res.status === 401) {
      ended();
      return null;
    }
    return res;
  };
  show(view, el('p', { class: 'loading' }, t(TEXT.loading)));
  const list = await call('/api/v1/forms');
  if (!list) {
    show(view, el('p', { class: 'status' }, t(state.message)));
    return;
  }
  const forms = list.ok ? list.body : [];
  const drafts = await call('/api/v1/forms/drafts');
  if (drafts && drafts.ok) {
    const unreadable = state.drafts.get('?upload');
    state.drafts.clear();
    drafts.body.drafts.forEach((d) => state.drafts.set(d.formId, d));
    if (unreadable) {
      state.drafts.set('?upload', unreadable);
    }
  }
  const again = () => renderForms(view, auth, ended);
  const sections = forms.map((f) => formSection(f, call, again));
  const newDrafts = [...state.drafts.values()].filter((d) => !forms.some((f) => f.id === d.formId));
  show(view,
    el('div', { class: 'who' }, el('h1', {}, t(S.title)), el('a', { href: '#', class: 'link', id: 'forms-back' }, t(S.back))),
    el('p', { class: 'status', id: 'forms-message', role: 'status' }, t(state.message)),
    el('section', { class: 'card', id: 'forms-new' }, el('h2', {}, t(S.uploadNew)),
      uploader('new-form', '/api/v1/forms', call, again)),
    newDrafts.map((d) => el('section', { class: 'card' }, draftPanel(d, call, again))),
    el('div', { id: 'forms-list' }, sections));
}

function formSection(form, call, again) {
  const versions = el('ul', { class: 'list versions', 'data-versions': form.id });
  const section = el('section', { class: 'card form-entry', 'data-form': form.id },
    el('h2', {}, t(form.title) + ' · ' + form.id),
    el('p', {}, t(fill(S.current, { version: form.version }))),
    el('details', {
      ontoggle: async (event) => {
        if (event.target.open && versions.childElementCount === 0) {
          await loadVersions(form.id, versions, call);
        }
      },
    }, el('summary', {}, t(S.versions)), versions),
    state.drafts.has(form.id) ? draftPanel(state.drafts.get(form.id), call, again)
      : el('div', {}, el('h3', {}, t(S.uploadVersion)),
        uploader('draft-' + form.id, '/api/v1/forms/' + encodeURIComponent(form.id) + '/draft', call, again)));
  return section;
}

async function loadVersions(id, list, call) {
  const res = await call('/api/v1/forms/' + encodeURIComponent(id) + '/versions');
  if (!res || !res.ok) {
    return;
  }
  show(list, res.body.versions.map((v) => el('li', { 'data-version': v.version },
    t(fill(S.published, { version: v.version, number: v.number, by: v.publishedBy || '', at: (v.publishedAt || '').slice(0, 10) })),
    ' ',
    el('button', { type: 'button', class: 'link', onclick: () => download(id, v.version, call) }, t(S.download)))));
}

async function download(id, version, call) {
  const res = await call('/api/v1/forms/' + encodeURIComponent(id) + '/versions/' + encodeURIComponent(version) + '.xlsx',
    { raw: true });
  if (!res || !res.ok) {
    return;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', { href: url, download: id + '-' + version + '.xlsx' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function uploader(id, path, call, again) {
  const input = el('input', { type: 'file', id: 'file-' + id, accept: '.xlsx,.yaml,.yml' });
  const button = el('button', {
    type: 'button', class: 'primary', id: 'upload-' + id,
    onclick: async () => {
      const file = input.files && input.files[0];
      if (!file) {
        state.message = S.chooseFile;
        await again();
        return;
      }
      button.disabled = true;
      state.drafts.delete('?upload');
      const res = await call(path, { method: 'POST', body: file, type: file.type || 'application/octet-stream' });
      if (res && res.body && res.body.formId) {
        state.drafts.set(res.body.formId, res.body);
        state.message = S.uploaded;
      } else if (res) {
        state.message = errorMessage(res.body, TEXT.serverError);
        if (res.body && res.body.error && res.body.error.code === 'form.invalid') {
          state.drafts.set('?upload', { formId: '?', version: '', valid: false, problems: detailsAsProblems(res.body.error), warnings: [] });
        }
      }
      await again();
    },
  }, t(S.upload));
  return el('div', { class: 'uploader' }, input, button);
}

function detailsAsProblems(error) {
  return (error.details || []).map((d) => ({ where: d.field, message: d.message }));
}

function draftPanel(draft, call, again) {
  const problems = draft.problems || [];
  const warnings = draft.warnings || [];
  const publish = el('button', {
    type: 'button', class: 'primary', id: 'publish-' + draft.formId, disabled: !draft.valid,
    onclick: async () => {
      publish.disabled = true;
      const res = await call('/api/v1/forms/' + encodeURIComponent(draft.formId) + '/draft/publish', { method: 'POST' });
      if (res && res.ok) {
        state.drafts.delete(draft.formId);
        state.message = fill(S.publishedNow, { id: res.body.formId, version: res.body.version });
      } else if (res) {
        state.message = errorMessage(res.body, TEXT.serverError);
      }
      await again();
    },
  }, t(S.publish));
  return el('div', { class: 'draft', 'data-draft': draft.formId },
    el('h3', {}, t(fill(S.draft, { id: draft.formId, version: draft.version || '' }))),
    draft.valid ? el('p', { class: 'draft-valid' }, t(S.valid)) : el('p', { class: 'field-error' }, t(fill(S.invalid, { n: problems.length }))),
    problems.length === 0 ? null : el('div', { class: 'table-wrap' }, el('table', { class: 'problems' },
      el('thead', {}, el('tr', {}, el('th', {}, t(S.where)), el('th', {}, t(S.problem)))),
      el('tbody', {}, problems.map((p) => el('tr', { 'data-cell': p.cell || '' },
        el('td', {}, place(p)), el('td', {}, t(p.message))))))),
    warnings.length === 0 ? null : el('div', { class: 'warnings' }, el('p', {}, t(S.warnings)),
      el('ul', {}, warnings.map((w) => el('li', { 'data-question': w.question }, t(w.message))))),
    draft.formId === '?' ? null : el('div', { class: 'draft-actions' }, el('p', {}, publish),
      el('h3', {}, t(S.uploadVersion)),
      uploader('draft-' + draft.formId, '/api/v1/forms/' + encodeURIComponent(draft.formId) + '/draft', call, again)));
}

function place(p) {
  if (p.sheet && p.cell) {
    return t(fill(S.rowCol, { sheet: p.sheet, cell: p.cell.replace(/^.*!/, '') })) + (p.where ? ' · ' + p.where : '');
  }
  if (p.sheet && p.row) {
    return t(fill(S.rowOnly, { sheet: p.sheet, row: p.row })) + (p.where ? ' · ' + p.where : '');
  }
  if (p.line) {
    return t(fill(S.line, { line: p.line, column: p.column }));
  }
  return p.sheet || p.where || '';
}

/** A request with the admin's token; a body is sent as it is (a file), answers parsed as JSON unless raw. */
async function fetchWith(path, token, { method = 'GET', body, type, raw } = {}) {
  if (!body && !raw) {
    return api(path, { method, token });
  }
  let response;
  try {
    response = await fetch(path, {
      method, body, credentials: 'same-origin',
      headers: Object.assign({ Authorization: 'Bearer ' + token }, type ? { 'Content-Type': type } : {}),
    });
  } catch (e) {
    throw new NetworkError(e.message);
  }
  if (raw) {
    return response;
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  return { status: response.status, ok: response.ok, body: json };
}
