// The page's part: ask our own server for a capture token (it holds the backend API key), hand it to the element,
// and when the check completes ask our server for the verdict. The browser never sees a score or a key.
const element = document.querySelector('liveness-check');
const verdict = document.querySelector('#verdict');

function show(state, text) {
  verdict.dataset.state = state;
  verdict.textContent = text;
}

async function json(path, init) {
  const response = await fetch(path, init);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

element.addEventListener('liveness-complete', async (event) => {
  const result = await json(`/integrator/result/${encodeURIComponent(event.detail.sessionId)}`);
  show(result.status, `Check ${result.status}: ${result.decision ?? 'no decision'}`);
});
element.addEventListener('liveness-error', (event) => {
  if (!event.detail.recoverable) show('error', event.detail.message);
});

try {
  const { endpoint } = await json('/integrator/config');
  const session = await json('/integrator/session', { method: 'POST' });
  element.endpoint = endpoint;
  element.token = session.captureToken;
  show('ready', 'Press start when you are ready.');
} catch (error) {
  show('error', `Could not start the check: ${error.message}`);
}
