import { BASE_CSS } from '../styles';

/** Modals, banners, cards and tooltips. */
export const NUDGE_CSS = `${BASE_CSS}
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
.ak-tip{width:300px;top:0;left:0;visibility:hidden}
.ak-arrow{position:absolute;width:12px;height:12px;background:inherit;border:inherit;border-radius:0;transform:rotate(45deg)}
[data-side=bottom] .ak-arrow{top:-7px;border-right:0;border-bottom:0}
[data-side=top] .ak-arrow{bottom:-7px;border-left:0;border-top:0}
[data-side=right] .ak-arrow{left:-7px;border-top:0;border-right:0}
[data-side=left] .ak-arrow{right:-7px;border-bottom:0;border-left:0}
.ak-desc a{color:inherit;font-weight:600}
.ak-acts{display:flex;flex-wrap:wrap;align-items:center;gap:8px 14px;margin-top:12px}
.ak-cta{padding:8px 14px;border:0;border-radius:8px;background:var(--a);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.ak-root :focus-visible{outline:2px solid var(--a);outline-offset:2px}
@keyframes ak-in{from{opacity:0}}
`;
