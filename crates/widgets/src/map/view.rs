//! The map itself: neighbourhoods, optional tiles, markers grouped when they overlap, the
//! resident's point; pan and zoom by pointer, touch (two fingers pinch), keyboard and
//! buttons; every marker a button in reading order.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use wegwijs_directory::viewport::{group, world, Camera, Group, World};

use super::outlines::{bounds_of, Outlines};
use super::{MapData, Shade};
use crate::browser;
use crate::i18n::{use_i18n, I18n};

/// Markers closer than this many pixels become one group.
const GROUP_CELL: f64 = 44.0;
/// Room left around the neighbourhoods when the whole map is shown.
const MARGIN: f64 = 24.0;
/// A pointer that moved less than this is a tap, not a drag.
const DRAG_THRESHOLD: f64 = 5.0;
/// One press of an arrow key moves the map this many pixels.
const KEY_STEP: f64 = 64.0;
/// The map's size before it has been measured (and in the component tests).
const DEFAULT_SIZE: (f64, f64) = (640.0, 480.0);

/// The map for loaded outlines (or none).
#[component]
pub fn MapView(
    /// The neighbourhoods, when there are any.
    outlines: Option<Arc<Outlines>>,
    /// What to show.
    data: Signal<MapData>,
    /// The chosen services' ids.
    chosen: Signal<Vec<String>>,
    /// The tile URL template, when the web team set one.
    tiles: Option<String>,
    /// Called with the chosen services' ids.
    on_choose: Callback<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let size = RwSignal::new(DEFAULT_SIZE);
    let outlines = StoredValue::new(outlines);
    let positions = Memo::new(move |_| {
        data.with(|d| {
            d.markers
                .iter()
                .map(|m| m.point().map_or([f64::NAN; 2], world))
                .collect::<Vec<World>>()
        })
    });
    let own = Memo::new(move |_| {
        data.with(|d| {
            d.own
                .as_ref()
                .and_then(|o| Some((world(o.point()?), o.label.clone())))
        })
    });
    // The whole map: the neighbourhoods, or else the markers and the resident's point.
    let bounds = Memo::new(move |_| {
        outlines
            .with_value(|o| o.as_ref().map(|o| o.bounds))
            .or_else(|| {
                let mut all: Vec<World> =
                    positions.with(|p| p.iter().copied().filter(|p| p[0].is_finite()).collect());
                all.extend(own.with(|o| o.as_ref().map(|o| o.0)));
                bounds_of(&all)
            })
            // Without anything to show: the Netherlands.
            .unwrap_or([[130.9, 82.9], [133.4, 85.3]])
    });
    let whole = move || {
        let (width, height) = size.get_untracked();
        Camera::fit(bounds.get_untracked(), width, height, MARGIN)
    };
    let camera = RwSignal::new(whole());
    let moved = RwSignal::new(false);
    // A new size or a new extent shows the whole map again, unless the person moved it.
    Effect::new(move |_| {
        let (width, height) = size.get();
        bounds.track();
        if moved.get_untracked() {
            camera.update(|c| *c = c.resized(width, height));
        } else {
            camera.set(whole());
        }
    });
    let measure = move || {
        if let Some(element) = wrapper.get_untracked() {
            let width = browser::width_of(&element).max(200.0);
            size.set((width, (width * 0.75).clamp(260.0, 560.0)));
        }
    };
    Effect::new(move |_| {
        wrapper.track();
        measure();
    });
    browser::on_resize(measure);

    let set_camera = move |next: Camera| {
        moved.set(true);
        camera.set(next.kept_within(bounds.get_untracked()));
    };
    let zoom_by = move |steps: f64| {
        let c = camera.get_untracked();
        set_camera(c.zoomed(steps, [c.width / 2.0, c.height / 2.0]));
    };
    let show_whole = move || {
        moved.set(false);
        camera.set(whole());
    };

    // Pointers down on the map: id → last position; whether this press became a drag.
    let pointers = StoredValue::new(HashMap::<i32, [f64; 2]>::new());
    let pressed_at = StoredValue::new([0.0f64; 2]);
    let dragging = StoredValue::new(false);
    let at = move |x: i32, y: i32| {
        svg.get_untracked().map_or([0.0; 2], |svg| {
            browser::offset_in(&svg, f64::from(x), f64::from(y))
        })
    };
    let on_down = move |event: leptos::ev::PointerEvent| {
        let here = at(event.client_x(), event.client_y());
        pointers.update_value(|p| {
            p.insert(event.pointer_id(), here);
        });
        if pointers.with_value(HashMap::len) == 1 {
            pressed_at.set_value(here);
            dragging.set_value(false);
        }
    };
    let on_move = move |event: leptos::ev::PointerEvent| {
        let id = event.pointer_id();
        let Some(before) = pointers.with_value(|p| p.get(&id).copied()) else {
            return;
        };
        let here = at(event.client_x(), event.client_y());
        let start = pressed_at.get_value();
        if !dragging.get_value() && (here[0] - start[0]).hypot(here[1] - start[1]) < DRAG_THRESHOLD
        {
            return;
        }
        if !dragging.get_value() {
            dragging.set_value(true);
            if let Some(svg) = svg.get_untracked() {
                browser::capture_pointer(&svg, id);
            }
        }
        let others: Vec<[f64; 2]> = pointers.with_value(|p| {
            p.iter()
                .filter(|(other, _)| **other != id)
                .map(|(_, at)| *at)
                .collect()
        });
        pointers.update_value(|p| {
            p.insert(id, here);
        });
        let c = camera.get_untracked();
        match others.first() {
            // Two fingers: the middle follows, the distance zooms.
            Some(&other) => {
                let middle = |a: [f64; 2]| [(a[0] + other[0]) / 2.0, (a[1] + other[1]) / 2.0];
                let (from, to) = (middle(before), middle(here));
                let spread = |a: [f64; 2]| (a[0] - other[0]).hypot(a[1] - other[1]).max(1.0);
                let steps = (spread(here) / spread(before)).log2();
                set_camera(c.panned(to[0] - from[0], to[1] - from[1]).zoomed(steps, to));
            }
            None => set_camera(c.panned(here[0] - before[0], here[1] - before[1])),
        }
    };
    let on_up = move |event: leptos::ev::PointerEvent| {
        pointers.update_value(|p| {
            p.remove(&event.pointer_id());
        });
    };
    // Ctrl (or a trackpad's pinch) + wheel zooms; the wheel alone scrolls the page.
    let on_wheel = move |event: leptos::ev::WheelEvent| {
        if !(event.ctrl_key() || event.meta_key()) {
            return;
        }
        event.prevent_default();
        let steps = (-event.delta_y() / 100.0).clamp(-1.0, 1.0);
        set_camera(
            camera
                .get_untracked()
                .zoomed(steps, at(event.client_x(), event.client_y())),
        );
    };
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        let c = camera.get_untracked();
        match event.key().as_str() {
            "ArrowLeft" => set_camera(c.panned(KEY_STEP, 0.0)),
            "ArrowRight" => set_camera(c.panned(-KEY_STEP, 0.0)),
            "ArrowUp" => set_camera(c.panned(0.0, KEY_STEP)),
            "ArrowDown" => set_camera(c.panned(0.0, -KEY_STEP)),
            "+" | "=" => zoom_by(1.0),
            "-" | "_" => zoom_by(-1.0),
            "0" | "Home" => show_whole(),
            _ => return,
        }
        event.prevent_default();
    };

    let groups = Memo::new(move |_| {
        let c = camera.get();
        positions.with(|p| {
            group(&c, p, GROUP_CELL)
                .into_iter()
                .filter(|g| g.at[0].is_finite() && c.shows(g.at, GROUP_CELL / 2.0))
                .collect::<Vec<Group>>()
        })
    });
    let choose = move |members: Vec<usize>| {
        let mut ids: Vec<String> =
            data.with_untracked(|d| members.iter().map(|&i| d.markers[i].id.clone()).collect());
        ids.dedup();
        on_choose.run(ids);
    };
    let has_tiles = tiles.is_some();
    // Same-site tiles send nothing to another website: the map's own privacy line holds.
    let tiles_host = tiles.as_deref().and_then(host_of);
    let tile_images = move || {
        let template = tiles.clone()?;
        let c = camera.get();
        Some(
            c.tiles()
                .into_iter()
                .map(|tile| {
                    view! {
                        <image
                            href=tile.url(&template)
                            x=format!("{:.1}", tile.at[0])
                            y=format!("{:.1}", tile.at[1])
                            width=format!("{:.1}", tile.size + 0.5)
                            height=format!("{:.1}", tile.size + 0.5)
                            preserveAspectRatio="none"
                        />
                    }
                })
                .collect_view(),
        )
    };
    let shade = Memo::new(move |_| data.with(|d| d.shade.clone()));
    let areas = move || {
        outlines.with_value(|o| {
            o.as_ref().map(|o| {
                let transform = o.transform(&camera.get());
                let shade = shade.get();
                o.areas
                    .iter()
                    .map(|area| {
                        let class = match &shade {
                            Some(shade) => match shade.count_for(&area.name) {
                                Some(n) => format!("ww-area {}", shade.class_of(n)),
                                None => "ww-area ww-shade-none".to_owned(),
                            },
                            None => "ww-area".to_owned(),
                        };
                        view! { <path class=class d=area.path.clone() transform=transform.clone() /> }
                    })
                    .collect_view()
            })
        })
    };
    let area_labels = move || {
        let c = camera.get();
        let shade = shade.get();
        outlines.with_value(|o| {
            o.as_ref().map(|o| {
                o.areas
                    .iter()
                    .map(|area| {
                        let [x, y] = c.to_screen(area.label_at);
                        let count = shade.as_ref().and_then(|s| s.count_for(&area.name));
                        view! {
                            <text class="ww-area-name" x=format!("{x:.1}") y=format!("{y:.1}") text-anchor="middle" aria-hidden="true">
                                <tspan x=format!("{x:.1}")>{area.name.clone()}</tspan>
                                {count.map(|n| view! { <tspan class="ww-area-count" x=format!("{x:.1}") dy="1.2em">{n}</tspan> })}
                            </text>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let own_point = move || {
        let (at, label) = own.get()?;
        let [x, y] = camera.get().to_screen(at);
        Some(view! {
            <g class="ww-own" transform=format!("translate({x:.1} {y:.1})") role="img" aria-label=i18n.t_with("map.own", &[("place", &label)])>
                <circle r="9" />
                <circle class="ww-own-dot" r="3.5" />
            </g>
        })
    };
    // Keyed by their members, so a marker stays the same element while the map pans or a
    // choice changes, and keeps the keyboard focus.
    let marker_groups = move || {
        let groups = groups.get();
        data.with_untracked(|d| {
            groups
                .into_iter()
                .map(|g| {
                    let first = g
                        .members
                        .first()
                        .map(|&i| d.markers[i].id.clone())
                        .unwrap_or_default();
                    (g, first)
                })
                .collect::<Vec<_>>()
        })
    };
    let marker = move |(group, _): (Group, String)| {
        let (members, world_at) = (group.members, group.world);
        let label = data.with_untracked(|d| {
            let names: Vec<&str> = members
                .iter()
                .map(|&i| d.markers[i].name.as_str())
                .collect();
            marker_label(i18n, &names)
        });
        let count = members.len();
        let picked = {
            let members = members.clone();
            Memo::new(move |_| {
                data.with(|d| {
                    members.iter().any(|&i| {
                        d.markers
                            .get(i)
                            .is_some_and(|m| chosen.with(|c| c.contains(&m.id)))
                    })
                })
            })
        };
        let (on_click_members, on_key_members) = (members.clone(), members);
        let on_click = move |_| {
            if !dragging.get_value() {
                choose(on_click_members.clone());
            }
        };
        let on_marker_key = move |event: leptos::ev::KeyboardEvent| {
            if matches!(event.key().as_str(), "Enter" | " ") {
                event.prevent_default();
                event.stop_propagation();
                choose(on_key_members.clone());
            }
        };
        let radius = if count == 1 {
            12
        } else {
            15 + (count.ilog10() as i32) * 4
        };
        let transform = move || {
            let [x, y] = camera.get().to_screen(world_at);
            format!("translate({x:.1} {y:.1})")
        };
        view! {
            <g
                class="ww-marker"
                class:ww-marker-chosen=move || picked.get()
                transform=transform
                role="button"
                tabindex="0"
                aria-label=label
                aria-pressed=move || if picked.get() { "true" } else { "false" }
                data-count=count
                on:click=on_click
                on:keydown=on_marker_key
            >
                <circle r=radius />
                {if count > 1 {
                    view! { <text text-anchor="middle" dy="0.35em" aria-hidden="true">{count}</text> }.into_any()
                } else {
                    view! { <circle class="ww-marker-dot" r="5" /> }.into_any()
                }}
            </g>
        }
    };

    view! {
        <div class="ww-map" node_ref=wrapper>
            <div class="ww-map-controls">
                <button type="button" class="ww-button ww-button-secondary ww-map-zoom" on:click=move |_| zoom_by(1.0) aria-label=i18n.t("map.zoom-in")>"+"</button>
                <button type="button" class="ww-button ww-button-secondary ww-map-zoom" on:click=move |_| zoom_by(-1.0) aria-label=i18n.t("map.zoom-out")>"−"</button>
                <button type="button" class="ww-button ww-button-secondary" on:click=move |_| show_whole()>{i18n.t("map.whole")}</button>
            </div>
            <svg
                class="ww-map-svg"
                node_ref=svg
                width=move || size.get().0
                height=move || size.get().1
                viewBox=move || { let (w, h) = size.get(); format!("0 0 {w} {h}") }
                role="group"
                tabindex="0"
                aria-label=i18n.t("map.label")
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:wheel=on_wheel
                on:keydown=on_key
            >
                <rect class="ww-map-water" width="100%" height="100%" />
                {has_tiles.then(|| view! { <g class="ww-map-tiles">{tile_images}</g> })}
                <g class="ww-areas">{areas}</g>
                <g class="ww-area-names">{area_labels}</g>
                {own_point}
                <g class="ww-markers">
                    <For each=marker_groups key=|(group, first)| (group.members.clone(), first.clone()) children=marker />
                </g>
            </svg>
            <p class="ww-hint ww-map-keys">
                {i18n.t("map.keys")}
                {move || data.with(|d| !d.markers.is_empty()).then(|| format!(" {}", i18n.t("map.keys-choose")))}
            </p>
            {move || shade.get().map(|shade| view! { <ShadeLegend shade outlines=outlines.get_value() /> })}
            <p class="ww-hint ww-map-privacy">
                {match tiles_host {
                    Some(ref host) => i18n.t_with("map.privacy.tiles", &[("host", host)]),
                    None => i18n.t("map.privacy.own"),
                }}
            </p>
        </div>
    }
}

/// A marker's name: the service, or how many and which.
fn marker_label(i18n: I18n, names: &[&str]) -> String {
    let mut distinct: Vec<&str> = Vec::new();
    for name in names {
        if !distinct.contains(name) {
            distinct.push(name);
        }
    }
    match distinct.as_slice() {
        [one] => one.to_string(),
        _ => {
            let shown = distinct
                .iter()
                .take(3)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            let rest = distinct.len().saturating_sub(3);
            let key = if rest > 0 {
                "map.group-more"
            } else {
                "map.group"
            };
            i18n.t_with(
                key,
                &[
                    ("count", &names.len().to_string()),
                    ("names", &shown),
                    ("rest", &rest.to_string()),
                ],
            )
        }
    }
}

/// The host name of a tile URL template on another website, for the privacy line.
fn host_of(template: &str) -> Option<String> {
    template
        .strip_prefix("https://")
        .and_then(|rest| rest.split('/').next())
        .map(str::to_owned)
}

/// What the colours mean, and every neighbourhood's number as text.
#[component]
fn ShadeLegend(shade: Shade, outlines: Option<Arc<Outlines>>) -> impl IntoView {
    let i18n = use_i18n();
    let below = shade.blind_below;
    let names: Vec<String> = outlines.map_or_else(
        || shade.counts.iter().map(|(name, _)| name.clone()).collect(),
        |o| o.areas.iter().map(|a| a.name.clone()).collect(),
    );
    let rows = names
        .into_iter()
        .map(|name| {
            let count = shade.count_for(&name);
            let text = match count {
                Some(count) => {
                    let blind = count < below;
                    format!(
                        "{name}: {}{}",
                        i18n.t_count("map.places", count),
                        if blind {
                            format!(" — {}", i18n.t("coverage.blind"))
                        } else {
                            String::new()
                        }
                    )
                }
                None => format!("{name}: {}", i18n.t("map.no-count")),
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    let swatch = |class: &'static str, text: String| {
        view! { <li><span class=format!("ww-swatch {class}") aria-hidden="true"></span>{text}</li> }
    };
    view! {
        <div class="ww-map-legend">
            <p class="ww-label">{i18n.t_with("map.shade-title", &[("domain", &shade.title)])}</p>
            <ul class="ww-plain-list ww-legend-keys" role="list">
                {swatch("ww-shade-blind", i18n.t_with("map.shade-blind", &[("count", &below.to_string())]))}
                {swatch("ww-shade-thin", i18n.t_with("map.shade-thin", &[("from", &below.to_string()), ("to", &(below * 2).saturating_sub(1).to_string())]))}
                {swatch("ww-shade-enough", i18n.t_with("map.shade-enough", &[("count", &(below * 2).to_string())]))}
            </ul>
            <ul class="ww-plain-list ww-legend-counts" role="list">{rows}</ul>
        </div>
    }
}
