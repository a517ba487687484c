// The chapter editor page: autosave with the version check, image upload into the
// editor, and Word-friendly pasting. The page works without it (plain form POST).
(function () {
  "use strict";

  const form = document.getElementById("section-form");
  if (!form) return;
  const versionInput = form.querySelector("input[name=version]");
  const csrfToken = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const interval = Number(form.dataset.autosaveSeconds || 5) * 1000;
  let dirty = false;
  let stopped = false;
  let pending = null; // the autosave request in flight, if any
  let editor = null;

  function statusElement() {
    return document.getElementById("save-status");
  }

  function showState(state, text) {
    const element = statusElement();
    if (!element) return;
    element.dataset.state = state;
    element.textContent = text || "";
  }

  function replaceStatus(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const fresh = template.content.getElementById("save-status");
    const element = statusElement();
    if (fresh && element) element.replaceWith(fresh);
  }

  form.addEventListener("input", function (event) {
    if (event.target.id === "image-alt" || event.target.id === "image-upload") return;
    dirty = true;
    if (!stopped) showState("dirty", form.dataset.textDirty);
  });

  function autosave() {
    if (!dirty || stopped || pending) return pending;
    dirty = false;
    const data = new FormData(form);
    data.set("autosave", "1");
    data.delete("next");
    showState("saving", form.dataset.textSaving);
    pending = fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRFToken": csrfToken },
    })
      .then(function (response) {
        const version = response.headers.get("X-Section-Version");
        return response.text().then(function (html) {
          if (response.ok && version) {
            versionInput.value = version;
          } else if (response.status === 409) {
            // Someone else saved: stop, keep the text, let the user compare.
            stopped = true;
          } else {
            dirty = true;
          }
          replaceStatus(html);
        });
      })
      .catch(function () {
        dirty = true;
        showState("offline", form.dataset.textOffline);
      })
      .finally(function () {
        pending = null;
      });
    return pending;
  }

  window.setInterval(autosave, interval);

  // Ctrl+S / Cmd+S saves now, through the autosave path, instead of the browser's
  // "save page" dialog.
  document.addEventListener(
    "keydown",
    function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || (event.key || "").toLowerCase() !== "s") return;
      event.preventDefault();
      if (stopped) return;
      dirty = true;
      (pending || Promise.resolve()).finally(autosave);
    },
    true,
  );

  // A manual save waits for an autosave in flight, so it carries the newest version.
  let submitting = false;
  form.addEventListener("submit", function (event) {
    if (submitting) return;
    stopped = true;
    if (!pending) {
      submitting = true;
      return;
    }
    event.preventDefault();
    const submitter = event.submitter;
    pending.finally(function () {
      submitting = true;
      form.requestSubmit(submitter || undefined);
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) event.preventDefault();
  });

  // --- images -------------------------------------------------------------------------

  const upload = document.getElementById("image-upload");
  const altInput = document.getElementById("image-alt");
  const imageError = document.getElementById("image-error");
  if (upload) {
    upload.addEventListener("change", function () {
      const file = upload.files[0];
      if (!file) return;
      const data = new FormData();
      data.set("image", file);
      data.set("alt", altInput ? altInput.value : "");
      imageError.textContent = "";
      fetch(form.dataset.uploadUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken },
      })
        .then(function (response) {
          return response.json().then(function (payload) {
            if (!response.ok) throw payload;
            if (editor) {
              editor
                .chain()
                .focus()
                .insertContent({ type: "image", attrs: { src: payload.url, alt: payload.alt || null } })
                .run();
            }
            if (altInput) altInput.value = "";
          });
        })
        .catch(function (payload) {
          const errors = payload && payload.errors && payload.errors.image;
          imageError.textContent = errors ? errors.map((e) => e.message).join(" ") : form.dataset.textUploadFailed;
        })
        .finally(function () {
          upload.value = "";
        });
    });
  }

  // --- pasting from Word --------------------------------------------------------------

  const LIST_STYLE = /mso-list:\s*l(\d+)\s+level(\d+)/i;

  function rename(element, tagName) {
    const replacement = element.ownerDocument.createElement(tagName);
    while (element.firstChild) replacement.appendChild(element.firstChild);
    element.replaceWith(replacement);
    return replacement;
  }

  function listInfo(paragraph) {
    const style = paragraph.getAttribute("style") || "";
    const match = style.match(LIST_STYLE);
    if (!match && !/MsoListParagraph/i.test(paragraph.className)) return null;
    const marker = paragraph.querySelector("span[style*='mso-list:Ignore'], span[style*='mso-list: Ignore']");
    const markerText = marker ? marker.textContent.replace(/\s+/g, "") : "";
    return {
      level: match ? Number(match[2]) : 1,
      ordered: /^[0-9]{1,3}[.)]$|^[a-zA-Z][.)]$|^[ivxlIVXL]{1,5}[.)]$/.test(markerText),
      marker: marker,
    };
  }

  // Word writes list items as paragraphs with "mso-list" styles; make real lists of them.
  function wordLists(doc) {
    const paragraphs = Array.from(doc.body.querySelectorAll("p"));
    const infos = new Map();
    paragraphs.forEach(function (p) {
      const info = listInfo(p);
      if (info) infos.set(p, info);
    });
    const previous = new Map(paragraphs.map((p) => [p, p.previousElementSibling]));
    let stack = [];
    paragraphs.forEach(function (p) {
      const info = infos.get(p);
      if (!info) return;
      if (!infos.has(previous.get(p))) stack = [];
      while (stack.length && stack[stack.length - 1].level > info.level) stack.pop();
      let top = stack[stack.length - 1];
      if (!top || top.level < info.level) {
        const list = doc.createElement(info.ordered ? "ol" : "ul");
        if (top && top.lastItem) top.lastItem.appendChild(list);
        else p.before(list);
        top = { level: info.level, list: list, lastItem: null };
        stack.push(top);
      }
      if (info.marker) info.marker.remove();
      const item = doc.createElement("li");
      while (p.firstChild) item.appendChild(p.firstChild);
      top.list.appendChild(item);
      top.lastItem = item;
      p.remove();
    });
  }

  // The section title is the page heading: body headings live in h2–h4.
  function shiftHeadings(doc) {
    const hasH1 = doc.body.querySelector("h1, p.MsoTitle") !== null;
    doc.body.querySelectorAll("p.MsoTitle").forEach((p) => rename(p, "h1"));
    doc.body.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach(function (heading) {
      let level = Number(heading.tagName.substring(1)) + (hasH1 ? 1 : 0);
      level = Math.min(Math.max(level, 2), 4);
      if (heading.tagName !== "H" + level) rename(heading, "h" + level);
    });
  }

  function transformPastedHTML(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll("o\\:p, style, meta, link, xml").forEach((node) => node.remove());
    wordLists(doc);
    shiftHeadings(doc);
    return doc.body.innerHTML;
  }

  window.kcsTransformPastedHTML = transformPastedHTML;

  document.addEventListener("prose-editor:ready", function (event) {
    if (!form.contains(event.detail.textarea)) return;
    editor = event.detail.editor;
    editor.view.setProps({ transformPastedHTML: transformPastedHTML });
    // The editable area is a textbox for screen readers: name it by the field's label.
    editor.view.dom.setAttribute("aria-labelledby", event.detail.textarea.id + "-label");
    window.kcsEditor = editor;
  });
})();
