import { createHash } from 'node:crypto';
import { CUSTOMER_MESSAGES, type CustomerLang } from './messages.js';
import type { TrackingView } from './view.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** JSON safe inside a <script> element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;
background:#f3f5f8;color:#1c2430}main{max-width:480px;margin:0 auto;padding:16px}
h1{font-size:1.1rem;margin:0 0 2px;color:#566}.code{color:#778;font-size:.85rem;margin:0 0 12px}
.card{background:#fff;border-radius:12px;padding:14px 16px;margin:0 0 12px;box-shadow:0 1px 3px #0001}
.status{font-size:1.35rem;font-weight:600;margin:0}.row{display:flex;justify-content:space-between;gap:8px;margin:6px 0}
.row span:first-child{color:#667}.eta{font-size:2rem;font-weight:700;color:#0b6bcb}
svg{width:100%;height:auto;display:block;background:#eef3ea;border-radius:10px}
.live{font-size:.8rem;color:#4a7}.live.off{color:#c60}fieldset{border:0;padding:0;margin:0 0 12px}
legend{margin-bottom:6px}.scale{display:flex;flex-wrap:wrap;gap:6px}.scale label{flex:1 0 36px}
.scale input{position:absolute;opacity:0}.scale span{display:block;text-align:center;padding:9px 0;border:1px solid #bcc;
border-radius:8px;background:#fff}.scale input:checked+span{background:#0b6bcb;color:#fff;border-color:#0b6bcb}
.scale input:focus-visible+span{outline:2px solid #0b6bcb;outline-offset:2px}
textarea{width:100%;min-height:70px;font:inherit;padding:8px;border:1px solid #bcc;border-radius:8px}
button{width:100%;font:inherit;font-weight:600;padding:12px;border:0;border-radius:10px;background:#0b6bcb;color:#fff}
button:disabled{opacity:.6}.note{margin:10px 0 0}.note.bad{color:#b00}`;

/** Renders the page's dynamic part from the view, in the browser; the server sends the same function's first view. */
const CLIENT = `
(function(){
var M=JSON.parse(document.getElementById('m').textContent);
var view=JSON.parse(document.getElementById('v').textContent);
var lang=document.documentElement.lang==='en'?'en':'zh';
var base=location.pathname.replace(/\\/$/,'');
function t(k,p){var s=M[k]||k;for(var x in p||{})s=s.split('{'+x+'}').join(p[x]);return s}
function el(tag,attrs,kids){var e=document.createElement(tag);for(var a in attrs||{})e.setAttribute(a,attrs[a]);
(kids||[]).forEach(function(k){e.append(k)});return e}
function time(ms){return new Intl.DateTimeFormat(lang==='en'?'en-GB':'zh-CN',{hour:'2-digit',minute:'2-digit',timeZone:view.timeZone}).format(ms)}
function day(ms){return new Intl.DateTimeFormat(lang==='en'?'en-GB':'zh-CN',{month:'short',day:'numeric',weekday:'short',timeZone:view.timeZone}).format(ms)}
function row(k,v,id){return el('div',{class:'row'},[el('span',{},[t(k)]),el('strong',id?{'data-testid':id}:{},[v])])}
function statusText(v){var n=v.engineerName&&v.engineerName[lang];
if(v.status==='on_the_way'||v.status==='on_site')return n?t('status.'+v.status,{name:n}):t('status.'+v.status+'_anon');
return t('status.'+v.status)}
function svgMap(m){var NS='http://www.w3.org/2000/svg';var s=document.createElementNS(NS,'svg');
s.setAttribute('viewBox','-100 -100 200 200');s.setAttribute('role','img');s.setAttribute('aria-label',t('mapLabel'));
s.setAttribute('data-testid','track-map');
var k=Math.cos(m.site.lat*Math.PI/180);var dx=(m.engineer.lon-m.site.lon)*111.32*k,dy=(m.engineer.lat-m.site.lat)*110.57;
var km=Math.sqrt(dx*dx+dy*dy);var r=Math.max(0.5,km*1.25);var sc=85/r;
function add(tag,a){var e=document.createElementNS(NS,tag);for(var x in a)e.setAttribute(x,a[x]);s.appendChild(e);return e}
add('circle',{cx:0,cy:0,r:85*km/r,fill:'none',stroke:'#9ab','stroke-dasharray':'3 4'});
add('line',{x1:0,y1:0,x2:dx*sc,y2:-dy*sc,stroke:'#0b6bcb','stroke-width':2,'stroke-dasharray':'6 4'});
add('circle',{cx:0,cy:0,r:7,fill:'#d33',stroke:'#fff','stroke-width':2});
var you=add('text',{x:10,y:-10,'font-size':11,fill:'#333'});you.textContent=t('you');
add('circle',{cx:dx*sc,cy:-dy*sc,r:8,fill:'#0b6bcb',stroke:'#fff','stroke-width':3,'data-testid':'track-engineer'});
var d=add('text',{x:-95,y:94,'font-size':11,fill:'#333'});d.textContent=t('away',{km:km.toFixed(1)});
return s}
function survey(){var f=el('form',{'data-testid':'track-survey'});
function scale(name,from,to,label){var fs=el('fieldset',{},[el('legend',{},[t(label)])]);var sc=el('div',{class:'scale'});
for(var i=from;i<=to;i++)sc.append(el('label',{},[el('input',{type:'radio',name:name,value:String(i)}),el('span',{},[String(i)])]));
fs.append(sc);return fs}
var note=el('p',{class:'note','aria-live':'polite'});var btn=el('button',{type:'submit'},[t('send')]);
f.append(el('h2',{class:'status'},[t('surveyTitle')]),scale('satisfaction',1,5,'satisfaction'),scale('recommend',0,10,'recommend'),
el('label',{},[t('comment'),el('textarea',{name:'comment',maxlength:'1000'})]),btn,note);
f.addEventListener('submit',function(ev){ev.preventDefault();var d=new FormData(f);
if(!d.get('satisfaction')||!d.get('recommend')){note.textContent=t('pick');note.className='note bad';return}
btn.disabled=true;btn.textContent=t('sending');sending=true;
fetch(base+'/survey',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({satisfaction:Number(d.get('satisfaction')),
recommend:Number(d.get('recommend')),comment:String(d.get('comment')||'')})}).then(function(r){sending=false;
if(r.status===201){view.survey='answered';surveyNote=t('thanks');render()}else if(r.status===409){view.survey='answered';surveyNote=t('already');render()}
else failed(t(r.status===429?'slow':'failed'))
}).catch(function(){sending=false;failed(t('failed'))})});
function failed(text){if(view.survey!=='open')return render();btn.disabled=false;btn.textContent=t('send');note.textContent=text;note.className='note bad'}
return f}
var liveEl=el('p',{class:'live'},[t('live')]);
/* What the survey's own answer said (thanks, or answered already), kept over later live updates; and whether an answer
is on its way, while which a live update saying "answered" (the server tells every page, this one too) waits for it. */
var surveyNote=null,sending=false;
function render(){var v=view;var root=document.getElementById('app');root.textContent='';
var head=el('div',{class:'card'},[el('p',{class:'status','data-testid':'track-status'},[statusText(v)])]);
if(v.window)head.append(row('window',day(v.window.start)+' '+time(v.window.start)+'–'+time(v.window.end),'track-window'));
if(v.planned)head.append(row('planned',day(v.planned)===day(v.now)?time(v.planned):day(v.planned)+' '+time(v.planned),'track-planned'));
if(v.engineerName)head.append(row('engineer',v.engineerName[lang],'track-engineer-name'));
root.append(head);
if(v.eta){var mins=Math.max(0,Math.round((v.eta-v.now)/60000));
root.append(el('div',{class:'card'},[el('div',{},[t('eta')]),el('div',{class:'eta','data-testid':'track-eta','data-eta':String(v.eta)},[time(v.eta)]),
el('div',{'data-testid':'track-eta-minutes'},[t('etaMinutes',{m:mins})])]))}
if(v.map)root.append(el('div',{class:'card'},[svgMap(v.map)]));
if(v.survey==='open')root.append(el('div',{class:'card'},[survey()]));
if(v.survey==='answered')root.append(el('div',{class:'card'},[el('p',{'data-testid':'track-survey-done'},[surveyNote||t('already')])]));
if(v.status!=='completed'&&v.status!=='cancelled')root.append(liveEl)}
render();
if(window.EventSource){var es=new EventSource(base+'/events');
es.addEventListener('view',function(e){var next=JSON.parse(e.data);var keep=view.survey==='open'&&(sending||next.survey==='open'&&document.querySelector('[data-testid=track-survey] input:checked'));
view=next;if(!keep)render()});
es.addEventListener('expired',function(){es.close();location.reload()});
es.onerror=function(){liveEl.textContent=t('offline');liveEl.className='live off'};
es.onopen=function(){liveEl.textContent=t('live');liveEl.className='live'}}
})();`;

/** The page's head; its style allowed by a nonce, or (without one) by the style's hash, STYLE_HASH. */
const HEAD = (lang: CustomerLang, title: string, nonce: string | null) =>
  `<!doctype html><html lang="${lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">` +
  `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">` +
  `<meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title>` +
  `<style${nonce === null ? '' : ` nonce="${nonce}"`}>${STYLE}</style></head>`;

/** The Content-Security-Policy source that allows the page's style without a nonce. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** The tracking page for one order: its first view inline, then live updates from /events. */
export function trackingPage(view: TrackingView, lang: CustomerLang, nonce: string): string {
  const m = CUSTOMER_MESSAGES[lang];
  return (
    HEAD(lang, m.title, nonce) +
    `<body><main><h1>${escapeHtml(m.title)}</h1><p class="code">${escapeHtml(m.order.replace('{code}', view.code))}</p>` +
    `<div id="app"></div></main>` +
    `<script type="application/json" id="m">${scriptJson(m)}</script>` +
    `<script type="application/json" id="v">${scriptJson(view)}</script>` +
    `<script nonce="${nonce}">${CLIENT}</script></body></html>`
  );
}

/**
 * The plain page for a wrong or expired link: nothing about any order, and the same bytes every time (it has no
 * script, and its style is allowed by STYLE_HASH), so the server sends it prepared.
 */
export function expiredPage(lang: CustomerLang): string {
  const m = CUSTOMER_MESSAGES[lang];
  return (
    HEAD(lang, m.expiredTitle, null) +
    `<body><main><div class="card"><p class="status" data-testid="track-expired">${escapeHtml(m.expiredTitle)}</p>` +
    `<p>${escapeHtml(m.expired)}</p></div></main></body></html>`
  );
}
