// The workspace's one stylesheet, served from /staff/assets/style.css (the pages' CSP allows only
// 'self' styles: no inline style attributes). Large type and targets for phones; tables scroll
// sideways on a narrow screen instead of squeezing Thai names.
export const STYLE_CSS = `
:root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --brand:#0e7c66; --warn:#b45309; --bad:#b91c1c; --ok:#15803d; --bg:#f8fafc; }
* { box-sizing: border-box; }
body { margin:0; font-family: system-ui, "Sarabun", "Noto Sans Thai", "Loma", Tahoma, sans-serif; font-size:17px; line-height:1.55; color:var(--ink); background:var(--bg); }
a { color: var(--brand); }
header.top { display:flex; align-items:center; justify-content:space-between; gap:8px; padding:10px 14px; background:var(--brand); color:#fff; }
header.top .office { font-weight:700; }
header.top .btn.plain { color:#fff; border-color:rgba(255,255,255,.6); background:transparent; }
nav.nav { display:flex; flex-wrap:wrap; gap:4px; padding:8px 10px; background:#fff; border-bottom:1px solid var(--line); }
nav.nav a { padding:8px 12px; border-radius:8px; text-decoration:none; color:var(--ink); }
nav.nav a.active { background:var(--brand); color:#fff; }
main { max-width:1100px; margin:0 auto; padding:14px; }
main.bare { max-width:520px; padding-top:40px; }
h1 { font-size:1.45rem; margin:.2em 0 .6em; }
h2 { font-size:1.2rem; margin:1.2em 0 .5em; }
.card { background:#fff; border:1px solid var(--line); border-radius:12px; padding:14px; margin:0 0 12px; }
.muted { color:var(--muted); }
.notice { background:#ecfdf5; border:1px solid #a7f3d0; padding:10px 12px; border-radius:10px; }
.error { background:#fef2f2; border:1px solid #fecaca; padding:10px 12px; border-radius:10px; }
.warn { color:var(--warn); }
.table-wrap { overflow-x:auto; }
table { border-collapse:collapse; width:100%; background:#fff; }
th, td { text-align:left; vertical-align:top; padding:8px 10px; border-bottom:1px solid var(--line); }
th { background:#f1f5f9; font-weight:600; white-space:nowrap; }
form.inline { display:inline; margin:0; }
.btn { display:inline-block; font:inherit; font-size:1rem; padding:9px 16px; min-height:44px; border-radius:10px; border:1px solid transparent; cursor:pointer; text-decoration:none; }
.btn.primary { background:var(--brand); color:#fff; }
.btn.danger { background:#fff; color:var(--bad); border-color:var(--bad); }
.btn.plain { background:#fff; color:var(--ink); border-color:var(--line); }
.actions { display:flex; flex-wrap:wrap; gap:8px; align-items:center; }
.tag { display:inline-block; padding:2px 8px; border-radius:999px; background:#f1f5f9; font-size:.9rem; }
.tag.ok { background:#dcfce7; color:var(--ok); }
.tag.bad { background:#fee2e2; color:var(--bad); }
.tag.warn { background:#fef3c7; color:var(--warn); }
input[type=text], input[type=date], input[type=search], select, textarea { font:inherit; padding:8px 10px; border:1px solid #cbd5e1; border-radius:8px; min-height:44px; max-width:100%; }
textarea { width:100%; min-height:110px; }
label { display:block; margin:8px 0 4px; font-weight:600; }
dl.facts { display:grid; grid-template-columns: max-content 1fr; gap:4px 14px; margin:0; }
dl.facts dt { color:var(--muted); }
dl.facts dd { margin:0; }
img.attachment { max-width:100%; height:auto; border:1px solid var(--line); border-radius:8px; }
iframe.attachment { width:100%; height:70vh; border:1px solid var(--line); border-radius:8px; }
svg.chart { width:100%; height:auto; background:#fff; border:1px solid var(--line); border-radius:12px; }
@media (max-width: 600px) {
  body { font-size:16px; }
  main { padding:10px; }
  th, td { padding:7px 6px; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dt { margin-top:6px; }
}
.chart-box { max-width:480px; }
/* the registers and health pages: a reference or a status pill kept on one line */
.nowrap { white-space:nowrap; }
/* people pages (hand-offs, staff admin): a hand-off's messages as a chat keeping line breaks; an invitation code read at a glance */
ol.chat { list-style:none; padding:0; margin:0 0 12px; }
ol.chat li { background:#fff; border:1px solid var(--line); border-radius:12px; padding:8px 12px; margin:0 0 8px; max-width:92%; }
ol.chat li.staff { margin-left:auto; background:#ecfdf5; border-color:#a7f3d0; }
ol.chat .who { font-size:.9rem; color:var(--muted); }
ol.chat .text { white-space:pre-wrap; overflow-wrap:anywhere; }
.invite-code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size:2rem; font-weight:700; letter-spacing:.12em; margin:.3em 0; }
.spaced { margin-top:12px; }
/* The case pages (cases.tsx, case.tsx): documents by section, decision forms, notes as typed. */
h3 { font-size:1.05rem; margin:.2em 0 .5em; }
figure.doc { margin:0 0 14px; }
figure.doc figcaption { margin-top:4px; }
.pre { white-space:pre-wrap; overflow-wrap:anywhere; }
fieldset { border:1px solid var(--line); border-radius:10px; margin:8px 0; padding:6px 12px 10px; }
legend { font-weight:600; padding:0 4px; }
label.check { display:flex; align-items:center; gap:10px; font-weight:400; min-height:44px; margin:0; }
input[type=checkbox] { width:22px; height:22px; flex:none; }
input[type=search] { flex:1 1 220px; }
form.decision select { width:100%; }
table.wide { min-width:720px; }
td.nowrap { white-space:nowrap; }
td.summary { min-width:220px; }
textarea.short { min-height:70px; }
details.decision > summary { cursor:pointer; font-weight:600; min-height:44px; padding:9px 16px; border:1px solid var(--brand); border-radius:10px; color:var(--brand); }
details.decision[open] > summary { margin-bottom:8px; }
details > summary { cursor:pointer; min-height:44px; padding:8px 0; }
td .tag { white-space:nowrap; }
td.kind { min-width:120px; }
`;
