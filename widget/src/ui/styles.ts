/**
 * The widget's CSS, scoped by its shadow roots (and prefixed `ak-` all the same). Theme
 * values come in as custom properties on `.ak-root` (`--a` accent, `--r` radius, `--x`/`--y`
 * offsets); positions use logical properties, so `dir="rtl"` mirrors corners and layout.
 * The checklist and the nudges each have a shadow root; what they share comes first.
 */
const BASE = `
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

/** The checklist's launcher and panel. */
export const CSS = `${BASE}
.ak-launcher,.ak-panel{position:fixed;bottom:var(--y);inset-inline-end:var(--x)}
.ak-start .ak-launcher,.ak-start .ak-panel{inset-inline-end:auto;inset-inline-start:var(--x)}
.ak-launcher{display:flex;align-items:center;gap:6px;padding:6px 12px;border:2px solid var(--b);border-radius:999px;background:var(--a);color:#fff;font:inherit;font-weight:600;cursor:pointer;box-shadow:0 4px 14px #0003}
.ak-small{padding:3px 10px;font-size:12px;font-weight:500}
.ak-panel{bottom:calc(var(--y) + 44px);width:320px;max-height:calc(100vh - 80px);overflow:auto;padding:16px;background:var(--b);border:1px solid var(--l);border-radius:var(--r);box-shadow:0 12px 32px #0004}
.ak-panel[hidden]{display:none}
@media(max-width:400px){.ak-panel,.ak-start .ak-panel{inset-inline:8px;width:auto}}
.ak-bar{height:6px;margin:12px 0;border-radius:3px;background:var(--l);overflow:hidden}
.ak-fill{height:100%;background:var(--a);transition:width .4s}
.ak-items{list-style:none;margin:0;padding:0}
.ak-item{display:flex;gap:10px;padding:8px 0;border-top:1px solid var(--l)}
.ak-check{flex:none;display:grid;place-items:center;width:20px;height:20px;border:2px solid var(--l);border-radius:50%;color:#fff;font-size:12px}
.ak-is-done .ak-check{background:var(--a);border-color:var(--a)}
.ak-name{display:block;padding:0;border:0;background:none;color:inherit;font:inherit;font-weight:600;text-align:start}
button.ak-name{cursor:pointer;text-decoration:underline}
button.ak-name:disabled{cursor:not-allowed;opacity:.6;text-decoration:none}
.ak-is-done .ak-name{color:var(--m);text-decoration:line-through}
.ak-body,.ak-why{margin:2px 0 0;color:var(--m);font-size:13px}
.ak-foot{margin-top:8px;text-align:end}
.ak-done{margin:0 0 12px;padding:10px;border-radius:calc(var(--r)/2);background:color-mix(in srgb,var(--a) 14%,transparent)}
.ak-celebrate{animation:ak-pop .7s ease-out}
@keyframes ak-pop{0%{transform:scale(.85);opacity:0}60%{transform:scale(1.05)}}
.ak-ring{position:fixed;pointer-events:none;outline:3px solid var(--a);outline-offset:4px;border-radius:4px}
`;

/** Modals, banners, cards and tooltips. */
export const NUDGE_CSS = `${BASE}
.ak-box{position:fixed;box-sizing:border-box;width:360px;max-width:calc(100vw - 16px);padding:16px;background:var(--b);border:1px solid var(--l);border-radius:var(--r);box-shadow:0 12px 32px #0004;animation:ak-in .2s ease-out}
.ak-box:focus{outline:none}
.ak-scrim{position:fixed;inset:0;background:#0009}
.ak-modal{top:50%;left:50%;width:440px;transform:translate(-50%,-50%)}
.ak-banner{display:flex;flex-wrap:wrap;align-items:center;gap:4px 16px;inset-inline:0;width:auto;max-width:none;padding:10px 16px;border-radius:0}
.ak-banner .ak-head{flex:1 1 240px}
.ak-banner .ak-acts{margin:0}
.ak-top{top:0}
.ak-bottom{bottom:0}
.ak-card{bottom:calc(var(--y) + 52px);inset-inline-end:var(--x)}
.ak-bottom-left{inset-inline-end:auto;inset-inline-start:var(--x)}
.ak-tip{width:300px}
.ak-tip[hidden]{display:block;visibility:hidden}
.ak-arrow{position:absolute;width:12px;height:12px;margin:-7px;background:inherit;border:inherit;border-radius:0;transform:rotate(45deg)}
.ak-s-bottom .ak-arrow{top:0;border-right:0;border-bottom:0}
.ak-s-top .ak-arrow{top:100%;border-left:0;border-top:0}
.ak-s-right .ak-arrow{left:0;border-top:0;border-right:0}
.ak-s-left .ak-arrow{left:100%;border-bottom:0;border-left:0}
.ak-desc a{color:inherit;font-weight:600}
.ak-acts{display:flex;flex-wrap:wrap;align-items:center;gap:8px 14px;margin-top:12px}
.ak-cta{padding:8px 14px;border:0;border-radius:8px;background:var(--a);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.ak-root :focus-visible{outline:2px solid var(--a);outline-offset:2px}
@keyframes ak-in{from{opacity:0}}
`;
