namespace Extractor.Readers.Pdf;

/// <summary>
/// Lattice strategy: tables from ruling lines. Stroked lines and thin filled rectangles give
/// segments; touching segments form a frame; the frame's rule positions give a grid; a grid unit
/// joins its neighbour where the rule between them is missing (a merged cell); glyphs go to the
/// cell holding their centre.
/// </summary>
internal sealed class RuledTableDetector : ITableDetector
{
    public static readonly RuledTableDetector Instance = new();

    /// <summary>Grid lines closer than this are one line (double borders, offset cell borders).</summary>
    private const double MinCellSize = 4.0;

    /// <summary>A rule counts as present between two units when it covers this share of their common edge.</summary>
    private const double MinCoverage = 0.6;

    public string Strategy => "lattice";

    /// <summary>True when the page's rules form at least one frame: the cheap test that picks this strategy.</summary>
    public static bool HasFrames(PageContent page) => RulingLines.Frames(RulingLines.Merge(page.Segments)).Count > 0;

    public TableDetection Detect(PageContent page, IReadOnlyList<Glyph> glyphs)
    {
        var result = TableDetection.Empty;
        foreach (var frame in RulingLines.Frames(RulingLines.Merge(page.Segments)))
        {
            var table = BuildTable(page, frame, glyphs, result.UsedGlyphs);
            if (table is not null)
            {
                result.Tables.Add(table);
            }
        }
        result.Tables.Sort((a, b) => b.Box.Y1.CompareTo(a.Box.Y1));
        return result;
    }

    private static GridTable? BuildTable(PageContent page, List<Segment> frame, IReadOnlyList<Glyph> glyphs, HashSet<Glyph> used)
    {
        var horizontal = frame.Where(s => s.Horizontal).ToList();
        var vertical = frame.Where(s => !s.Horizontal).ToList();

        // 1. Grid lines: rule positions plus the frame's outer edges (a table may lack side borders).
        var xs = RulingLines.ClusterPositions(
            vertical.Select(s => s.Pos).Append(horizontal.Min(s => s.From)).Append(horizontal.Max(s => s.To)), MinCellSize);
        var ys = RulingLines.ClusterPositions(
            horizontal.Select(s => s.Pos).Append(vertical.Min(s => s.From)).Append(vertical.Max(s => s.To)), MinCellSize);
        ys.Reverse(); // top first
        int rows = ys.Count - 1, cols = xs.Count - 1;
        if (rows < 1 || cols < 1 || rows * cols < 2)
        {
            return null;
        }

        // 2. Units join where the rule between them is missing.
        var parent = Enumerable.Range(0, rows * cols).ToArray();
        int Find(int a)
        {
            while (parent[a] != a)
            {
                a = parent[a] = parent[parent[a]];
            }
            return a;
        }
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                if (c + 1 < cols && RulingLines.Coverage(vertical, xs[c + 1], ys[r + 1], ys[r]) < MinCoverage)
                {
                    parent[Find(r * cols + c)] = Find(r * cols + c + 1);
                }
                if (r + 1 < rows && RulingLines.Coverage(horizontal, ys[r + 1], xs[c], xs[c + 1]) < MinCoverage)
                {
                    parent[Find(r * cols + c)] = Find((r + 1) * cols + c);
                }
            }
        }

        // 3. Glyphs to units by centre.
        var unitGlyphs = new Dictionary<int, List<Glyph>>();
        var tableBox = new Box(xs[0], ys[^1], xs[^1], ys[0]);
        foreach (var g in glyphs)
        {
            if (used.Contains(g) || !tableBox.Contains(g.CenterX, g.CenterY))
            {
                continue;
            }
            var c = Index(xs, g.CenterX);
            var r = RowIndex(ys, g.CenterY);
            if (c < 0 || r < 0 || r >= rows)
            {
                continue;
            }
            var root = Find(r * cols + c);
            if (!unitGlyphs.TryGetValue(root, out var list))
            {
                unitGlyphs[root] = list = [];
            }
            list.Add(g);
        }
        if (unitGlyphs.Count == 0)
        {
            return null; // a decorative frame or an empty form: nothing to read
        }
        if (unitGlyphs.Values.Any(HoldsFigureColumns))
        {
            // Rules around rows but none between the columns: the frame is no grid; leave the text
            // to the stream strategy rather than read "21 0 0 21" as one cell.
            return null;
        }

        // 4. One cell per group of joined units, spanning its bounding rows and columns.
        var cells = new List<GridCell>();
        foreach (var group in Enumerable.Range(0, rows * cols).GroupBy(Find))
        {
            int r0 = group.Min(u => u / cols), r1 = group.Max(u => u / cols);
            int c0 = group.Min(u => u % cols), c1 = group.Max(u => u % cols);
            var cellGlyphs = unitGlyphs.GetValueOrDefault(group.Key) ?? [];
            cells.Add(new GridCell
            {
                Row = r0,
                RowSpan = r1 - r0 + 1,
                X0 = xs[c0],
                X1 = xs[c1 + 1],
                Page = page.Number,
                Box = new Box(xs[c0], ys[r1 + 1], xs[c1 + 1], ys[r0]),
                Text = LineBuilder.JoinLines(LineBuilder.Build(cellGlyphs)),
            });
        }
        used.UnionWith(unitGlyphs.Values.SelectMany(g => g));
        var table = new GridTable
        {
            Strategy = "lattice",
            Xs = xs,
            RowCount = rows,
            Cells = cells,
            Page = page.Number,
            Box = tableBox,
            LastPage = page.Number,
            LastBox = tableBox,
        };
        table.RemoveEmptyRows();
        return table.RowCount > 0 ? table : null;
    }

    /// <summary>A cell whose line holds two figures set apart by a column gap.</summary>
    private static bool HoldsFigureColumns(List<Glyph> glyphs) =>
        glyphs.Count >= 3 && glyphs.Any(g => char.IsAsciiDigit(g.Text[0]))
        && LineBuilder.Build(glyphs).Any(l => l.Chunks(1.2).Count(c => GlyphText.IsNumber(c.Text())) >= 2);

    /// <summary>Row of descending <paramref name="ys"/> (top first) holding <paramref name="y"/>, or -1.</summary>
    private static int RowIndex(List<double> ys, double y)
    {
        for (var i = 0; i + 1 < ys.Count; i++)
        {
            if (y <= ys[i] && y > ys[i + 1])
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Index of the interval of ascending <paramref name="bounds"/> holding <paramref name="v"/>, or -1.</summary>
    private static int Index(List<double> bounds, double v)
    {
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            if (v >= bounds[i] && v < bounds[i + 1])
            {
                return i;
            }
        }
        return -1;
    }
}
