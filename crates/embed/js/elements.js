
// ---------------------------------------------------------------------------------------
// Wegwijs custom elements. `cargo xtask dist` appends this to the wasm-bindgen glue, so
// `__wbg_init`, `widgetTags`, `observedAttributes`, `mount` and `unmount` are in scope.
// One module, one wasm instance, however many widgets the page holds.
// ---------------------------------------------------------------------------------------

/** Subresource Integrity of the wasm file; filled in by `cargo xtask dist`. */
const WEGWIJS_WASM_INTEGRITY = "@WASM_INTEGRITY@";

const wegwijsReady = __wbg_init({
  module_or_path: fetch(new URL("wegwijs_bg.wasm", import.meta.url), {
    integrity: WEGWIJS_WASM_INTEGRITY.startsWith("sha") ? WEGWIJS_WASM_INTEGRITY : undefined,
    credentials: "omit",
  }),
});

function defineWegwijsElement(tag) {
  const attributes = observedAttributes(tag);
  customElements.define(
    tag,
    class extends HTMLElement {
      static get observedAttributes() {
        return attributes;
      }

      #handle;

      connectedCallback() {
        this.#mount();
      }

      disconnectedCallback() {
        this.#unmount();
      }

      attributeChangedCallback(_name, oldValue, newValue) {
        // Honour configuration changes after mount: re-mount with the new attributes.
        if (oldValue !== newValue && this.#handle !== undefined) {
          this.#unmount();
          this.#mount();
        }
      }

      #mount() {
        if (this.#handle === undefined && this.isConnected) {
          this.#handle = mount(this);
        }
      }

      #unmount() {
        if (this.#handle !== undefined) {
          unmount(this.#handle);
          this.#handle = undefined;
        }
      }
    },
  );
}

/**
 * If the wasm cannot load, say so inside each widget instead of leaving it blank, and keep
 * the host's own content of the element (its fallback, such as a phone number) in view.
 */
function showWegwijsLoadFailure(error) {
  console.error("Wegwijs could not start:", error);
  for (const element of document.querySelectorAll("*")) {
    if (!element.localName.startsWith("wegwijs-") || element.shadowRoot) continue;
    const shadow = element.attachShadow({ mode: "open" });
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.textContent = document.documentElement.lang.startsWith("en")
      ? "This help tool cannot start. Please reload the page, or contact the municipality."
      : "Deze hulp kan nu niet starten. Laad de pagina opnieuw, of neem contact op met de gemeente.";
    shadow.append(message, document.createElement("slot"));
  }
}

wegwijsReady.then(
  () => {
    for (const tag of widgetTags()) {
      if (!customElements.get(tag)) defineWegwijsElement(tag);
    }
  },
  showWegwijsLoadFailure,
);
