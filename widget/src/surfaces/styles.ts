/**
 * The widget's CSS, scoped by its shadow roots (and prefixed `ak-` all the same). Theme
 * values come in as custom properties on `.ak-root` (`--a` accent, `--r` radius, `--x`/`--y`
 * offsets); positions use logical properties, so `dir="rtl"` mirrors corners and layout.
 * The checklist and the nudges each have a shadow root; what they share comes first.
 */
export const BASE_CSS = `
.ak-root{--b:#fff;--f:#1d1c1d;--m:#5e5d60;--l:#e2e2e6;font:14px/1.4 system-ui,sans-serif;color:var(--f)}
@media(prefers-color-scheme:dark){.ak-root{--b:#1f2024;--f:#ececee;--m:#b0b0b6;--l:#3b3c42}}
.ak-head{display:flex;align-items:flex-start;gap:8px}
.ak-title{flex:1;margin:0;font-size:16px;line-height:1.3}
.ak-x{border:0;background:none;color:var(--m);font:inherit;font-size:20px;line-height:1;padding:2px 6px;border-radius:6px;cursor:pointer}
.ak-desc{margin:4px 0 0;color:var(--m)}
.ak-link{border:0;background:none;color:var(--m);font:inherit;font-size:12px;text-decoration:underline;cursor:pointer}
.ak-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media(prefers-reduced-motion:reduce){.ak-root *{animation:none!important;transition:none!important}}
`;
