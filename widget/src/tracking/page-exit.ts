/** Calls `onExit` when the page is hidden or unloaded: the last moment to send. */
export function watchPageExit(win: Window, onExit: () => void): () => void {
  const doc = win.document;
  // Mobile browsers often kill a hidden tab without pagehide; hidden is the reliable signal.
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') onExit();
  };
  win.addEventListener('pagehide', onExit);
  doc?.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', onExit);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
}
