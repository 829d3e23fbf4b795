/**
 * A horizontal bar for a share in [0, 1], drawn next to the number it stands for; it is
 * decoration for sighted readers, the number beside it is the text equivalent.
 */
export function Bar({
  share,
  tone = 'accent',
}: {
  share: number | null;
  tone?: 'accent' | 'muted';
}) {
  const width = share === null || !Number.isFinite(share) ? 0 : Math.max(0, Math.min(1, share));
  return (
    <span class={`bar bar-${tone}`} aria-hidden="true">
      <span class="bar-fill" style={{ width: `${(width * 100).toFixed(2)}%` }} />
    </span>
  );
}
