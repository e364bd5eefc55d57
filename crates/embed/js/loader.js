// ---------------------------------------------------------------------------------------
// wegwijs.js — the only script a host page includes. It defines the Wegwijs custom elements
// at once and downloads a widget's code only when its element appears: a page without a
// widget loads no wasm, a page with one widget loads that widget's bundle, and a page with
// more than one kind of widget loads the bundle with all of them (cheaper than two). The
// social map and the hulpwijzer have two bundles each: one that reads only the index made by
// `wegwijs index` (`index`, the lighter one), and one that also reads HSDS JSON (`src`).
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

/**
 * Whether the element gives only HSDS JSON (`src` without `index`): the one-widget bundles
 * of the social map and the hulpwijzer read only indexes, their "-json" twins read both.
 */
function wegwijsNeedsJson(element) {
  return element.hasAttribute("src") && !element.hasAttribute("index");
}

/** Whether the bundle `name` can show `element`. */
function wegwijsServes(name, element) {
  const bundle = WEGWIJS_BUNDLES[name];
  return bundle.tags.includes(element.localName) && !(bundle.indexOnly && wegwijsNeedsJson(element));
}

/** The name of a started bundle that can show `element`, if there is one. */
function wegwijsCovered(element) {
  return [...wegwijsStarted.keys()].find((name) => wegwijsServes(name, element));
}

/**
 * The bundle to use for `element`: one already started that can show it; else, when the page
 * holds other kinds of widget that no started bundle covers and the bundle with all has them,
 * that one; else one of its own kind that can show it, the one that reads only indexes
 * (lighter) when it can.
 */
function wegwijsBundleFor(element) {
  const started = wegwijsCovered(element);
  if (started) return started;
  const tag = element.localName;
  if (wegwijsServes(WEGWIJS_ALL, element)) {
    const others = WEGWIJS_BUNDLES[WEGWIJS_ALL].tags
      .filter((other) => other !== tag)
      .flatMap((other) => [...document.querySelectorAll(other)])
      .filter((other) => !wegwijsCovered(other));
    if (others.length > 0) return WEGWIJS_ALL;
  }
  const own = Object.keys(WEGWIJS_BUNDLES).filter(
    (name) => WEGWIJS_BUNDLES[name].tags.length === 1 && wegwijsServes(name, element),
  );
  return own.find((name) => WEGWIJS_BUNDLES[name].indexOnly) ?? own[0] ?? WEGWIJS_ALL;
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
  // Starting the wasm and mounting the widget are two tasks, so neither holds a phone long.
  await new Promise((resolve) => setTimeout(resolve, 0));
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
      #bundle;
      #glue;
      #handle;
      #watcher;

      connectedCallback() {
        this.#start();
      }

      disconnectedCallback() {
        this.#unmount();
      }

      /** Starts the bundle that can show this element (if need be) and mounts it there. */
      #start() {
        const name = wegwijsBundleFor(this);
        this.#bundle = name;
        this.#glue = undefined;
        wegwijsStart(name).then(
          (glue) => {
            if (this.#bundle !== name) return; // another bundle was chosen in the meantime
            // The attributes may have changed while the bundle loaded.
            if (!wegwijsServes(name, this)) return this.#start();
            this.#glue = glue;
            this.#mount();
          },
          (error) => wegwijsShowFailure(this, error),
        );
      }

      #mount() {
        if (this.#handle !== undefined || !this.isConnected || !this.#glue) return;
        try {
          this.#handle = this.#glue.mount(this);
        } catch (error) {
          wegwijsShowFailure(this, error);
          return;
        }
        // Honour configuration changes after mount: re-mount with the new attributes, in
        // another bundle when this one cannot show the element any more (`index` removed).
        this.#watcher = new MutationObserver(() => {
          this.#unmount();
          if (wegwijsServes(this.#bundle, this)) this.#mount();
          else this.#start();
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
