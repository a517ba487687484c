// Comments the way people know them: select text → "Komentari" (or Ctrl+Alt+M) opens
// the comment form with the quote and its context (W3C TextQuoteSelector: exact, prefix,
// suffix); commented passages are highlighted and lead to their thread; typing @ in a
// comment box lists the people of the region by name. Without JavaScript the comment form
// still works (the quote can be typed by hand, @username still mentions).
//
// Markup it reads:
//   [data-comment-text=UUID]   a text that can be commented on (data-comment-url: the page
//                              with its comment form, when it is not on this page;
//                              data-comment-editor: the chapter editor, highlighted without
//                              touching its DOM)
//   [data-anchor-for=UUID]     a thread anchored to a quote (data-quote, -prefix, -suffix;
//                              data-thread-url when the thread is on another page)
//   [data-mention-url]         a comment box with the @ autocomplete
(function () {
  "use strict";

  const CONTEXT = 32;
  const tools = document.getElementById("comment-tools");
  const label = (tools && tools.dataset.labelComment) || "Komentari";
  const labelNobody = (tools && tools.dataset.labelNobody) || "";
  const labelPeople = (tools && tools.dataset.labelPeople) || "";

  function squash(text) {
    return (text || "").replace(/\s+/g, "");
  }

  function collapse(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  // --- Finding a quote in a container ------------------------------------------------------

  // The container's text without whitespace, and for each of its characters the text node
  // and offset it came from: the same comparison as reviews/anchors.py.
  function textMap(container) {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const nodes = [];
    const offsets = [];
    let text = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && node.parentElement.closest(".comment-float")) continue;
      const value = node.nodeValue;
      for (let i = 0; i < value.length; i++) {
        if (/\s/.test(value[i])) continue;
        text += value[i];
        nodes.push(node);
        offsets.push(i);
      }
    }
    return { text: text, nodes: nodes, offsets: offsets };
  }

  function findQuote(map, exact, prefix, suffix) {
    const needle = squash(exact);
    if (!needle) return null;
    const before = squash(prefix);
    const after = squash(suffix);
    let first = null;
    let start = map.text.indexOf(needle);
    while (start !== -1) {
      const end = start + needle.length;
      const prefixOk = !before || map.text.slice(0, start).endsWith(before);
      const suffixOk = !after || map.text.slice(end).startsWith(after);
      if (prefixOk && suffixOk) return { start: start, end: end };
      if (first === null) first = { start: start, end: end };
      start = map.text.indexOf(needle, start + 1);
    }
    return first;
  }

  // The text nodes pieces [node, from, to] covering map characters start..end-1.
  function pieces(map, found) {
    const result = [];
    for (let i = found.start; i < found.end; i++) {
      const node = map.nodes[i];
      const offset = map.offsets[i];
      const last = result[result.length - 1];
      if (last && last[0] === node) last[2] = offset + 1;
      else result.push([node, offset, offset + 1]);
    }
    return result;
  }

  function markPieces(parts, threadId) {
    const marks = [];
    // Back to front: splitting a node must not move the offsets still to come.
    for (let i = parts.length - 1; i >= 0; i--) {
      const [node, from, to] = parts[i];
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      const mark = document.createElement("mark");
      mark.className = "comment-mark";
      mark.dataset.thread = threadId;
      mark.tabIndex = 0;
      range.surroundContents(mark);
      marks.unshift(mark);
    }
    return marks;
  }

  function threadsFor(uuid) {
    return document.querySelectorAll('[data-anchor-for="' + uuid + '"]');
  }

  function openThread(thread) {
    const url = thread.dataset.threadUrl;
    if (url) {
      window.location.href = url;
      return;
    }
    document.querySelectorAll(".comment-thread.is-active").forEach(function (element) {
      element.classList.remove("is-active");
    });
    thread.classList.add("is-active");
    thread.scrollIntoView({ behavior: "smooth", block: "center" });
    if (window.history && thread.id) window.history.replaceState(null, "", "#" + thread.id);
  }

  function highlightContainer(container) {
    const uuid = container.dataset.commentText;
    const threads = threadsFor(uuid);
    if (!threads.length) return;
    if (container.hasAttribute("data-comment-editor")) {
      highlightEditor(container, threads);
      return;
    }
    threads.forEach(function (thread) {
      const map = textMap(container);
      const found = findQuote(map, thread.dataset.quote, thread.dataset.prefix, thread.dataset.suffix);
      if (!found) return;
      const marks = markPieces(pieces(map, found), thread.id || "");
      marks.forEach(function (mark) {
        mark.addEventListener("click", function () {
          openThread(thread);
        });
        mark.addEventListener("keydown", function (event) {
          if (event.key === "Enter") openThread(thread);
        });
      });
    });
  }

  function editorText(container) {
    return container.querySelector(".tiptap.ProseMirror") || container.querySelector("[contenteditable=true]") || container;
  }

  // The editor's DOM belongs to ProseMirror: paint with the CSS Custom Highlight API.
  // A click in a painted passage opens its thread, as a click on a mark does in the book.
  function highlightEditor(container, threads) {
    if (!(window.CSS && CSS.highlights && window.Highlight)) return;
    let painted = []; // [range, thread]
    function paint() {
      const prose = editorText(container);
      const ranges = [];
      painted = [];
      threads.forEach(function (thread) {
        const map = textMap(prose);
        const found = findQuote(map, thread.dataset.quote, thread.dataset.prefix, thread.dataset.suffix);
        if (!found) return;
        pieces(map, found).forEach(function (part) {
          const range = new Range();
          range.setStart(part[0], part[1]);
          range.setEnd(part[0], part[2]);
          ranges.push(range);
          painted.push([range, thread]);
        });
      });
      CSS.highlights.set("komentar", new Highlight(...ranges));
    }
    function threadAt(x, y) {
      let node = null;
      let offset = 0;
      if (document.caretPositionFromPoint) {
        const caret = document.caretPositionFromPoint(x, y);
        if (caret) [node, offset] = [caret.offsetNode, caret.offset];
      } else if (document.caretRangeFromPoint) {
        const caret = document.caretRangeFromPoint(x, y);
        if (caret) [node, offset] = [caret.startContainer, caret.startOffset];
      }
      if (!node) return null;
      const hit = painted.find(function (entry) {
        try {
          return !entry[0].collapsed && entry[0].isPointInRange(node, offset);
        } catch (error) {
          return false; // a range of text the editor has replaced since
        }
      });
      return hit ? hit[1] : null;
    }
    container.addEventListener("click", function (event) {
      const selection = window.getSelection();
      if (selection && !selection.isCollapsed) return; // selecting text, not clicking
      const thread = threadAt(event.clientX, event.clientY);
      if (thread) openThread(thread);
    });
    let timer = null;
    paint();
    document.addEventListener("prose-editor:ready", function () {
      window.setTimeout(paint, 50);
    });
    container.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(paint, 400);
    });
  }

  function highlightAll() {
    document.querySelectorAll("[data-comment-text]").forEach(function (container) {
      container.querySelectorAll("mark.comment-mark").forEach(function (mark) {
        mark.replaceWith(...mark.childNodes);
      });
      container.normalize();
      highlightContainer(container);
    });
  }

  // --- Selecting text → Komentari --------------------------------------------------------------

  let button = null;
  let current = null; // {container, exact, prefix, suffix}

  function selectionInfo() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    const start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    const container = start && start.closest("[data-comment-text]");
    if (!container || !container.contains(range.endContainer)) return null;
    const exact = collapse(range.toString());
    if (!exact) return null;
    // In the editor, the context comes from the text only, not from its toolbar.
    const root = container.hasAttribute("data-comment-editor") ? editorText(container) : container;
    if (!root.contains(range.startContainer)) return null;
    const before = document.createRange();
    before.selectNodeContents(root);
    before.setEnd(range.startContainer, range.startOffset);
    const after = document.createRange();
    after.selectNodeContents(root);
    after.setStart(range.endContainer, range.endOffset);
    const prefixText = before.toString().replace(/\s+/g, " ");
    const suffixText = after.toString().replace(/\s+/g, " ");
    return {
      container: container,
      range: range,
      exact: exact.slice(0, 2000),
      prefix: prefixText.slice(-CONTEXT).trimStart(),
      suffix: suffixText.slice(0, CONTEXT).trimEnd(),
    };
  }

  function hideButton() {
    if (button) button.hidden = true;
  }

  function showButton(info) {
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-primary comment-float";
      button.textContent = label;
      button.title = label + " (Ctrl+Alt+M)";
      button.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the selection
      });
      button.addEventListener("click", function () {
        if (current) commentOn(current);
      });
      document.body.appendChild(button);
    }
    const rect = info.range.getBoundingClientRect();
    button.style.top = window.scrollY + rect.bottom + 6 + "px";
    button.style.left = Math.max(8, window.scrollX + rect.left) + "px";
    button.hidden = false;
  }

  // The comment form of the container's record on this page, or the page that has it.
  function commentable(info) {
    const uuid = info.container.dataset.commentText;
    return Boolean(document.querySelector("#comments-" + uuid + " .comment-form") || info.container.dataset.commentUrl);
  }

  function onSelectionEnd() {
    window.setTimeout(function () {
      current = selectionInfo();
      if (current && !commentable(current)) current = null;
      if (current) showButton(current);
      else hideButton();
    }, 0);
  }

  function commentOn(info) {
    hideButton();
    const uuid = info.container.dataset.commentText;
    const form = document.querySelector("#comments-" + uuid + " .comment-form");
    if (!form) {
      const url = info.container.dataset.commentUrl;
      if (!url) return;
      const query = new URLSearchParams({ quote: info.exact, prefix: info.prefix, suffix: info.suffix });
      window.location.href = url + (url.indexOf("?") === -1 ? "?" : "&") + query.toString() + "#comments-" + uuid;
      return;
    }
    form.querySelector("input[name=quote]").value = info.exact;
    form.querySelector("input[name=quote_prefix]").value = info.prefix;
    form.querySelector("input[name=quote_suffix]").value = info.suffix;
    const shown = form.querySelector(".comment-form-quote");
    if (shown) {
      shown.textContent = "“" + info.exact + "”";
      shown.hidden = false;
    }
    const textarea = form.querySelector("textarea[name=body]");
    textarea.scrollIntoView({ behavior: "smooth", block: "center" });
    textarea.focus({ preventScroll: true });
  }

  document.addEventListener("mouseup", function (event) {
    if (button && event.target === button) return;
    onSelectionEnd();
  });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey || event.key === "Shift") onSelectionEnd();
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey && event.altKey && (event.key === "m" || event.key === "M" || event.code === "KeyM")) {
      const info = selectionInfo();
      if (info && commentable(info)) {
        event.preventDefault();
        commentOn(info);
      }
    } else if (event.key === "Escape") {
      hideButton();
    }
  });

  // --- @mentions ------------------------------------------------------------------------------

  // People picked for a box: their visible "@Name" becomes the server's token on submit.
  const picked = new WeakMap();
  const TRIGGER = /(^|\s)@([^\s@[\]()][^@[\]()\n]{0,39})?$/;
  let listCounter = 0;

  function setupMentions(field) {
    if (field.dataset.mentionReady) return;
    field.dataset.mentionReady = "1";
    const box = document.createElement("div");
    box.className = "mention-box";
    field.parentNode.insertBefore(box, field);
    box.appendChild(field);
    const list = document.createElement("ul");
    list.className = "mention-list list-group shadow-sm";
    list.id = "mention-list-" + ++listCounter;
    list.setAttribute("role", "listbox");
    if (labelPeople) list.setAttribute("aria-label", labelPeople);
    list.hidden = true;
    box.appendChild(list);
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-controls", list.id);
    let request = 0;
    let active = -1;
    let results = [];
    let trigger = null;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      field.removeAttribute("aria-activedescendant");
      active = -1;
      results = [];
    }

    function activate(index) {
      const options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      field.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function choose(person) {
      const caret = field.selectionStart;
      const before = field.value.slice(0, trigger.start);
      const after = field.value.slice(caret);
      const inserted = "@" + person.name + " ";
      field.value = before + inserted + after;
      const position = before.length + inserted.length;
      field.setSelectionRange(position, position);
      const people = picked.get(field) || [];
      people.push(person);
      picked.set(field, people);
      close();
      field.focus();
    }

    function render() {
      list.replaceChildren();
      if (!results.length) {
        const empty = document.createElement("li");
        empty.className = "list-group-item small text-body-secondary";
        empty.setAttribute("role", "option");
        empty.setAttribute("aria-disabled", "true");
        empty.id = list.id + "-none";
        empty.textContent = labelNobody;
        list.appendChild(empty);
      }
      results.forEach(function (person, index) {
        const option = document.createElement("li");
        option.className = "list-group-item list-group-item-action small mention-option";
        option.setAttribute("role", "option");
        option.id = list.id + "-" + index;
        option.dataset.userId = person.id;
        option.textContent = person.name;
        if (person.position) {
          const position = document.createElement("span");
          position.className = "text-body-secondary ms-1";
          position.textContent = "· " + person.position;
          option.appendChild(position);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(person);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      if (results.length) activate(0);
    }

    field.addEventListener("input", function () {
      const caret = field.selectionStart;
      const match = TRIGGER.exec(field.value.slice(0, caret));
      if (!match) {
        close();
        return;
      }
      const query = match[2] || "";
      trigger = { start: caret - query.length - 1 };
      const mine = ++request;
      const url = field.dataset.mentionUrl + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (mine !== request) return;
          results = data.results || [];
          render();
        })
        .catch(close);
    });
    field.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        activate(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        activate(active - 1);
      } else if ((event.key === "Enter" || event.key === "Tab") && results[active]) {
        event.preventDefault();
        choose(results[active]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    field.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
  }

  // The token the server reads (reviews/services.py MENTION_TOKEN): a backslash before
  // any \ [ ] ( ) of the name, so "Siti (Bappeda)" or "Rudi [TIK]" cannot end it early.
  function mentionToken(person) {
    return "@[" + String(person.name).replace(/[\\[\]()]/g, "\\$&") + "](user:" + person.id + ")";
  }

  // Before htmx or the browser read the form: "@Siti Nur Aisyah" → "@[Siti Nur Aisyah](user:12)".
  document.addEventListener(
    "submit",
    function (event) {
      event.target.querySelectorAll("[data-mention-url]").forEach(function (field) {
        const people = picked.get(field);
        if (!people) return;
        let value = field.value;
        people.forEach(function (person) {
          value = value.split("@" + person.name).join(mentionToken(person));
        });
        field.value = value;
        picked.delete(field);
      });
    },
    true,
  );

  function setupAll(root) {
    root.querySelectorAll("[data-mention-url]").forEach(setupMentions);
  }

  function start() {
    setupAll(document);
    highlightAll();
    const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (target && target.classList.contains("comment-thread")) target.classList.add("is-active");
  }

  // A comment panel swapped in by htmx: new boxes, new threads to highlight.
  document.addEventListener("htmx:afterSettle", function (event) {
    setupAll(event.target);
    highlightAll();
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
