//! The letterhead's logo as a picture in the letter: its format and proportions read from
//! its first bytes (PNG, JPEG or GIF, the formats every version of Word shows), and the
//! inline drawing that places it, 1.6 cm high as on the PDF, with its alternative text.

use std::fmt::Write as _;

use super::xml;

/// A picture format Word shows everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// GIF.
    Gif,
}

impl ImageFormat {
    /// The file extension of the part.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Gif => "gif",
        }
    }

    /// The part's content type.
    pub fn content_type(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Gif => "image/gif",
        }
    }
}

/// A picture's format and size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picture {
    /// The format.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Reads the format and size of a picture, or says why it cannot be a logo in a Word letter.
pub fn inspect(bytes: &[u8]) -> Result<Picture, String> {
    let picture = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else if bytes.starts_with(&[0xff, 0xd8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        gif(bytes)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Err(NOT_FOR_WORD.replace("{format}", "a WebP image"));
    } else if looks_like_svg(bytes) {
        return Err(NOT_FOR_WORD.replace("{format}", "an SVG image"));
    } else {
        None
    };
    let picture = picture.ok_or_else(|| "is not a PNG, JPEG or GIF image that foi can read".to_owned())?;
    if picture.width == 0 || picture.height == 0 {
        return Err("is an image with no pixels".to_owned());
    }
    Ok(picture)
}

const NOT_FOR_WORD: &str = "is {format}, which not every version of Word shows: for Word letters, \
                            save the logo as a PNG as well and name that in `logo:`";

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.contains("<svg")
}

fn be16(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?])))
}

fn png(bytes: &[u8]) -> Option<Picture> {
    // The first chunk is IHDR: length, "IHDR", width, height.
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let height = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    Some(Picture { format: ImageFormat::Png, width, height })
}

fn jpeg(bytes: &[u8]) -> Option<Picture> {
    // Walk the markers to the first start-of-frame, which holds the size.
    let mut at = 2;
    loop {
        while *bytes.get(at)? != 0xff {
            at += 1;
        }
        while *bytes.get(at)? == 0xff {
            at += 1;
        }
        let marker = *bytes.get(at)?;
        at += 1;
        if matches!(marker, 0xd0..=0xd9 | 0x01) {
            continue;
        }
        let length = usize::try_from(be16(bytes, at)?).ok()?;
        let frame = matches!(marker, 0xc0..=0xcf) && !matches!(marker, 0xc4 | 0xc8 | 0xcc);
        if frame {
            let height = be16(bytes, at + 3)?;
            let width = be16(bytes, at + 5)?;
            return Some(Picture { format: ImageFormat::Jpeg, width, height });
        }
        if length < 2 {
            return None;
        }
        at += length;
    }
}

fn gif(bytes: &[u8]) -> Option<Picture> {
    let width = u32::from(u16::from_le_bytes([*bytes.get(6)?, *bytes.get(7)?]));
    let height = u32::from(u16::from_le_bytes([*bytes.get(8)?, *bytes.get(9)?]));
    Some(Picture { format: ImageFormat::Gif, width, height })
}

/// English Metric Units in a centimetre.
const EMU_PER_CM: u64 = 360_000;

/// The logo's height on the page, as on the PDF's letterhead.
const HEIGHT: u64 = 16 * EMU_PER_CM / 10;

/// The widest a logo may be: a very wide one is scaled down to this width.
const MAX_WIDTH: u64 = 16 * EMU_PER_CM;

/// The size on the page, in EMU, of a picture `width` × `height` pixels.
pub fn extent(picture: &Picture) -> (u64, u64) {
    let (w, h) = (u64::from(picture.width), u64::from(picture.height));
    let width = HEIGHT * w / h;
    if width <= MAX_WIDTH { (width.max(1), HEIGHT) } else { (MAX_WIDTH, (MAX_WIDTH * h / w).max(1)) }
}

/// The paragraph holding the picture inline: relationship `id`, drawing number `number`,
/// described by `alt` (what a screen reader says for it).
pub fn paragraph(out: &mut String, picture: &Picture, id: &str, number: u32, alt: &str) {
    let (cx, cy) = extent(picture);
    let mut descr = String::new();
    xml::attribute(&mut descr, alt);
    let _ = write!(
        out,
        "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
         <wp:docPr id=\"{number}\" name=\"Logo\" descr=\"{descr}\"/>\
         <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{number}\" name=\"Logo\" descr=\"{descr}\"/><pic:cNvPicPr/></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"{id}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
         <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
         <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
         </wp:inline></w:drawing></w:r></w:p>"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid 2×2 PNG.
    const PNG: &[u8] = &[
        137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0,
        253, 212, 154, 115, 0, 0, 0, 15, 73, 68, 65, 84, 120, 156, 99, 96, 48, 78, 3, 33, 8, 5, 0, 15, 50, 2,
        101, 20, 108, 144, 147, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
    ];

    #[test]
    fn formats_and_sizes_are_read_from_the_first_bytes() {
        assert_eq!(inspect(PNG), Ok(Picture { format: ImageFormat::Png, width: 2, height: 2 }));
        let gif = b"GIF89a\x40\x01\x20\x00rest";
        assert_eq!(inspect(gif), Ok(Picture { format: ImageFormat::Gif, width: 320, height: 32 }));
        // SOI, an APP0 segment of 16 bytes, then SOF0: length 17, precision 8, 48 × 640.
        let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0, 16];
        jpeg.extend([0; 14]);
        jpeg.extend([0xff, 0xc0, 0, 17, 8, 0, 48, 2, 128, 3]);
        assert_eq!(inspect(&jpeg), Ok(Picture { format: ImageFormat::Jpeg, width: 640, height: 48 }));
    }

    #[test]
    fn svg_webp_and_broken_images_are_refused_with_a_reason() {
        assert!(inspect(b"<?xml version='1.0'?><svg xmlns='x'/>").expect_err("svg").contains("SVG"));
        assert!(inspect(b"RIFF\0\0\0\0WEBPVP8 ").expect_err("webp").contains("WebP"));
        assert!(inspect(b"\x89PNG\r\n\x1a\n\0\0").expect_err("short").contains("not a PNG"));
        assert!(inspect(&[0xff, 0xd8, 0xff, 0xe0, 0, 0]).is_err(), "a zero-length segment");
        assert!(inspect(&[0xff, 0xd8, 0xff]).is_err());
        assert!(inspect(b"GIF89a\0\0\0\0").expect_err("empty").contains("no pixels"));
    }

    #[test]
    fn the_logo_is_as_high_as_on_the_pdf_and_never_wider_than_the_text() {
        let square = Picture { format: ImageFormat::Png, width: 100, height: 100 };
        assert_eq!(extent(&square), (576_000, 576_000));
        let banner = Picture { format: ImageFormat::Png, width: 4000, height: 100 };
        assert_eq!(extent(&banner), (5_760_000, 144_000));
    }

    #[test]
    fn the_alternative_text_is_escaped() {
        let mut out = String::new();
        paragraph(
            &mut out,
            &Picture { format: ImageFormat::Png, width: 1, height: 1 },
            "rIdLogo",
            1,
            "A \"&\" <B> logo",
        );
        assert!(out.contains("descr=\"A &quot;&amp;&quot; &lt;B&gt; logo\""), "{out}");
    }
}
