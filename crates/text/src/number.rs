//! Numbers with decimals, written from whole numbers and read without Rust's float parser.
//!
//! Formatting an `f64` (`{:.1}`) brings Rust's float printer into a wasm bundle, about 10 KB,
//! and `str::parse::<f64>` its parser with a table of powers of five, about 9 KB brotli; a
//! widget that only shows a distance or reads a coordinate needs neither.

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

/// The powers of ten an `f64` holds exactly.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Digits kept of a number; the rest cannot change an `f64`'s value by more than a unit in
/// its last place.
const KEPT_DIGITS: u32 = 19;

/// A number as a file writes it: an optional sign, digits with an optional `.` and
/// decimals, and an optional exponent (`52.1`, `-4.89`, `.5`, `1e3`). Anything else, also
/// spaces, `inf` and `NaN`, is `None`.
///
/// The nearest `f64` (as `str::parse` gives) for up to 15 significant digits and exponents up
/// to ±22, which covers coordinates, ages and counts; within a few units in the last place
/// beyond. Made without Rust's float parser, which would add its tables to a wasm bundle.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        rest => (false, rest),
    };
    let mut mantissa = 0u64;
    let mut exponent = 0i32;
    let (mut digits, mut kept) = (0, 0);
    let mut after_point = false;
    let mut position = 0;
    while let Some(&byte) = rest.get(position) {
        match byte {
            b'0'..=b'9' => {
                digits += 1;
                if kept < KEPT_DIGITS {
                    if mantissa > 0 || byte > b'0' {
                        kept += 1;
                    }
                    mantissa = mantissa * 10 + u64::from(byte - b'0');
                    exponent -= i32::from(after_point);
                } else {
                    exponent += i32::from(!after_point);
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        position += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(written) = rest.get(position..).filter(|tail| !tail.is_empty()) {
        exponent = exponent.saturating_add(parse_exponent(written)?);
    }
    let magnitude = scale(mantissa as f64, exponent);
    Some(if negative { -magnitude } else { magnitude })
}

/// `e12`, `E-3`, `e+7`: the exponent, capped far beyond any `f64`.
fn parse_exponent(written: &[u8]) -> Option<i32> {
    let (first, rest) = written.split_first()?;
    if !first.eq_ignore_ascii_case(&b'e') {
        return None;
    }
    let (negative, digits) = match rest {
        [b'-', digits @ ..] => (true, digits),
        [b'+', digits @ ..] => (false, digits),
        digits => (false, digits),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = digits.iter().fold(0i32, |value, digit| {
        (value * 10 + i32::from(digit - b'0')).min(100_000)
    });
    Some(if negative { -value } else { value })
}

/// `value` × 10^`exponent`, one exact power at a time.
fn scale(mut value: f64, mut exponent: i32) -> f64 {
    let largest = EXACT_POWERS.len() as i32 - 1;
    while exponent > largest {
        if !value.is_finite() || value == 0.0 {
            return value;
        }
        value *= EXACT_POWERS[largest as usize];
        exponent -= largest;
    }
    while exponent < -largest {
        if value == 0.0 {
            return value;
        }
        value /= EXACT_POWERS[largest as usize];
        exponent += largest;
    }
    if exponent >= 0 {
        value * EXACT_POWERS[exponent as usize]
    } else {
        value / EXACT_POWERS[exponent.unsigned_abs() as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    #[test]
    fn reads_numbers_as_files_write_them() {
        assert_eq!(parse_decimal("52.1"), Some(52.1));
        assert_eq!(parse_decimal("-4.89"), Some(-4.89));
        assert_eq!(parse_decimal("+7"), Some(7.0));
        assert_eq!(parse_decimal(".5"), Some(0.5));
        assert_eq!(parse_decimal("5."), Some(5.0));
        assert_eq!(parse_decimal("1e3"), Some(1000.0));
        assert_eq!(parse_decimal("2.5E-3"), Some(0.0025));
        assert_eq!(parse_decimal("0.000"), Some(0.0));
        assert_eq!(parse_decimal("1e999999999"), Some(f64::INFINITY));
        assert_eq!(parse_decimal("1e-999999999"), Some(0.0));
        assert_eq!(parse_decimal("0e999999999"), Some(0.0));
        assert_eq!(parse_decimal("-0.0"), Some(-0.0));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in [
            "", "-", ".", "+.", "1.2.3", "1e", "1e+", "e5", "1,5", " 1", "1 ", "inf", "NaN",
            "12abc", "0x10",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn is_exact_for_short_numbers(mantissa in 0u64..1_000_000_000_000_000 / 1000, exponent in -22i32..=22, negative: bool) {
            let sign = if negative { "-" } else { "" };
            let text = format!("{sign}{mantissa}e{exponent}");
            prop_assert_eq!(parse_decimal(&text), text.parse::<f64>().ok());
            let places = exponent.unsigned_abs() as usize;
            let digits = format!("{mantissa:0>width$}", width = places + 1);
            let (whole, fraction) = digits.split_at(digits.len() - places);
            let decimal = format!("{sign}{whole}.{fraction}");
            prop_assert_eq!(parse_decimal(&decimal), decimal.parse::<f64>().ok());
        }

        #[test]
        fn reads_what_the_standard_parser_reads(text in "[+-]?[0-9]{0,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{1,4})?") {
            let ours = parse_decimal(&text);
            match text.parse::<f64>().ok() {
                None => prop_assert_eq!(ours, None),
                Some(theirs) if theirs.is_infinite() || theirs.abs() < 1e-300 => {
                    let ours = ours.unwrap();
                    prop_assert!(ours == theirs || (ours - theirs).abs() < 1e-300, "{} read as {}", text, ours);
                }
                Some(theirs) => {
                    let ours = ours.unwrap();
                    let relative = if theirs == 0.0 { ours.abs() } else { ((ours - theirs) / theirs).abs() };
                    prop_assert!(relative < 1e-14, "{} read as {} not {}", text, ours, theirs);
                }
            }
        }

        #[test]
        fn is_close_for_any_number(value in proptest::num::f64::NORMAL) {
            // Near f64::MAX the last roundings may overflow; no file writes such numbers.
            prop_assume!(value.abs() < 1e300);
            for text in [format!("{value}"), format!("{value:e}")] {
                let ours = parse_decimal(&text).unwrap();
                let relative = ((ours - value) / value).abs();
                prop_assert!(relative < 1e-14, "{} read as {}", text, ours);
            }
        }
    }
}
