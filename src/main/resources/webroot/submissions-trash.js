// The dashboard's trash (#/trash?form=…), for analysts and admins: the deleted submissions of a
// questionnaire, who deleted them and when, and Restore, which puts one back in the lists and,
// if its review state counts, in the scores.

import { el, errorMessage, fill, show, t, TEXT, when } from './common.js';
import { R, caller, chosenForm, focusOn, formPath, forms, listHash, memory, route, stateBadge, submissionName } from './submissions-shared.js';

const T = {
  title: { en: 'Trash', km: 'ធុងសំរាម' },
  retention: { en: 'A deleted submission can be restored for {days} days; then it is removed for good.', km: 'ការបញ្ជូនដែលបានលុបអាចស្ដារមកវិញបានក្នុងរយៈពេល {days} ថ្ងៃ។ បន្ទាប់មកវានឹងត្រូវលុបចោលជាស្ថាពរ។' },
  empty: { en: 'The trash of this questionnaire is empty.', km: 'ធុងសំរាមនៃកម្រងសំណួរនេះទទេ។' },
  deleted: { en: 'Deleted', km: 'បានលុប' },
  deletedBy: { en: 'Deleted by', km: 'លុបដោយ' },
  restore: { en: 'Restore', km: 'ស្ដារ' },
  restoreOne: { en: 'Restore {name}', km: 'ស្ដារ {name}' },
  restored: { en: 'Submission {name} is restored: it is back in the list, and counts in the scores if its review state does.', km: 'ការបញ្ជូន {name} ត្រូវបានស្ដារមកវិញ៖ វានៅក្នុងបញ្ជីវិញ ហើយរាប់ក្នុងពិន្ទុ ប្រសិនបើស្ថានភាពពិនិត្យរបស់វារាប់។' },
  count: { en: '{n} in the trash', km: '{n} នៅក្នុងធុងសំរាម' },
  show: { en: 'Show', km: 'បង្ហាញ' },
};

const trash = { form: null, items: [], days: null, message: null, focus: null };

export async function renderTrash(view, env) {
  const call = caller(env);
  const hash = location.hash;
  const all = await forms(call);
  const form = chosenForm(route().form, all);
  if (!form) {
    show(view, el('p', { class: 'note' }, t(R.loadFailed)));
    return;
  }
  if (form !== trash.form || env.fresh) {
    show(view, el('p', { class: 'loading' }, t(TEXT.loading)));
    const res = await call(formPath(form) + '/trash');
    if (!res || location.hash !== hash) {
      return;
    }
    if (!res.ok) {
      show(view, el('p', { class: 'field-error' }, t(errorMessage(res.body, R.loadFailed))));
      return;
    }
    Object.assign(trash, { form, items: res.body.submissions, days: res.body.restorableForDays, message: null, focus: 'title' });
  }
  draw(view, env, call, all);
}

function draw(view, env, call, all) {
  const picker = el('select', { id: 'trash-form', name: 'form' }, all.map((f) => el('option', { value: f.id, selected: f.id === trash.form }, t(f.title))));
  const pick = el('form', { class: 'controls', id: 'trash-pick', novalidate: true },
    el('div', {}, el('label', { for: 'trash-form' }, t(R.form)), picker),
    el('button', { type: 'submit', id: 'trash-show' }, t(T.show)));
  pick.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = '#/trash?form=' + encodeURIComponent(picker.value);
  });
  show(view,
    el('div', { class: 'who' }, el('h1', { id: 'trash-title' }, t(T.title)),
      el('div', { class: 'links' },
        el('a', { href: memory.listHash || listHash(trash.form), class: 'link', id: 'back-to-list' }, t(R.backToList)),
        el('button', { type: 'button', class: 'link', id: 'logout', onclick: env.logOut }, t(TEXT.logout)))),
    pick,
    el('p', { class: 'note' }, t(fill(T.retention, { days: trash.days }))),
    trash.message ? el('p', { class: 'message', id: 'trash-message' }, t(trash.message)) : null,
    el('h2', { id: 'trash-count' }, t(fill(T.count, { n: trash.items.length }))),
    trash.items.length === 0 ? el('p', { class: 'note', id: 'trash-empty' }, t(T.empty))
      : el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'trash-count' },
        el('table', { id: 'trash-table' },
          el('thead', {}, el('tr', {}, [R.collected, R.submitter, R.state, T.deleted, T.deletedBy, T.restore]
            .map((h) => el('th', { scope: 'col' }, t(h))))),
          el('tbody', {}, trash.items.map((s) => el('tr', { 'data-instance-id': s.instanceId },
            el('td', {}, submissionName(s)),
            el('td', {}, s.submittedBy || '—'),
            el('td', {}, stateBadge(s.review.state)),
            el('td', {}, s.deleted ? when(s.deleted.at) : ''),
            el('td', {}, s.deleted ? s.deleted.by || '' : ''),
            el('td', {}, el('button', {
              type: 'button', class: 'restore',
              'aria-label': t(fill(T.restoreOne, { name: submissionName(s) })),
              onclick: () => restore(s, view, env, call, all),
            }, t(T.restore)))))))));
  const focus = trash.focus;
  trash.focus = null;
  if (focus === 'title') {
    focusOn(document.getElementById('trash-title'));
  } else if (focus) {
    focusOn(focus === 'message' ? document.getElementById('trash-message')
      : [...view.querySelectorAll('#trash-table tr[data-instance-id]')].find((r) => r.dataset.instanceId === focus).querySelector('button'));
  }
}

/** Restores one; the message says so, and focus goes on to the next row's button (or the message when none is left). */
async function restore(s, view, env, call, all) {
  const at = trash.items.indexOf(s);
  const res = await call(formPath(trash.form) + '/submissions/' + encodeURIComponent(s.instanceId) + '/restore', { method: 'POST', body: {} });
  if (!res) {
    return;
  }
  if (!res.ok) {
    trash.message = errorMessage(res.body, TEXT.serverError);
    trash.focus = 'message';
  } else {
    trash.items = trash.items.filter((item) => item !== s);
    trash.message = fill(T.restored, { name: submissionName(s) });
    const next = trash.items[Math.min(at, trash.items.length - 1)];
    trash.focus = next ? next.instanceId : 'message';
    memory.stale = true;
  }
  env.say(trash.message);
  draw(view, env, call, all);
}
