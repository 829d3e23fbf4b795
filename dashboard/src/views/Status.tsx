import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';
import type { Load } from '../model';

/** A polite "loading" line, announced to screen readers. */
export function Loading({ what }: { what: string }) {
  return (
    <p class="status" role="status">
      Loading {what}…
    </p>
  );
}

/** A failure the reader can act on, with the collector's own words. */
export function Failure({ title, error }: { title: string; error: ApiError }) {
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{title}</p>
      <p>{error.message}</p>
    </div>
  );
}

/** Renders a load: loading line, failure box, or `ready(data)`. */
export function Loaded<T>(props: {
  load: Load<T>;
  what: string;
  failed: string;
  ready: (data: T) => ComponentChildren;
}) {
  const { load } = props;
  if (load.status === 'loading') return <Loading what={props.what} />;
  if (load.status === 'failed') return <Failure title={props.failed} error={load.error} />;
  return <>{props.ready(load.data)}</>;
}
