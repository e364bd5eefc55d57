//! Numbers with decimals written from whole numbers.
//!
//! Formatting an `f64` (`{:.1}`) brings Rust's float printer into a wasm bundle, about 10 KB;
//! a widget that only shows a distance or a coordinate needs none of it.

/// `units` hundredths, tenths, … (`places` decimals) as text with `separator` between the
/// whole part and the decimals: `decimal(-12_345, 3, '.')` is `"-12.345"`.
pub fn decimal(units: i64, places: u32, separator: char) -> String {
    let scale = 10u64.pow(places);
    let sign = if units < 0 { "-" } else { "" };
    let magnitude = units.unsigned_abs();
    let whole = magnitude / scale;
    if places == 0 {
        return format!("{sign}{whole}");
    }
    let fraction = magnitude % scale;
    let width = places as usize;
    format!("{sign}{whole}{separator}{fraction:0width$}")
}

/// `value` rounded to `places` decimals, in whole units of the last decimal (half away from
/// zero), for [`decimal`].
pub fn in_units(value: f64, places: u32) -> i64 {
    // Saturates for values no widget shows (beyond ±9.2e18 units).
    (value * 10f64.powi(places as i32)).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_decimals_with_leading_zeros_and_a_sign() {
        assert_eq!(decimal(12, 1, ','), "1,2");
        assert_eq!(decimal(5_237_310, 5, '.'), "52.37310");
        assert_eq!(decimal(-489_220, 5, '.'), "-4.89220");
        assert_eq!(decimal(-5, 2, '.'), "-0.05");
        assert_eq!(decimal(7, 0, ','), "7");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(in_units(1.25, 1), 13);
        assert_eq!(in_units(-1.25, 1), -13);
        assert_eq!(in_units(52.373_104_9, 5), 5_237_310);
    }
}
