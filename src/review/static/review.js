// chartscan review: keyboard shortcuts and field-box highlighting. No values leave the page.
"use strict";
(function () {
  function editing(e) {
    const t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
  }
  function go(id) { const a = document.getElementById(id); if (a) { window.location.href = a.href; } }

  // ---- queue page: j/k move between documents, Enter opens (links are focusable)
  const qlinks = Array.from(document.querySelectorAll("#queue a.doclink"));
  if (qlinks.length) {
    if (!document.activeElement || document.activeElement === document.body) qlinks[0].focus();
    document.addEventListener("keydown", function (e) {
      if (editing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
      const i = qlinks.indexOf(document.activeElement);
      if (e.key === "j" || e.key === "ArrowDown") { qlinks[Math.min(qlinks.length - 1, i + 1)].focus(); e.preventDefault(); }
      if (e.key === "k" || e.key === "ArrowUp") { qlinks[Math.max(0, i - 1)].focus(); e.preventDefault(); }
    });
  }

  // ---- document page
  const fields = Array.from(document.querySelectorAll("li.field"));
  if (!fields.length) return;
  let zoom = 1;

  function highlight(li) {
    document.querySelectorAll(".pagebox .hl").forEach(function (h) { h.hidden = true; });
    fields.forEach(function (f) { f.classList.remove("current"); });
    li.classList.add("current");
    const page = li.dataset.page, box = li.dataset.box;
    if (page) {
      const t = document.getElementById("text-" + page);
      if (t) t.open = true;
    }
    if (!page || !box) return;
    const pb = document.querySelector('.pagebox[data-page="' + page + '"]');
    if (!pb) return;
    const [x, y, w, h] = box.split(",").map(Number);
    const W = Number(pb.dataset.w), H = Number(pb.dataset.h);
    if (!W || !H) return;
    const hl = pb.querySelector(".hl");
    const pad = 0.004;
    hl.style.left = (x / W * 100 - pad * 100) + "%";
    hl.style.top = (y / H * 100 - pad * 100) + "%";
    hl.style.width = (w / W * 100 + 2 * pad * 100) + "%";
    hl.style.height = (h / H * 100 + 2 * pad * 100) + "%";
    hl.hidden = false;
    hl.scrollIntoView({ block: "center", inline: "nearest" });
  }
  function current() {
    const a = document.activeElement;
    return a ? a.closest("li.field") : null;
  }
  function move(d) {
    const c = current();
    let i = c ? fields.indexOf(c) + d : 0;
    i = Math.max(0, Math.min(fields.length - 1, i));
    fields[i].focus();
  }
  function submitOp(li, op) {
    const b = li.querySelector('button[value="' + op + '"]');
    if (b && !b.disabled) li.querySelector("form").requestSubmit(b);
  }
  function setZoom(z) {
    zoom = Math.max(0.5, Math.min(4, z));
    document.querySelectorAll(".pagebox").forEach(function (p) { p.style.width = (zoom * 100) + "%"; });
    const l = document.getElementById("zoom-level");
    if (l) l.textContent = Math.round(zoom * 100) + "%";
    const c = current();
    if (c) highlight(c);
  }

  fields.forEach(function (li) {
    li.addEventListener("focusin", function () { highlight(li); });
    const input = li.querySelector("input.edit");
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { li.focus(); e.preventDefault(); e.stopPropagation(); }
    });
  });
  const zi = document.getElementById("zoom-in"), zo = document.getElementById("zoom-out");
  if (zi) zi.addEventListener("click", function () { setZoom(zoom * 1.25); });
  if (zo) zo.addEventListener("click", function () { setZoom(zoom / 1.25); });

  document.addEventListener("keydown", function (e) {
    if (editing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    const c = current();
    switch (e.key) {
      case "j": case "ArrowDown": move(1); break;
      case "k": case "ArrowUp": move(-1); break;
      case "a": if (c) submitOp(c, "accept"); break;
      case "x": if (c) submitOp(c, "absent"); break;
      case "Enter": if (!c || document.activeElement !== c) return; // else: edit, as e
      // falls through
      case "e": if (c) { const i = c.querySelector("input.edit"); i.focus(); i.select(); } break;
      case "d": { const b = document.getElementById("accept-doc"); if (b) b.form.requestSubmit(b); break; }
      case "n": go("next-doc"); break;
      case "p": go("prev-doc"); break;
      case "+": case "=": setZoom(zoom * 1.25); break;
      case "-": setZoom(zoom / 1.25); break;
      case "/": { const s = document.getElementById("patient-search"); if (s) s.focus(); break; }
      case "t": { const s = document.getElementById("doc-type"); if (s) s.focus(); break; }
      default: return;
    }
    e.preventDefault();
  });

  // Focus the field the server asked for (after a save: the next one); keep an error's field in edit.
  const doc = document.querySelector(".doc");
  const want = doc && doc.dataset.focus;
  const li = (want && document.getElementById("field-" + want)) || fields[0];
  if (document.getElementById("error")) {
    const i = li.querySelector("input.edit"); i.focus(); highlight(li);
  } else {
    li.focus();
  }
})();
