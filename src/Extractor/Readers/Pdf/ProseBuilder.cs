namespace Extractor.Readers.Pdf;

/// <summary>A paragraph of running text on one page, with the box it covers.</summary>
internal sealed record Paragraph(int Page, Box Box, string Text, bool EndsShort, bool StartsIndented);

/// <summary>
/// Lines of running text into paragraphs. A paragraph starts at an indented line, after a line that
/// ends well short of the right margin, at a change of font size or after a wide vertical gap —
/// which keeps headings such as 一、总体情况 apart from the prose around them.
/// </summary>
internal static class ProseBuilder
{
    public static List<Paragraph> Build(int page, IReadOnlyList<TextLine> lines)
    {
        var result = new List<Paragraph>();
        if (lines.Count == 0)
        {
            return result;
        }
        var left = lines.Min(l => l.Box.X0);
        var right = lines.Max(l => l.Box.X1);
        var current = new List<TextLine>();
        foreach (var line in lines)
        {
            if (current.Count > 0 && StartsNewParagraph(current[^1], line, left, right))
            {
                result.Add(Make(page, current, left, right));
                current = [];
            }
            current.Add(line);
        }
        result.Add(Make(page, current, left, right));
        return result;
    }

    private static bool StartsNewParagraph(TextLine prev, TextLine line, double left, double right)
    {
        var size = Math.Max(prev.Size, line.Size);
        return line.Box.X0 - left > 1.5 * line.Size
            || right - prev.Box.X1 > 2.5 * prev.Size
            || Math.Abs(prev.Size - line.Size) > 0.15 * size
            || prev.Baseline - line.Baseline > 2.2 * size
            || line.Box.X0 > prev.Box.X1; // side by side: not the same paragraph
    }

    private static Paragraph Make(int page, List<TextLine> lines, double left, double right)
    {
        var text = string.Concat(lines.Select((l, i) =>
        {
            var t = l.Text(columnGap: true);
            var prev = i == 0 ? null : lines[i - 1].Text(columnGap: true);
            return prev is { Length: > 0 } && t.Length > 0 && GlyphText.IsWordChar(prev[^1]) && GlyphText.IsWordChar(t[0]) ? " " + t : t;
        }));
        return new Paragraph(
            page,
            Box.Bounding(lines, l => l.Box),
            text.Trim(),
            EndsShort: right - lines[^1].Box.X1 > 2.5 * lines[^1].Size,
            StartsIndented: lines[0].Box.X0 - left > 1.5 * lines[0].Size);
    }
}
