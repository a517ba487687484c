// Labels of the rich-text editor (django-prose-editor) in the user's language.
//
// The editor translates its dialogs itself through window.gettext (Django's JavaScript
// catalogue, /jsi18n/, loaded before this file and before the editor's modules). Its
// toolbar, block menu and a few dialog options are fixed English strings: this file
// relabels them (title, aria-label, option text) as they appear. The English strings are
// the msgids of locale/<lang>/LC_MESSAGES/djangojs.po.
(function () {
  "use strict";

  const gettext = window.gettext || ((text) => text);
  const format = window.interpolate || ((text, args) => text.replace("%s", args[0]));

  // Strings the editor shows without passing them through gettext; makemessages finds
  // the msgids in these calls.
  const LABELS = {
    paragraph: gettext("paragraph"),
    Paragraph: gettext("Paragraph"),
    "unordered list": gettext("unordered list"),
    "ordered list": gettext("ordered list"),
    blockquote: gettext("blockquote"),
    "horizontal rule": gettext("horizontal rule"),
    bold: gettext("bold"),
    italic: gettext("italic"),
    underline: gettext("underline"),
    strike: gettext("strike"),
    subscript: gettext("subscript"),
    superscript: gettext("superscript"),
    "insert link": gettext("insert link"),
    "remove link": gettext("remove link"),
    figure: gettext("figure"),
    "Insert table": gettext("Insert table"),
    "Add column": gettext("Add column"),
    "Delete column": gettext("Delete column"),
    "Add row": gettext("Add row"),
    "Delete row": gettext("Delete row"),
    "Merge cells": gettext("Merge cells"),
    "Split cell": gettext("Split cell"),
    "Toggle header cell": gettext("Toggle header cell"),
    "Delete table": gettext("Delete table"),
    undo: gettext("undo"),
    redo: gettext("redo"),
    Code: gettext("Code"),
    "Code block": gettext("Code block"),
    Yes: gettext("Yes"),
    No: gettext("No"),
  };
  const HEADING = /^heading (\d)$/i;

  function label(text) {
    if (text == null) return null;
    const trimmed = text.trim();
    if (Object.hasOwn(LABELS, trimmed)) return LABELS[trimmed];
    const heading = trimmed.match(HEADING);
    if (heading) return format(gettext("Heading %s"), [heading[1]]);
    return null;
  }

  function relabelAttributes(element) {
    for (const name of ["title", "aria-label"]) {
      const fresh = label(element.getAttribute(name));
      if (fresh) element.setAttribute(name, fresh);
    }
  }

  // The visible text of block-menu options (<h2>Heading 2</h2>, <p>Paragraph</p>) and of
  // dialog <option>s; an option keeps its English value, which the editor reads.
  function relabelText(element) {
    if (element.children.length) return;
    const fresh = label(element.textContent);
    if (!fresh) return;
    if (element.tagName === "OPTION" && !element.hasAttribute("value")) {
      element.value = element.textContent;
    }
    element.textContent = fresh;
  }

  // Never the text being written: only the editor's own controls and dialogs.
  function isControl(element) {
    return !element.closest(".tiptap");
  }

  function relabel(root) {
    if (!(root instanceof Element) || !isControl(root)) return;
    const elements = [root, ...root.querySelectorAll("[title], [aria-label], option, .prose-menubar__option *")];
    for (const element of elements) {
      if (element.matches("[title], [aria-label]")) relabelAttributes(element);
      if (element.matches("option, .prose-menubar__option *")) relabelText(element);
    }
  }

  function watch() {
    // The menubar swaps its "selected block" button as the cursor moves; dialogs are
    // added to the page when they open.
    const observer = new MutationObserver(function (mutations) {
      for (const mutation of mutations) {
        if (mutation.type === "attributes") {
          if (mutation.target.closest(".prose-editor, dialog") && isControl(mutation.target)) {
            relabelAttributes(mutation.target);
          }
          continue;
        }
        for (const node of mutation.addedNodes) {
          if (node instanceof Element && node.closest(".prose-editor, dialog")) {
            relabel(node);
          }
        }
      }
    });
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["title", "aria-label"],
    });
    document.querySelectorAll(".prose-editor").forEach(relabel);
  }

  document.addEventListener("prose-editor:ready", function (event) {
    const container = event.detail.textarea.closest(".prose-editor");
    if (container) relabel(container);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
