namespace Extractor.Readers.Pdf;

/// <summary>
/// Decides whether a page's text can be trusted. A scan has no text layer; a font without a
/// usable ToUnicode map gives private-use, replacement or control characters, or Latin-1 mojibake.
/// Either way the page's figures are missing — never empty tables, never garbage numbers.
/// </summary>
internal static class PageQuality
{
    /// <summary>Share of undecodable glyphs above which the whole page is not trusted.</summary>
    private const double MaxUndecodableShare = 0.2;

    /// <summary>Null when the page reads; otherwise why not, in words for the user.</summary>
    public static string? UnreadableReason(PageContent page)
    {
        var glyphs = page.Glyphs.Count;
        if (glyphs == 0 && page.UndecodableGlyphs == 0)
        {
            // Text drawn as outlines also leaves no glyphs but very many paths.
            return page.ImageCoverage > 0.2 || page.PathCount > 300 ? "no text layer (scanned image?)" : null;
        }
        if (page.ImageCoverage > 0.5 && glyphs < 40)
        {
            return "no text layer (scanned image?), only a few words of text over a full-page image";
        }
        var mojibake = page.Glyphs.Count(g => g.Text.Any(GlyphText.IsLatin1Mojibake));
        var bad = page.UndecodableGlyphs + mojibake;
        if (bad >= 5 && bad > MaxUndecodableShare * (glyphs + page.UndecodableGlyphs))
        {
            return "text does not decode (fonts without usable ToUnicode maps: private-use, replacement or garbled characters)";
        }
        return null;
    }
}
