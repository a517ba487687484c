// The structured editors answer a stale save with 409 and show both versions:
// let htmx swap that answer in like a normal one instead of dropping it.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
