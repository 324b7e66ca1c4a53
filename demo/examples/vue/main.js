// Vue with render functions: no template is compiled in the browser, so the runtime-only build runs under a CSP
// without 'unsafe-eval'. `h('liveness-check', …)` creates the element itself; Vue sets `endpoint`, `token` and
// `assets` as properties (the element has them) and turns `onLivenessComplete` into a `liveness-complete`
// listener. With in-DOM or runtime-compiled templates instead, tell Vue the tag is not a component:
//   app.config.compilerOptions.isCustomElement = (tag) => tag === 'liveness-check';
// and with SFC templates, the same function under @vitejs/plugin-vue's `template.compilerOptions`.
import { createApp, defineComponent, h, onMounted, ref } from 'vue';
import 'liveness-check';
import { ASSETS_URL, readResult, startSession } from '../shared/integrator-client.js';

const LivenessStep = defineComponent({
  setup() {
    const session = ref(null);
    const verdict = ref({ state: 'waiting', text: 'Preparing…' });

    onMounted(async () => {
      try {
        session.value = await startSession();
        verdict.value = { state: 'ready', text: 'Press start when you are ready.' };
      } catch (error) {
        verdict.value = { state: 'error', text: `Could not start the check: ${error.message}` };
      }
    });

    const onLivenessComplete = async (event) => {
      const result = await readResult(event.detail.sessionId);
      verdict.value = { state: result.status, text: `Check ${result.status}: ${result.decision ?? 'no decision'}` };
    };
    const onLivenessError = (event) => {
      if (!event.detail.recoverable) verdict.value = { state: 'error', text: event.detail.message };
    };

    return () => [
      h('h1', "Verify it's you"),
      session.value &&
        h('liveness-check', {
          mode: 'shotset',
          endpoint: session.value.endpoint,
          token: session.value.captureToken,
          assets: ASSETS_URL,
          onLivenessComplete,
          onLivenessError,
        }),
      h('p', { id: 'verdict', role: 'status', 'data-state': verdict.value.state }, verdict.value.text),
    ];
  },
});

createApp(LivenessStep).mount('#app');
