using System.Text;

namespace Extractor.Readers.Pdf;

/// <summary>Glyphs on one baseline, left to right.</summary>
internal sealed class TextLine
{
    public TextLine(List<Glyph> glyphs)
    {
        Glyphs = glyphs;
        Box = Box.Bounding(glyphs, g => g.Box);
        Baseline = glyphs.Average(g => g.Baseline);
        Size = glyphs.Max(g => g.Size);
    }

    public List<Glyph> Glyphs { get; }
    public Box Box { get; }
    public double Baseline { get; }
    public double Size { get; }

    /// <summary>
    /// The line's text. Chinese is written without spaces, so a space goes only between two
    /// word characters (digits, Latin) that stand apart; with <paramref name="columnGap"/> a wide gap
    /// anywhere also becomes one space (columns of a prose line).
    /// </summary>
    public string Text(bool columnGap = false) =>
        columnGap ? _spaced ??= Join(Glyphs, true) : _plain ??= Join(Glyphs, false);

    // Texts are asked for repeatedly (chunking, paragraphs, furniture): built once.
    private string? _plain;
    private string? _spaced;

    public static string Join(IReadOnlyList<Glyph> glyphs, bool columnGap)
    {
        var sb = new StringBuilder();
        Glyph? prev = null;
        foreach (var g in glyphs)
        {
            if (prev is not null)
            {
                var gap = g.X0 - prev.X1;
                var size = Math.Max(prev.Size, g.Size);
                var wordGap = gap > 0.2 * size && GlyphText.IsWordChar(prev.Text[^1]) && GlyphText.IsWordChar(g.Text[0]);
                if (wordGap || (columnGap && gap > 1.5 * size))
                {
                    sb.Append(' ');
                }
            }
            sb.Append(g.Text);
            prev = g;
        }
        return sb.ToString();
    }

    /// <summary>Splits the line where the gap between glyphs is wider than <paramref name="gapFactor"/> × size: the chunks of a column layout.</summary>
    public List<TextLine> Chunks(double gapFactor)
    {
        var result = new List<TextLine>();
        var current = new List<Glyph>();
        foreach (var g in Glyphs)
        {
            if (current.Count > 0 && g.X0 - current[^1].X1 > gapFactor * Math.Max(g.Size, current[^1].Size))
            {
                result.Add(new TextLine(current));
                current = [];
            }
            current.Add(g);
        }
        if (current.Count > 0)
        {
            result.Add(new TextLine(current));
        }
        return result;
    }
}

/// <summary>Groups glyphs into lines by baseline and font size (glyph boxes are unreliable, PITFALLS).</summary>
internal static class LineBuilder
{
    public static List<TextLine> Build(IEnumerable<Glyph> glyphs)
    {
        // 1. Top to bottom by baseline, then left to right.
        var sorted = glyphs.OrderByDescending(g => g.Baseline).ThenBy(g => g.X0).ToList();
        var lines = new List<TextLine>();
        var i = 0;
        while (i < sorted.Count)
        {
            // 2. A line takes every following glyph whose baseline is within a third of the first glyph's size.
            var first = sorted[i];
            var members = new List<Glyph> { first };
            var j = i + 1;
            while (j < sorted.Count && first.Baseline - sorted[j].Baseline <= 0.3 * Math.Max(first.Size, sorted[j].Size))
            {
                members.Add(sorted[j]);
                j++;
            }
            lines.Add(new TextLine(Deduplicate(members.OrderBy(g => g.X0).ToList())));
            i = j;
        }
        return lines;
    }

    /// <summary>Fake bold draws each glyph twice with a small offset: keep one of each pair.</summary>
    private static List<Glyph> Deduplicate(List<Glyph> glyphs)
    {
        var result = new List<Glyph>(glyphs.Count);
        foreach (var g in glyphs)
        {
            var dup = false;
            for (var k = result.Count - 1; k >= 0 && k >= result.Count - 3; k--)
            {
                var p = result[k];
                if (p.Text == g.Text && Math.Abs(p.X0 - g.X0) < 0.3 * g.Size && Math.Abs(p.Baseline - g.Baseline) < 0.3 * g.Size)
                {
                    dup = true;
                    break;
                }
            }
            if (!dup)
            {
                result.Add(g);
            }
        }
        return result;
    }

    /// <summary>
    /// The text of a cell or block: lines joined top to bottom. A vertically written or wrapped
    /// CJK label (三、本 / 年度办 / 理结果) joins without spaces; two Latin or digit runs keep one.
    /// </summary>
    public static string JoinLines(IReadOnlyList<TextLine> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            var text = line.Text();
            if (sb.Length > 0 && text.Length > 0 && GlyphText.IsWordChar(sb[^1]) && GlyphText.IsWordChar(text[0]))
            {
                sb.Append(' ');
            }
            sb.Append(text);
        }
        return sb.ToString();
    }
}
