// Upload (county office): many files or zips, picked or dropped, sent to the API's batch endpoint with the
// browser session; the batch page then shows the progress live. No build step: this file is served as is.
(function () {
  "use strict";
  function upload(files, zone) {
    if (!files || files.length === 0 || !zone) return;
    var status = zone.querySelector("[data-upload-status]");
    var form = new FormData();
    for (var i = 0; i < files.length; i++) form.append("files", files[i], files[i].name);
    status.classList.remove("upload-error");
    status.textContent = "正在上传 " + files.length + " 个文件…";
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/batches");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) status.textContent = "正在上传 " + files.length + " 个文件：" + Math.round(e.loaded * 100 / e.total) + "%";
    };
    xhr.onload = function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
      if (xhr.status === 202 && body && body.id) {
        status.textContent = "上传完成，正在打开批次…";
        window.location.assign("/batches/" + body.id);
      } else {
        status.classList.add("upload-error");
        status.textContent = "上传被拒绝（" + xhr.status + "）：" + ((body && body.error) || xhr.statusText);
      }
    };
    xhr.onerror = function () {
      status.classList.add("upload-error");
      status.textContent = "上传失败：无法连接服务器";
    };
    xhr.send(form);
  }
  function zoneOf(target) { return target && target.closest ? target.closest("[data-dropzone]") : null; }
  document.addEventListener("change", function (e) {
    if (e.target && e.target.matches && e.target.matches("input[data-upload-input]")) {
      upload(e.target.files, zoneOf(e.target));
    }
  });
  document.addEventListener("dragover", function (e) {
    var z = zoneOf(e.target);
    if (z) { e.preventDefault(); z.classList.add("drag"); }
  });
  document.addEventListener("dragleave", function (e) {
    var z = zoneOf(e.target);
    if (z) z.classList.remove("drag");
  });
  document.addEventListener("drop", function (e) {
    var z = zoneOf(e.target);
    if (z) { e.preventDefault(); z.classList.remove("drag"); upload(e.dataTransfer.files, z); }
  });
  // Review queue keys: J/K next/previous, Enter confirm, E edit (the page's buttons carry data-key).
  document.addEventListener("keydown", function (e) {
    var page = document.querySelector("[data-review-keys]");
    if (!page || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    var key = e.key === "Enter" ? "enter" : (e.key || "").toLowerCase();
    var button = page.querySelector("[data-key='" + key + "']");
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  });
})();
