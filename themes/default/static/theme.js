/* Applies the reader's saved colour scheme before the first paint.
   Loaded as a tiny blocking script in <head> (no inline script, so a strict
   Content-Security-Policy stays possible). search.js wires the toggle. */
(function () {
  var root = document.documentElement;
  root.className += (root.className ? " " : "") + "js";
  try {
    var t = localStorage.getItem("statusref-theme");
    if (t === "dark" || t === "light") root.setAttribute("data-theme", t);
  } catch (e) { /* storage blocked: follow the OS */ }
})();
