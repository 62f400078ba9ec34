// Small progressive touches; every page works without them.
//  - sort selects submit their form when changed, and empty fields stay out of the address;
//  - on an item page, the page images scroll to the marked lines, and choosing an entry
//    re-marks the images in place (the link it replaces loads the page with ?entry=N);
//  - a page image that cannot be rendered says so instead of showing a broken image.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select.autosubmit").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) select.form.requestSubmit();
    });
  });

  document.querySelectorAll("form[method=get]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name], select[name]").forEach(function (field) {
        if (field.value === "" && field.type !== "checkbox") field.disabled = true;
      });
    });
  });

  // Back to a page kept by the browser's cache: its fields must work again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[method=get] [disabled]").forEach(function (field) {
      field.disabled = false;
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
  var container = document.getElementById("pages");

  // Scroll the page images to the first marked line of entry n (of the whole item for null).
  function reveal(n) {
    var boxes = n === null ? [].concat.apply([], data.boxes) : data.boxes[n] || [];
    if (!boxes.length || !container) return;
    var box = boxes[0]; // [page, top, bottom] in points
    var size = data.sizes[String(box[0])];
    var figure = container.querySelector('figure.page[data-page="' + box[0] + '"]');
    var img = figure && figure.querySelector("img.page-image");
    if (!size || !img) return;
    var top = img.getBoundingClientRect().top - container.getBoundingClientRect().top;
    var y = container.scrollTop + top + (box[1] / size[1]) * img.clientHeight;
    container.scrollTop = Math.max(0, y - container.clientHeight / 3);
  }

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
    reveal(n);
    if (push) {
      var here = new URL(window.location.href);
      here.searchParams.set("entry", String(n));
      here.hash = "entry-" + n;
      window.history.replaceState(null, "", here.pathname + here.search + here.hash);
    }
  }

  reveal(data.chosen);

  rows.forEach(function (row) {
    var link = row.querySelector("a.show");
    if (!link) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      choose(Number(row.dataset.entry), true);
    });
  });
});
