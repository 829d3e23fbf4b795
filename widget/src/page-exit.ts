/** Calls `onExit` when the page is hidden or unloaded: the last moment to send. */
export function watchPageExit(win: Window, doc: Document, onExit: () => void): () => void {
  const onPageHide = () => onExit();
  // Mobile browsers often kill a hidden tab without pagehide; hidden is the reliable signal.
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') onExit();
  };
  win.addEventListener('pagehide', onPageHide);
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', onPageHide);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
