// A select marked data-auto-submit sends its form as soon as it changes (the language
// switch, the cohort picker). Kept here, not in onchange="", so the CSP can forbid
// inline scripts; the forms keep a submit button in <noscript>.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.hasAttribute("data-auto-submit") && field.form) {
    field.form.requestSubmit();
  }
});
