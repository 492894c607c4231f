using System.Text.RegularExpressions;

namespace Extractor.Readers.Pdf;

/// <summary>
/// Running headers, footers and page numbers: lines in the top or bottom margin band that look
/// like a page number (-3-, 第3页 共5页, 3/5) or that repeat, digits aside, on other pages. They are
/// dropped so they never land in a table or split a paragraph that runs over a page break.
/// </summary>
internal static partial class PageFurniture
{
    /// <summary>Share of the page height at top and bottom where headers and footers live.</summary>
    private const double Band = 0.085;

    [GeneratedRegex(@"^(?:[-–—－·•\s]*\d{1,4}[-–—－·•\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|(?:page|Page|PAGE)\s*\d+(?:\s*of\s*\d+)?)$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    /// <summary>The furniture glyphs among each page's <paramref name="remaining"/> glyphs (those not in tables).</summary>
    public static HashSet<Glyph> Find(IReadOnlyList<PageContent> pages, IReadOnlyDictionary<int, List<Glyph>> remaining)
    {
        // 1. Candidate lines in the bands, per page.
        var candidates = new List<(int Page, TextLine Line, string Key)>();
        foreach (var page in pages)
        {
            if (!remaining.TryGetValue(page.Number, out var glyphs) || glyphs.Count == 0)
            {
                continue;
            }
            var top = page.Height * (1 - Band);
            var bottom = page.Height * Band;
            foreach (var line in LineBuilder.Build(glyphs.Where(g => g.Y0 >= top || g.Y1 <= bottom)))
            {
                var text = line.Text(columnGap: true).Trim();
                candidates.Add((page.Number, line, Digits().Replace(text, "#")));
            }
        }

        // 2. A page number alone on its line, or a line repeated on other pages.
        var pagesPerKey = candidates.GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Select(c => c.Page).Distinct().Count());
        var result = new HashSet<Glyph>();
        foreach (var (_, line, key) in candidates)
        {
            var text = line.Text().Trim();
            if (PageNumber().IsMatch(text) || (pages.Count > 1 && pagesPerKey[key] >= 2 && key.Length >= 2))
            {
                result.UnionWith(line.Glyphs);
            }
        }
        return result;
    }
}
