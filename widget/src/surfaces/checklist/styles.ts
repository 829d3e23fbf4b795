import { BASE_CSS } from '../styles';

/** The checklist's launcher and panel. */
export const CHECKLIST_CSS = `${BASE_CSS}
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
