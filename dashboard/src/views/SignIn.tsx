import type { Dashboard } from '../model';

/** Asks for the admin key; nothing else of the dashboard shows until the collector accepts it. */
export function SignIn({ model }: { model: Dashboard }) {
  const error = model.signInError.value;
  const notice = model.notice.value;
  const busy = model.signingIn.value;
  return (
    <main class="signin" id="main">
      <form
        class="signin-card"
        aria-labelledby="signin-title"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          void model.signIn(String(data.get('key') ?? ''));
        }}
      >
        <p class="brand">
          <span class="brand-mark" aria-hidden="true" />
          ahakit
        </p>
        <h1 id="signin-title">Sign in to the growth dashboard</h1>
        <p class="muted">
          Enter this collector's admin key (<code>AHAKIT_ADMIN_KEY</code>). It stays in this tab
          only and is sent to the collector's admin API.
        </p>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <label class="field">
          <span>Admin key</span>
          <input
            name="key"
            type="password"
            autoComplete="current-password"
            required
            spellcheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'signin-error' : undefined}
          />
        </label>
        {error && (
          <p class="field-error" id="signin-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button button-wide" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
