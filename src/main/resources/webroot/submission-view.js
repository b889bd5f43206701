// One submission in the dashboard (#/submissions/{form}/{instanceId}): its answers labelled in the
// reader's language by the form version it was made with, its review (state, comment, by whom,
// when) and the buttons that change it, its versions with what each correction changed
// (before and after), and, for analysts and admins, the move to the trash.

import { el, errorMessage, fill, num, show, t, TEXT, when } from './common.js';
import {
  R, STATE_LABEL, answerText, caller, dateText, definition, focusOn, formPath, listHash, memory, questionLabel, questionsOf, route,
  stateBadge, submissionName,
} from './submissions-shared.js';

const V = {
  title: { en: 'Submission of {name}', km: 'ការបញ្ជូននៅ {name}' },
  form: { en: '{title}, version {version}', km: '{title} កំណែ {version}' },
  instanceId: { en: 'Instance ID', km: 'លេខសម្គាល់' },
  review: { en: 'Review', km: 'ការពិនិត្យ' },
  counts: { en: 'It counts in the scores.', km: 'វាត្រូវបានរាប់ក្នុងពិន្ទុ។' },
  notCounted: { en: 'It does not count in the scores.', km: 'វាមិនត្រូវបានរាប់ក្នុងពិន្ទុទេ។' },
  notReviewed: { en: 'Nobody has reviewed it yet.', km: 'មិនទាន់មាននរណាម្នាក់ពិនិត្យវានៅឡើយទេ។' },
  changeReview: { en: 'Change the review', km: 'ផ្លាស់ប្ដូរការពិនិត្យ' },
  commentLabel: { en: 'Comment for the enumerator', km: 'មតិយោបល់សម្រាប់អ្នកស្ទង់មតិ' },
  commentHint: { en: 'Needed to reject: say why, so that it can be followed up. The enumerator sees it on their phone.', km: 'ត្រូវការនៅពេលបដិសេធ៖ សូមប្រាប់មូលហេតុ ដើម្បីអាចតាមដានបន្តបាន។ អ្នកស្ទង់មតិមើលឃើញវានៅលើទូរស័ព្ទរបស់ខ្លួន។' },
  commentRequired: { en: 'Write a comment that says why this submission is rejected.', km: 'សូមសរសេរមតិយោបល់ដែលប្រាប់ពីមូលហេតុដែលការបញ្ជូននេះត្រូវបានបដិសេធ។' },
  approve: { en: 'Approve', km: 'អនុម័ត' },
  hold: { en: 'Put on hold', km: 'ផ្អាកទុក' },
  reject: { en: 'Reject', km: 'បដិសេធ' },
  nowState: { en: 'Now “{state}”.', km: 'ឥឡូវនេះ «{state}»។' },
  answers: { en: 'Answers', km: 'ចម្លើយ' },
  question: { en: 'Question', km: 'សំណួរ' },
  answer: { en: 'Answer', km: 'ចម្លើយ' },
  correctedIn: { en: 'corrected in version {version}', km: 'បានកែតម្រូវក្នុងកំណែ {version}' },
  versions: { en: 'Versions', km: 'កំណែ' },
  versionN: { en: 'Version {version}', km: 'កំណែ {version}' },
  current: { en: '(current)', km: '(បច្ចុប្បន្ន)' },
  madeBy: { en: 'by {username}, {at}', km: 'ដោយ {username} នៅ {at}' },
  asReceived: { en: 'As received from the phone.', km: 'ដូចដែលបានទទួលពីទូរស័ព្ទ។' },
  before: { en: 'Before', km: 'មុន' },
  after: { en: 'After', km: 'ក្រោយ' },
  changes: { en: 'What version {version} changed', km: 'អ្វីដែលកំណែ {version} បានផ្លាស់ប្ដូរ' },
  trash: { en: 'Move to the trash', km: 'ផ្លាស់ទៅធុងសំរាម' },
  trashConfirm: { en: 'Move this submission to the trash? It stops counting in the scores, and can be restored from the trash.', km: 'ផ្លាស់ការបញ្ជូននេះទៅធុងសំរាមឬ? វាឈប់រាប់ក្នុងពិន្ទុ ហើយអាចស្ដារមកវិញពីធុងសំរាមបាន។' },
  trashYes: { en: 'Move it to the trash', km: 'ផ្លាស់វាទៅធុងសំរាម' },
  cancel: { en: 'Cancel', km: 'បោះបង់' },
  trashed: { en: 'Submission {name} moved to the trash.', km: 'ការបញ្ជូន {name} ត្រូវបានផ្លាស់ទៅធុងសំរាម។' },
};

const one = {
  key: null,
  submission: null,
  def: null,
  versions: [],
  counted: null, // the form's counted states (analysts and admins may read them)
  comment: '',
  commentError: null,
  confirmTrash: false,
  focus: null,
};

/** Draws the submission the hash names; fetches it again whenever it is navigated to. */
export async function renderSubmission(view, env) {
  const call = caller(env);
  const hash = location.hash;
  const { form, instanceId } = route();
  const key = form + '/' + instanceId;
  if (one.key !== key || env.fresh || !one.submission) {
    if (one.key !== key) {
      Object.assign(one, { key, submission: null, comment: '', commentError: null, confirmTrash: false });
    }
    one.focus = 'title';
    show(view, el('p', { class: 'loading' }, t(TEXT.loading)));
    if (!(await load(call, env, form, instanceId, view)) || location.hash !== hash) {
      return;
    }
  }
  draw(view, env, call);
}

function base(form, instanceId) {
  return formPath(form) + '/submissions/' + encodeURIComponent(instanceId);
}

async function load(call, env, form, instanceId, view) {
  const path = base(form, instanceId);
  const [res, versions, settings] = await Promise.all([
    call(path),
    call(path + '/versions'),
    env.auth.role === 'supervisor' ? null : call(formPath(form) + '/settings'),
  ]);
  if (!res) {
    return false;
  }
  if (!res.ok) {
    show(view, el('p', { class: 'field-error', id: 'submission-error' }, t(errorMessage(res.body, R.loadFailed))),
      el('a', { href: memory.listHash || listHash(form), class: 'link' }, t(R.backToList)));
    return false;
  }
  one.submission = res.body;
  memory.returnTo = res.body.instanceId; // back in the list, by the link or the browser's Back, focus is on its row
  one.versions = versions && versions.ok ? versions.body.versions : [];
  one.counted = settings && settings.ok ? settings.body.countedStates : null;
  one.def = await definition(call, form, res.body.formVersion);
  return true;
}

function draw(view, env, call) {
  const s = one.submission;
  const questions = questionsOf(one.def);
  const byName = new Map(questions.map((q) => [q.name, q]));
  show(view, el('article', { class: 'submission', 'data-instance-id': s.instanceId },
    el('div', { class: 'who' },
      el('a', { href: memory.listHash || listHash(s.formId), id: 'back-to-list', class: 'link' }, t(R.backToList)),
      el('button', { type: 'button', class: 'link', id: 'logout', onclick: env.logOut }, t(TEXT.logout))),
    el('h1', { id: 'submission-title' }, t(fill(V.title, { name: submissionName(s) }))),
    facts(s),
    reviewState(s),
    reviewForm(view, env, call),
    answers(s, questions, byName),
    versions(byName),
    env.auth.role === 'supervisor' ? null : trashSection(view, env, call)));
  const focus = one.focus;
  one.focus = null;
  focusOn(document.getElementById({
    title: 'submission-title', review: 'review-state', comment: 'review-comment', trash: 'trash-confirm-text', trashButton: 'trash-button',
  }[focus]));
}

function facts(s) {
  const row = (label, value) => [el('dt', {}, t(label)), el('dd', {}, value)];
  return el('dl', { class: 'facts' },
    row(R.form, one.def ? t(fill(V.form, { title: t(one.def.title), version: s.formVersion })) : s.formId + ' ' + s.formVersion),
    row(V.instanceId, el('code', {}, s.instanceId)),
    s.submittedBy ? row(R.submitter, s.submittedBy) : null,
    s.collectedAt ? row(R.collected, dateText(s.collectedAt)) : null,
    row(R.received, dateText(s.receivedAt)),
    row(R.version, num(s.version)));
}

function counts(s) {
  return one.counted ? one.counted.includes(s.review.state) : null;
}

function reviewState(s) {
  const r = s.review;
  const counted = counts(s);
  return el('section', { class: 'card review-state', id: 'review-state', 'data-state': r.state, 'aria-labelledby': 'review-title' },
    el('h2', { id: 'review-title' }, t(V.review)),
    el('p', { class: 'state-line' }, stateBadge(r.state, 'review-state-value'),
      counted === null ? null : el('span', { class: 'note', id: 'review-counts' }, ' ' + t(counted ? V.counts : V.notCounted))),
    r.comment ? el('blockquote', { id: 'review-comment-shown', class: 'comment' }, r.comment) : el('p', { class: 'note' }, t(R.noComment)),
    el('p', { class: 'note', id: 'review-by' }, r.by ? t(fill(R.reviewedBy, { username: r.by, at: when(r.at) })) : t(V.notReviewed)));
}

function reviewForm(view, env, call) {
  const error = one.commentError;
  const comment = el('textarea', {
    id: 'review-comment', name: 'comment', rows: '3', maxlength: '2000',
    'aria-describedby': 'review-comment-hint' + (error ? ' review-comment-error' : ''), 'aria-invalid': error ? 'true' : null,
  });
  comment.value = one.comment;
  comment.addEventListener('input', () => {
    one.comment = comment.value;
  });
  const action = (id, label, state) => el('button', {
    type: 'button', id, class: state === 'rejected' ? 'danger' : state === 'approved' ? 'primary' : null,
    onclick: () => review(state, view, env, call),
  }, t(label));
  return el('form', { class: 'card', id: 'review-form', 'aria-labelledby': 'review-form-title', novalidate: true, onsubmit: (e) => e.preventDefault() },
    el('h2', { id: 'review-form-title' }, t(V.changeReview)),
    el('label', { for: 'review-comment' }, t(V.commentLabel)),
    comment,
    el('p', { class: 'note hint', id: 'review-comment-hint' }, t(V.commentHint)),
    error ? el('p', { class: 'field-error', id: 'review-comment-error' }, t(error)) : null,
    el('div', { class: 'actions' }, action('approve', V.approve, 'approved'), action('hold', V.hold, 'on_hold'),
      action('reject', V.reject, 'rejected')));
}

/** Sets the review; a rejection without a comment is stopped here, with the server's rule in words. */
async function review(state, view, env, call) {
  const s = one.submission;
  const comment = one.comment.trim();
  if (state === 'rejected' && !comment) {
    one.commentError = V.commentRequired;
    one.focus = 'comment';
    env.say(V.commentRequired);
    draw(view, env, call);
    return;
  }
  view.querySelectorAll('#review-form button').forEach((b) => { b.disabled = true; });
  const res = await call(base(s.formId, s.instanceId), { method: 'PATCH', body: { review: { state, comment: comment || null } } });
  if (!res) {
    draw(view, env, call);
    return;
  }
  if (!res.ok) {
    one.commentError = errorMessage(res.body, TEXT.serverError);
    one.focus = 'comment';
    env.say(one.commentError);
  } else {
    one.submission = res.body;
    one.comment = '';
    one.commentError = null;
    one.focus = 'review';
    memory.stale = true;
    const counted = counts(res.body);
    const now = fill(V.nowState, { state: t(STATE_LABEL[state]) });
    const also = counted === null ? null : counted ? V.counts : V.notCounted;
    env.say(also ? { en: now.en + ' ' + also.en, km: now.km + ' ' + also.km } : now);
  }
  draw(view, env, call);
}

function answers(s, questions, byName) {
  const latest = one.versions.find((v) => v.current);
  const corrected = new Set(latest && latest.version > 1 ? latest.changes.map((c) => c.field) : []);
  const names = questions.map((q) => q.name).filter((n) => n in s.answers)
    .concat(Object.keys(s.answers).filter((n) => !byName.has(n)));
  return el('section', { id: 'answers' }, // its table is the region, named by the same heading
    el('h2', { id: 'answers-title' }, t(V.answers)),
    el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'answers-title' },
      el('table', { id: 'answers-table', class: 'answers' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t(V.question)), el('th', { scope: 'col' }, t(V.answer)))),
        el('tbody', {}, names.map((name) => {
          const q = byName.get(name);
          return el('tr', { 'data-field': name, class: corrected.has(name) ? 'corrected' : null },
            el('th', { scope: 'row' }, questionLabel(q, name)),
            el('td', {}, answerText(q, s.answers[name]),
              corrected.has(name) ? el('span', { class: 'corrected-note' }, t(fill(V.correctedIn, { version: latest.version }))) : null));
        })))));
}

function versions(byName) {
  return el('section', { id: 'versions', 'aria-labelledby': 'versions-title' },
    el('h2', { id: 'versions-title' }, t(V.versions)),
    el('ul', { class: 'list versions-list' }, [...one.versions].reverse().map((v) => versionItem(v, byName))));
}

function versionItem(v, byName) {
  return el('li', { class: 'card version' + (v.current ? ' current' : ''), 'data-version': v.version },
    el('h3', {}, t(fill(V.versionN, { version: v.version })) + (v.current ? ' ' + t(V.current) : '')),
    el('p', { class: 'note' }, t(fill(V.madeBy, { username: v.by || '—', at: when(v.at) }))),
    v.comment ? el('blockquote', { class: 'comment' }, v.comment) : null,
    (v.changes || []).length === 0 ? el('p', { class: 'note' }, t(V.asReceived)) : changesTable(v, byName));
}

/** What a correction changed: each question's answer before and after, the old struck through, the new marked. */
function changesTable(v, byName) {
  const label = (field) => questionLabel(byName.get(field), field);
  const rows = v.changes.map((c) => el('tr', { 'data-field': c.field },
    el('th', { scope: 'row' }, label(c.field)),
    el('td', { class: 'old' }, el('del', {}, answerText(byName.get(c.field), c.old))),
    el('td', { class: 'new' }, el('span', { 'aria-hidden': 'true' }, '→ '), el('ins', {}, answerText(byName.get(c.field), c.new)))));
  return el('div', { class: 'table-wrap' }, el('table', { class: 'changes' },
    el('caption', { class: 'sr-only' }, t(fill(V.changes, { version: v.version }))),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t(V.question)), el('th', { scope: 'col' }, t(V.before)),
      el('th', { scope: 'col' }, t(V.after)))),
    el('tbody', {}, rows)));
}

function trashSection(view, env, call) {
  const s = one.submission;
  const ask = (yes) => () => {
    one.confirmTrash = yes;
    one.focus = yes ? 'trash' : 'trashButton';
    draw(view, env, call);
  };
  return el('section', { id: 'trash-section', class: 'card', 'aria-labelledby': 'trash-title' },
    el('h2', { id: 'trash-title' }, t(R.trash)),
    one.confirmTrash
      ? el('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'trash-confirm-text' },
        el('p', { id: 'trash-confirm-text' }, t(V.trashConfirm)),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'danger primary', id: 'trash-yes', onclick: () => moveToTrash(view, env, call) }, t(V.trashYes)),
          el('button', { type: 'button', id: 'trash-cancel', onclick: ask(false) }, t(V.cancel))))
      : el('button', { type: 'button', class: 'danger', id: 'trash-button', onclick: ask(true) }, t(V.trash)));
}

async function moveToTrash(view, env, call) {
  const s = one.submission;
  const res = await call(base(s.formId, s.instanceId), { method: 'DELETE' });
  if (!res) {
    return;
  }
  if (!res.ok) {
    env.say(errorMessage(res.body, TEXT.serverError));
    return;
  }
  one.key = null;
  memory.stale = true;
  memory.flash = fill(V.trashed, { name: submissionName(s) });
  memory.returnTo = 'message';
  location.hash = memory.listHash || listHash(s.formId);
}
