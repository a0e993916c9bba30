/*
 * fengong: Material's first inline script (partials/javascripts/base.html), as a file: where
 * the site's local storage keys start (__md_scope) and the helpers that read and write them.
 * Material writes the page's base_url into that script, so its text, and its hash in the
 * Content-Security-Policy, differed with each page's depth; here the base comes from the
 * script element's data-md-scope, and every page runs the same file. Loaded without defer
 * in <head> (hooks/fengong/pages/theme/partials/javascripts/base.html), so the helpers exist
 * before the theme's inline scripts below it run, as they did.
 */
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
