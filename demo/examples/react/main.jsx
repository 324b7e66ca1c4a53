// React 19 sets properties on custom elements and listens to their events natively: `token={…}` becomes the
// element's `token` property (it is one), `onliveness-complete={…}` adds a `liveness-complete` listener.
// (React 18 and older: keep a ref and call addEventListener / set the properties in an effect.)
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'liveness-check';
import { ASSETS_URL, readResult, startSession } from '../shared/integrator-client.js';

function LivenessStep() {
  const [session, setSession] = useState(null);
  const [verdict, setVerdict] = useState({ state: 'waiting', text: 'Preparing…' });

  useEffect(() => {
    let current = true;
    startSession().then(
      (started) => {
        if (!current) return;
        setSession(started);
        setVerdict({ state: 'ready', text: 'Press start when you are ready.' });
      },
      (error) => current && setVerdict({ state: 'error', text: `Could not start the check: ${error.message}` }),
    );
    return () => {
      current = false;
    };
  }, []);

  const onComplete = async (event) => {
    const result = await readResult(event.detail.sessionId);
    setVerdict({ state: result.status, text: `Check ${result.status}: ${result.decision ?? 'no decision'}` });
  };
  const onError = (event) => {
    if (!event.detail.recoverable) setVerdict({ state: 'error', text: event.detail.message });
  };

  return (
    <>
      <h1>Verify it's you</h1>
      {session && (
        <liveness-check
          mode="shotset"
          endpoint={session.endpoint}
          token={session.captureToken}
          assets={ASSETS_URL}
          onliveness-complete={onComplete}
          onliveness-error={onError}
        />
      )}
      <p id="verdict" role="status" data-state={verdict.state}>
        {verdict.text}
      </p>
    </>
  );
}

createRoot(document.getElementById('app')).render(
  <StrictMode>
    <LivenessStep />
  </StrictMode>,
);
