// Drag and drop onto the upload form; the form works without this script.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var zone = document.querySelector("[data-drop]");
  if (!zone) { return; }
  var input = zone.querySelector("input[type=file]");
  var chosen = zone.querySelector("[data-chosen]");
  zone.classList.add("enhanced");
  Array.prototype.forEach.call(zone.querySelectorAll(".js-only"), function (el) {
    el.hidden = false;
  });
  function show() {
    var file = input.files && input.files[0];
    chosen.textContent = file ? chosen.dataset.template.replace("{name}", file.name) : "";
  }
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
});
