import type { Dashboard } from '../model';
import { hrefOf } from '../routes';

/** Opens a user's or an account's page by id. */
export function SubjectSearch({
  model,
  kind = 'user',
  id = '',
}: {
  model: Dashboard;
  kind?: 'user' | 'account';
  id?: string;
}) {
  return (
    <form
      class="search"
      aria-label="Find a user or account"
      key={`${kind}:${id}`}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const which = data.get('kind') === 'account' ? 'account' : 'user';
        const text = String(data.get('id') ?? '').trim();
        if (text) model.navigate(hrefOf({ page: 'subject', kind: which, id: text }));
      }}
    >
      <label class="select">
        <span>Look up</span>
        <select name="kind" defaultValue={kind}>
          <option value="user">User</option>
          <option value="account">Account</option>
        </select>
      </label>
      <label class="grow">
        <span>Id</span>
        <input
          name="id"
          type="search"
          defaultValue={id}
          placeholder="user or account id"
          required
          autoComplete="off"
          spellcheck={false}
        />
      </label>
      <button type="submit" class="button">
        Open
      </button>
    </form>
  );
}
