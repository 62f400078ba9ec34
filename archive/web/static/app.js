// Small progressive touches; every page works without them.
//  - sort selects submit their form when changed;
//  - on an item page, choosing an entry re-marks the page images in place (the link it
//    replaces loads the same page with ?entry=N);
//  - a page image that cannot be rendered says so instead of showing a broken image.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select.autosubmit").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) select.form.requestSubmit();
    });
  });

  document.querySelectorAll("img.page-image").forEach(function (img) {
    img.addEventListener("error", function () {
      var note = document.createElement("p");
      note.className = "notice";
      note.textContent = img.dataset.unavailable || "";
      img.replaceWith(note);
    });
  });

  var holder = document.getElementById("item-data");
  if (!holder) return;
  // JSON data, read as data: never evaluated.
  var data = JSON.parse(holder.textContent);
  var rows = document.querySelectorAll("tr.entry[data-entry]");

  function choose(n, push) {
    rows.forEach(function (row) {
      var on = Number(row.dataset.entry) === n;
      row.classList.toggle("chosen", on);
      if (on) row.setAttribute("aria-current", "true");
      else row.removeAttribute("aria-current");
    });
    var first = (data.entries[n] || [])[0];
    document.querySelectorAll("figure.page[data-page]").forEach(function (figure) {
      var page = Number(figure.dataset.page);
      var img = figure.querySelector("img.page-image");
      if (!img) return;
      var url = new URL(data.image + page + ".png", window.location.href);
      url.searchParams.set("item", data.item);
      url.searchParams.set("entry", String(n));
      img.src = url.pathname + url.search;
      if (page === first) {
        figure.parentNode.insertBefore(figure, figure.parentNode.firstChild);
      }
    });
    if (push) {
      var here = new URL(window.location.href);
      here.searchParams.set("entry", String(n));
      here.hash = "entry-" + n;
      window.history.replaceState(null, "", here.pathname + here.search + here.hash);
    }
  }

  rows.forEach(function (row) {
    var link = row.querySelector("a.show");
    if (!link) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      choose(Number(row.dataset.entry), true);
      var pages = document.getElementById("pages");
      if (pages) pages.scrollIntoView({ block: "start", behavior: "smooth" });
    });
  });
});
