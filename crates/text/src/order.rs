//! Sorting with one compiled sort for the whole program.
//!
//! `slice::sort_by` and its relatives are generic over the element and the comparison, so
//! every call site with a closure of its own compiles the whole sort algorithm again: about
//! 2 KB of wasm each, 60 KB in the social map's bundle before these functions existed. Here
//! the algorithm sorts positions (`usize`) with the comparison behind `dyn`, so it is compiled
//! once; per element type only a small reordering step is. The sort is stable.
//!
//! Use these where a list is sorted once or is short (facets, suggestions, reports). A loop
//! that sorts many elements on every keystroke (the ranking of hits) keeps the slice methods:
//! there the call through `dyn` per comparison costs time, and time weighs more than bytes.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in the order they had (like
/// `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = positions_in_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    reorder(items, order);
}

/// Sorts `items` by a key, keeping items with equal keys in the order they had (like
/// `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by their own order (like `slice::sort`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` gives them; equal ones by position, which
/// makes the sort stable. The only place the sort algorithm is compiled.
fn positions_in_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    order
}

/// Puts the item at `order[i]` at position `i`, by swapping.
///
/// Before step `i`, the places below `i` hold their final items; the item that was at
/// `order[i]` was moved away only if its place was one of them, and then the swap that filled
/// that place `p` sent it to where the item for `p` had been, `order[p]`: follow that chain
/// until it leaves the finished places.
fn reorder<T>(items: &mut [T], order: Vec<usize>) {
    for i in 0..items.len() {
        let mut from = order[i];
        while from < i {
            from = order[from];
        }
        items.swap(i, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equal_items_keep_their_order() {
        let mut items = [(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by_key(&mut items, |item| item.0);
        assert_eq!(items, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn empty_and_single_lists_stay_as_they_are() {
        let mut empty: [u8; 0] = [];
        sort(&mut empty);
        let mut one = [7];
        sort(&mut one);
        assert_eq!(one, [7]);
    }

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut theirs = items;
            theirs.sort_by_key(|b| std::cmp::Reverse(b.0));
            prop_assert_eq!(ours, theirs);
        }
    }
}
