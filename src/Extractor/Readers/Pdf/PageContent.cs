namespace Extractor.Readers.Pdf;

/// <summary>An axis-aligned rectangle in PDF points, y growing upwards (PDF user space).</summary>
internal readonly record struct Box(double X0, double Y0, double X1, double Y1)
{
    public double Width => X1 - X0;
    public double Height => Y1 - Y0;
    public double CenterX => (X0 + X1) / 2;
    public double CenterY => (Y0 + Y1) / 2;

    public bool Contains(double x, double y, double tolerance = 0) =>
        x >= X0 - tolerance && x <= X1 + tolerance && y >= Y0 - tolerance && y <= Y1 + tolerance;

    public Box Union(Box other) =>
        new(Math.Min(X0, other.X0), Math.Min(Y0, other.Y0), Math.Max(X1, other.X1), Math.Max(Y1, other.Y1));

    public static Box Bounding<T>(IEnumerable<T> items, Func<T, Box> box)
    {
        Box? result = null;
        foreach (var item in items)
        {
            var b = box(item);
            result = result is { } r ? r.Union(b) : b;
        }
        return result ?? default;
    }
}

/// <summary>
/// One decoded glyph in the upright page frame. The box comes from the baseline and the font
/// size, not from PdfPig's glyph rectangle, because Type 3 glyph boxes have zero height (PITFALLS).
/// </summary>
internal sealed record Glyph(string Text, double X0, double X1, double Baseline, double Size)
{
    public double Y0 => Baseline - 0.2 * Size;
    public double Y1 => Baseline + 0.8 * Size;
    public double CenterX => (X0 + X1) / 2;

    /// <summary>Middle of the ink of a CJK glyph: the point used to put a glyph into a cell.</summary>
    public double CenterY => Baseline + 0.3 * Size;

    public Box Box => new(X0, Y0, X1, Y1);
}

/// <summary>A ruling line: horizontal at y = <see cref="Pos"/> from x = From to To, or vertical at x = Pos.</summary>
internal readonly record struct Segment(bool Horizontal, double Pos, double From, double To)
{
    public double Length => To - From;
}

/// <summary>
/// Maps between PdfPig's page coordinates and the upright frame the table logic works in
/// (text running left to right). Rotated pages are turned so the grid is not transposed.
/// </summary>
internal sealed record PageFrame(int QuarterTurns, double Width, double Height)
{
    public static readonly PageFrame Identity = new(0, 0, 0);

    /// <summary>Width of the upright frame.</summary>
    public double UprightWidth => QuarterTurns % 2 == 0 ? Width : Height;

    /// <summary>Height of the upright frame.</summary>
    public double UprightHeight => QuarterTurns % 2 == 0 ? Height : Width;

    /// <summary>PdfPig coordinates to upright coordinates. Turns are clockwise quarter turns of the content.</summary>
    public (double X, double Y) ToUpright(double x, double y) => QuarterTurns switch
    {
        1 => (y, Width - x),
        2 => (Width - x, Height - y),
        3 => (Height - y, x),
        _ => (x, y),
    };

    /// <summary>Upright coordinates back to PdfPig coordinates, for provenance.</summary>
    public (double X, double Y) FromUpright(double x, double y) => QuarterTurns switch
    {
        1 => (Width - y, x),
        2 => (Width - x, Height - y),
        3 => (y, Height - x),
        _ => (x, y),
    };

    /// <summary>A box in upright coordinates as [x0, y0, x1, y1] in PdfPig page coordinates.</summary>
    public double[] ToPageBox(Box box)
    {
        var (ax, ay) = FromUpright(box.X0, box.Y0);
        var (bx, by) = FromUpright(box.X1, box.Y1);
        return [Round(Math.Min(ax, bx)), Round(Math.Min(ay, by)), Round(Math.Max(ax, bx)), Round(Math.Max(ay, by))];
    }

    private static double Round(double v) => Math.Round(v, 2);
}

/// <summary>What one page holds once decoded: glyphs and ruling lines in the upright frame.</summary>
internal sealed class PageContent
{
    public required int Number { get; init; }
    public required PageFrame Frame { get; init; }
    public required List<Glyph> Glyphs { get; init; }
    public required List<Segment> Segments { get; init; }

    /// <summary>Share of the page area covered by images (0..1), to recognise scans.</summary>
    public double ImageCoverage { get; init; }

    /// <summary>Number of glyphs whose text did not decode (private use, replacement, control characters).</summary>
    public int UndecodableGlyphs { get; init; }

    /// <summary>Number of vector paths, to tell a blank page from text drawn as outlines.</summary>
    public int PathCount { get; init; }

    public double Width => Frame.UprightWidth;
    public double Height => Frame.UprightHeight;
}
