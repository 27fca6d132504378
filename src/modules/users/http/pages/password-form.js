// The pages behind the invitation and password-reset links: set a password through the API
// endpoint the form names (data-endpoint).
(function () {
  const form = document.getElementById('activate');
  const message = document.getElementById('message');
  const token = new URLSearchParams(window.location.search).get('token');
  function say(text, ok) {
    message.textContent = text;
    message.className = ok ? 'ok' : 'error';
  }
  if (!token) {
    say('Deze link is niet volledig. / This link is incomplete.', false);
    form.hidden = true;
    return;
  }
  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    const password = form.password.value;
    if (password !== form.repeat.value) {
      say('De wachtwoorden zijn niet gelijk. / The passwords differ.', false);
      return;
    }
    const response = await fetch(form.dataset.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: token, password: password }),
    });
    if (response.status === 204) {
      form.hidden = true;
      say(form.dataset.done, true);
      return;
    }
    const problem = await response.json().catch(function () { return {}; });
    const fields = (problem.errors || []).map(function (e) { return e.detail; }).join('; ');
    say((problem.detail || 'Het is niet gelukt. / That did not work.') + (fields ? ' (' + fields + ')' : ''), false);
  });
})();
