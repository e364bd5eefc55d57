// ---------------------------------------------------------------------------------------
// wegwijs.js — the only script a host page includes. It defines the Wegwijs custom elements
// at once and downloads a widget's code only when its element appears: a page without a
// widget loads no wasm, a page with one widget loads that widget's bundle, and a page with
// more than one kind of widget loads the bundle with all of them (cheaper than two).
//
// Each bundle is a classic script (the wasm-bindgen glue) plus its wasm. Both are checked
// against the Subresource Integrity hashes below, which `cargo xtask dist` fills in; the
// script is added as a <script> element, so a strict CSP (`script-src 'self'`) allows it.
// ---------------------------------------------------------------------------------------

/** The bundles by name: their files, SRI hashes and custom elements; filled in by xtask. */
const WEGWIJS_BUNDLES = "@BUNDLES@";
/** The bundle with every widget, for pages that show more than one kind. */
const WEGWIJS_ALL = "@ALL_BUNDLE@";

/** Every custom element of the suite, once. */
const WEGWIJS_TAGS = [...new Set(Object.values(WEGWIJS_BUNDLES).flatMap((bundle) => bundle.tags))];

const wegwijsBase = new URL(".", import.meta.url);
/** Bundle name → promise of its started wasm-bindgen exports. */
const wegwijsStarted = new Map();

/** The name of a started bundle that defines `tag`, if there is one. */
function wegwijsCovered(tag) {
  return [...wegwijsStarted.keys()].find((name) => WEGWIJS_BUNDLES[name].tags.includes(tag));
}

/**
 * The bundle to use for `tag`: one already started that has it; else, when the page holds
 * other kinds of widget that no started bundle covers and the bundle with all has them, that
 * one; else its own.
 */
function wegwijsBundleFor(tag) {
  const started = wegwijsCovered(tag);
  if (started) return started;
  const all = WEGWIJS_BUNDLES[WEGWIJS_ALL].tags;
  if (all.includes(tag)) {
    const others = all.filter((other) => other !== tag && !wegwijsCovered(other) && document.querySelector(other));
    if (others.length > 0) return WEGWIJS_ALL;
  }
  return Object.keys(WEGWIJS_BUNDLES).find((name) => {
    const tags = WEGWIJS_BUNDLES[name].tags;
    return tags.length === 1 && tags[0] === tag;
  }) ?? WEGWIJS_ALL;
}

function wegwijsStart(name) {
  if (!wegwijsStarted.has(name)) wegwijsStarted.set(name, wegwijsLoad(name));
  return wegwijsStarted.get(name);
}

/** Resolves after the browser has painted the next frame: the host page shows first. */
function wegwijsAfterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function wegwijsLoad(name) {
  const bundle = WEGWIJS_BUNDLES[name];
  // The page's own text paints before the widget's code competes with it for the network.
  await wegwijsAfterPaint();
  // The wasm downloads while the script does: one round trip less before the widget shows.
  const wasm = fetch(new URL(bundle.wasm, wegwijsBase), {
    integrity: bundle.wasmIntegrity,
    credentials: "omit",
  });
  wasm.catch(() => {}); // a failure is reported where the wasm is used, below
  await new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(bundle.script, wegwijsBase).href;
    script.integrity = bundle.scriptIntegrity;
    script.crossOrigin = "anonymous";
    script.addEventListener("load", resolve);
    script.addEventListener("error", () => reject(new Error(`${bundle.script} did not load`)));
    document.head.append(script);
  });
  const glue = globalThis.wegwijsBundles?.[name];
  if (!glue) throw new Error(`${bundle.script} did not register the bundle "${name}"`);
  await glue({ module_or_path: wasm });
  return glue;
}

/**
 * If the code cannot load, say so inside the widget instead of leaving it blank, and keep
 * the host's own content of the element (its fallback, such as a phone number) in view.
 */
function wegwijsShowFailure(element, error) {
  console.error("Wegwijs could not start:", error);
  if (element.shadowRoot) return;
  const shadow = element.attachShadow({ mode: "open" });
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  message.textContent = document.documentElement.lang.startsWith("en")
    ? "This help tool cannot start. Please reload the page, or contact the municipality."
    : "Deze hulp kan nu niet starten. Laad de pagina opnieuw, of neem contact op met de gemeente.";
  shadow.append(message, document.createElement("slot"));
}

function wegwijsDefine(tag) {
  customElements.define(
    tag,
    class extends HTMLElement {
      #glue;
      #handle;
      #watcher;

      connectedCallback() {
        wegwijsStart(wegwijsBundleFor(tag)).then(
          (glue) => {
            this.#glue = glue;
            this.#mount();
          },
          (error) => wegwijsShowFailure(this, error),
        );
      }

      disconnectedCallback() {
        this.#unmount();
      }

      #mount() {
        if (this.#handle !== undefined || !this.isConnected || !this.#glue) return;
        try {
          this.#handle = this.#glue.mount(this);
        } catch (error) {
          wegwijsShowFailure(this, error);
          return;
        }
        // Honour configuration changes after mount: re-mount with the new attributes.
        this.#watcher = new MutationObserver(() => {
          this.#unmount();
          this.#mount();
        });
        this.#watcher.observe(this, {
          attributes: true,
          attributeFilter: this.#glue.observedAttributes(tag),
        });
      }

      #unmount() {
        this.#watcher?.disconnect();
        this.#watcher = undefined;
        if (this.#handle !== undefined) {
          this.#glue.unmount(this.#handle);
          this.#handle = undefined;
        }
      }
    },
  );
}

for (const tag of WEGWIJS_TAGS) if (!customElements.get(tag)) wegwijsDefine(tag);
