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

// Idle sign-out on live pages: the session cookie expires 30 minutes after the last request; a live page makes
// none while someone works in it, so activity renews the session (at most once a minute), and after the idle
// time without any activity the page leaves for the sign-in page (the session has expired by then).
(function () {
  "use strict";
  var last = Date.now(), lastPing = Date.now();
  function idleMinutes() {
    var el = document.querySelector("[data-session-idle-minutes]");
    return el ? parseInt(el.getAttribute("data-session-idle-minutes"), 10) : 0;
  }
  function active() {
    last = Date.now();
    if (idleMinutes() > 0 && last - lastPing > 60000) {
      lastPing = last;
      fetch("/account/ping", { credentials: "same-origin", headers: { "Accept": "application/json" } }).catch(function () { });
    }
  }
  ["keydown", "mousedown", "mousemove", "wheel", "touchstart"].forEach(function (e) {
    document.addEventListener(e, active, { passive: true });
  });
  setInterval(function () {
    var minutes = idleMinutes();
    if (minutes > 0 && Date.now() - last > minutes * 60000) {
      window.location.assign("/account/login?expired=true");
    }
  }, 20000);
})();
