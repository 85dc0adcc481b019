//! QR codes as inline SVG, rendered on the server so share pages need no script to show them.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An `<svg>` element encoding `text`, labelled for screen readers with `label`.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(168, 168)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    // Drop the XML declaration so the SVG can sit inline in HTML, and give it a name.
    let start = image.find("<svg")?;
    let label = askama::filters::escape(label, askama::filters::Html)
        .ok()?
        .to_string();
    Some(image[start..].replacen(
        "<svg",
        &format!("<svg role=\"img\" aria-label=\"{label}\""),
        1,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_svg_is_inline_ready_and_labelled() {
        let svg = super::svg("http://127.0.0.1:8080/join/demo/guest", "QR <code>").unwrap();
        assert!(
            svg.starts_with("<svg role=\"img\" aria-label=\"QR &#60;code&#62;\""),
            "{svg}"
        );
        println!("{svg}");
    }
}
