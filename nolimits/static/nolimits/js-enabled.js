// Loaded at the top of <body>, before anything is drawn: GOV.UK Frontend's "JavaScript is on"
// classes. An external file, not an inline script, so the strict CSP needs no per-request nonce
// and a cached page carries none.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
