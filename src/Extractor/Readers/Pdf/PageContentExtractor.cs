using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Extractor.Readers.Pdf;

/// <summary>
/// Turns one PdfPig page into <see cref="PageContent"/>: glyphs with repaired text and ruling
/// segments, both in the upright frame. The only place besides <see cref="PdfReader"/> that sees PdfPig types.
/// </summary>
internal static class PageContentExtractor
{
    /// <summary>Shorter segments are pieces of glyph outlines (fake-bold headings), not rules (PITFALLS).</summary>
    private const double MinSegmentLength = 4.0;

    /// <summary>A filled rectangle at most this thick is a border drawn as a fill (Word, WPS, Chromium).</summary>
    private const double MaxRuleThickness = 3.0;

    public static PageContent Extract(Page page)
    {
        var frame = new PageFrame(DominantQuarterTurns(page.Letters), page.Width, page.Height);
        var glyphs = new List<Glyph>(page.Letters.Count);
        var undecodable = 0;
        foreach (var letter in page.Letters)
        {
            var text = GlyphText.Normalize(letter.Value ?? string.Empty);
            if (text.Length == 0 || text.Any(GlyphText.IsUndecodable))
            {
                // No usable ToUnicode entry: counted for the page's verdict, never read as text.
                undecodable++;
                continue;
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            var glyph = ToGlyph(letter, text, frame);
            if (glyph is not null)
            {
                glyphs.Add(glyph);
            }
        }
        return new PageContent
        {
            Number = page.Number,
            Frame = frame,
            Glyphs = glyphs,
            Segments = ExtractSegments(page, frame),
            ImageCoverage = ImageCoverage(page),
            UndecodableGlyphs = undecodable,
            PathCount = page.Paths.Count,
        };
    }

    /// <summary>
    /// The rotation that makes most text run left to right. PdfPig returns a /Rotate page in
    /// display orientation, and a landscape table may be drawn sideways on a portrait page: the
    /// direction of most baselines tells which way is up (measured, not taken from the
    /// orientation enum, whose 90/270 naming is easy to get backwards).
    /// </summary>
    private static int DominantQuarterTurns(IReadOnlyList<Letter> letters)
    {
        var votes = new int[4]; // runs right, up, left, down
        foreach (var l in letters)
        {
            var dx = l.EndBaseLine.X - l.StartBaseLine.X;
            var dy = l.EndBaseLine.Y - l.StartBaseLine.Y;
            if (Math.Abs(dx) < 1e-6 && Math.Abs(dy) < 1e-6)
            {
                continue;
            }
            votes[Math.Abs(dx) >= Math.Abs(dy) ? (dx > 0 ? 0 : 2) : (dy > 0 ? 1 : 3)]++;
        }
        var best = 0;
        for (var i = 1; i < 4; i++)
        {
            if (votes[i] > votes[best])
            {
                best = i;
            }
        }
        // Text running up needs the frame turned a quarter clockwise (see PageFrame.ToUpright), and so on.
        return best;
    }

    private static Glyph? ToGlyph(Letter letter, string text, PageFrame frame)
    {
        var (sx, sy) = frame.ToUpright(letter.StartBaseLine.X, letter.StartBaseLine.Y);
        var (ex, _) = frame.ToUpright(letter.EndBaseLine.X, letter.EndBaseLine.Y);
        var size = letter.PointSize;
        if (!(size > 0.5) || size > 200)
        {
            var rect = letter.BoundingBox;
            size = Math.Max(rect.Width, rect.Height);
        }
        if (!(size > 0.5))
        {
            return null;
        }
        var x0 = Math.Min(sx, ex);
        var x1 = Math.Max(sx, ex);
        if (x1 - x0 < 0.1)
        {
            // Zero advance (vertical writing, broken widths): assume a square CJK cell.
            x1 = x0 + size;
        }
        return new Glyph(text, x0, x1, sy, size);
    }

    private static List<Segment> ExtractSegments(Page page, PageFrame frame)
    {
        var segments = new List<Segment>();
        foreach (var path in page.Paths)
        {
            if (path.IsClipping || (!path.IsFilled && !path.IsStroked))
            {
                continue;
            }
            foreach (var subpath in path)
            {
                if (path.IsFilled)
                {
                    AddFilledRule(subpath, frame, segments);
                }
                if (path.IsStroked)
                {
                    AddStrokedLines(subpath, frame, segments);
                }
            }
        }
        return segments;
    }

    /// <summary>A thin filled rectangle is a border: its long axis becomes a segment. Wider fills are shading.</summary>
    private static void AddFilledRule(PdfSubpath subpath, PageFrame frame, List<Segment> segments)
    {
        if (subpath.Commands.Any(c => c is PdfSubpath.BezierCurve))
        {
            return;
        }
        var rect = subpath.GetBoundingRectangle();
        if (rect is not { } r)
        {
            return;
        }
        var (ax, ay) = frame.ToUpright(r.Left, r.Bottom);
        var (bx, by) = frame.ToUpright(r.Right, r.Top);
        var box = new Box(Math.Min(ax, bx), Math.Min(ay, by), Math.Max(ax, bx), Math.Max(ay, by));
        if (box.Height <= MaxRuleThickness && box.Width >= MinSegmentLength)
        {
            segments.Add(new Segment(true, box.CenterY, box.X0, box.X1));
        }
        else if (box.Width <= MaxRuleThickness && box.Height >= MinSegmentLength)
        {
            segments.Add(new Segment(false, box.CenterX, box.Y0, box.Y1));
        }
    }

    /// <summary>Each straight, axis-aligned piece of a stroked path is a rule; diagonals and curves are not.</summary>
    private static void AddStrokedLines(PdfSubpath subpath, PageFrame frame, List<Segment> segments)
    {
        PdfPoint? start = null;
        PdfPoint? current = null;
        foreach (var command in subpath.Commands)
        {
            switch (command)
            {
                case PdfSubpath.Move move:
                    start = current = move.Location;
                    break;
                case PdfSubpath.Line line:
                    AddLine(line.From, line.To, frame, segments);
                    current = line.To;
                    break;
                case PdfSubpath.BezierCurve curve:
                    current = curve.EndPoint;
                    break;
                case PdfSubpath.Close when start is { } s && current is { } c:
                    AddLine(c, s, frame, segments);
                    current = s;
                    break;
            }
        }
    }

    private static void AddLine(PdfPoint from, PdfPoint to, PageFrame frame, List<Segment> segments)
    {
        var (ax, ay) = frame.ToUpright(from.X, from.Y);
        var (bx, by) = frame.ToUpright(to.X, to.Y);
        if (Math.Abs(ay - by) < 0.5 && Math.Abs(ax - bx) >= MinSegmentLength)
        {
            segments.Add(new Segment(true, (ay + by) / 2, Math.Min(ax, bx), Math.Max(ax, bx)));
        }
        else if (Math.Abs(ax - bx) < 0.5 && Math.Abs(ay - by) >= MinSegmentLength)
        {
            segments.Add(new Segment(false, (ax + bx) / 2, Math.Min(ay, by), Math.Max(ay, by)));
        }
    }

    private static double ImageCoverage(Page page)
    {
        if (page.NumberOfImages == 0)
        {
            return 0;
        }
        double area = 0;
        foreach (var image in page.GetImages())
        {
            var b = image.BoundingBox;
            area += Math.Abs(b.Width * b.Height);
        }
        var pageArea = page.Width * page.Height;
        return pageArea > 0 ? Math.Min(1, area / pageArea) : 0;
    }
}
