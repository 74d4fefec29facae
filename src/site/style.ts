/** assets/site.css: one small stylesheet, no fonts or images to fetch. */
export const SITE_CSS = `:root{color-scheme:light dark;--fg:#1b1b1f;--muted:#5c5f66;--line:#d9dbe0;--accent:#4b3fd6;--ok:#177245;--bad:#b42318;--bg:#fff;--chip:#eef0f4}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8ec;--muted:#a4a7ae;--line:#3a3d44;--accent:#a59cff;--ok:#5dd39e;--bad:#ff8a80;--bg:#16171a;--chip:#26282d}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:64rem;padding:1.5rem;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
code,pre,textarea{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
pre{background:var(--chip);padding:.75rem;overflow:auto;border-radius:6px}
h1{margin:.2rem 0}
.id{margin:0;color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1rem 0}
.filters input[type=search]{flex:1 1 16rem;padding:.5rem .75rem;font-size:1rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
select{padding:.35rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
#count{color:var(--muted)}
#skills{list-style:none;padding:0;display:grid;gap:1rem}
.skill{border:1px solid var(--line);border-radius:8px;padding:1rem}
.skill h2{margin:0;font-size:1.2rem}
.skill p{margin:.3rem 0}
.meta span{display:inline-block;margin:.1rem .2rem .1rem 0;padding:0 .5rem;border-radius:999px;background:var(--chip);font-size:.85em}
.meta .model{background:var(--accent);color:var(--bg)}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
td:last-child{min-width:16rem}
.table{overflow-x:auto}
textarea{width:100%;padding:.5rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
button{padding:.4rem 1rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:var(--bg);font-size:1rem;cursor:pointer}
#result.valid{color:var(--ok)}
#result.invalid{color:var(--bad)}
#result ul{font-family:ui-monospace,monospace;font-size:.85rem}
.profile{font-style:italic}
`;
