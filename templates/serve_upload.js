// Drag-and-drop for the upload form of `fazhi serve`: dropped files go into the form's own
// file input, and their names are listed (as text, never as markup). Without this script the
// plain file input still works.
document.addEventListener("DOMContentLoaded", function () {
  var drop = document.getElementById("drop");
  var input = document.getElementById("files");
  var chosen = document.getElementById("chosen");
  if (!drop || !input || !chosen) return;
  function list() {
    chosen.textContent = "";
    for (var i = 0; i < input.files.length; i++) {
      var li = document.createElement("li");
      li.textContent = input.files[i].name + "（" + Math.ceil(input.files[i].size / 1024) + " KB）";
      chosen.appendChild(li);
    }
  }
  input.addEventListener("change", list);
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      list();
    }
  });
});
