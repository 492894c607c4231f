namespace Extractor.Readers.Ocr;

/// <summary>A ruling line found in the image: a horizontal or vertical run of ink, in pixels.</summary>
public sealed record Rule(bool Horizontal, int Position, int Start, int End, int Thickness);

/// <summary>A cell of a grid found in the image: its grid origin and spans, and its box in pixels.</summary>
public sealed record GridCell(int Row, int Column, int RowSpan, int ColSpan, int X0, int Y0, int X1, int Y1);

/// <summary>A table grid found in the image: boundaries of rows and columns, and its (merged) cells.</summary>
public sealed record ImageGrid(int[] RowLines, int[] ColumnLines, List<GridCell> Cells)
{
    public int X0 => ColumnLines[0];
    public int Y0 => RowLines[0];
    public int X1 => ColumnLines[^1];
    public int Y1 => RowLines[^1];
}

/// <summary>
/// Lattice detection on a raster (the camelot idea applied to pixels):
/// 1. runs of ink at least <c>minLength</c> long, per row and per column, allowing small gaps
///    (a scanned rule breaks up), are joined over adjacent rows into ruling lines;
/// 2. lines that do not meet lines of the other direction are dropped (a stamp's rim, an underline);
/// 3. lines that meet are grouped into tables; their positions, clustered, are the grid;
/// 4. two neighbouring grid cells are one merged cell where the rule between them is missing.
/// </summary>
public static class GridDetector
{
    public static List<Rule> FindRules(GrayImage image, int threshold, int minLength, int maxGap, int maxThickness)
    {
        var rules = new List<Rule>();
        rules.AddRange(Lines(image, threshold, minLength, maxGap, maxThickness, horizontal: true));
        rules.AddRange(Lines(image, threshold, minLength, maxGap, maxThickness, horizontal: false));
        return rules;
    }

    public static List<ImageGrid> FindGrids(List<Rule> rules, int tolerance)
    {
        var h = rules.Where(r => r.Horizontal).ToList();
        var v = rules.Where(r => !r.Horizontal).ToList();
        // 2. keep lines that cross or touch at least two lines of the other direction.
        h = h.Where(a => v.Count(b => Meet(a, b, tolerance)) >= 2).ToList();
        v = v.Where(b => h.Count(a => Meet(a, b, tolerance)) >= 2).ToList();
        (h, v) = Anchored(h, v, tolerance);
        // 3. connected groups of meeting lines.
        var all = h.Concat(v).ToList();
        var parent = Enumerable.Range(0, all.Count).ToArray();
        for (var i = 0; i < all.Count; i++)
        {
            for (var j = i + 1; j < all.Count; j++)
            {
                if (all[i].Horizontal != all[j].Horizontal && Meet(all[i].Horizontal ? all[i] : all[j], all[i].Horizontal ? all[j] : all[i], tolerance))
                {
                    parent[Find(parent, i)] = Find(parent, j);
                }
            }
        }
        var grids = new List<ImageGrid>();
        foreach (var group in Enumerable.Range(0, all.Count).GroupBy(i => Find(parent, i)))
        {
            var lines = group.Select(i => all[i]).ToList();
            var rows = Cluster(lines.Where(l => l.Horizontal).Select(l => l.Position), tolerance);
            var cols = Cluster(lines.Where(l => !l.Horizontal).Select(l => l.Position), tolerance);
            if (rows.Length >= 2 && cols.Length >= 2)
            {
                rows = WithOpenEdges(rows, lines, tolerance);
                grids.Add(new ImageGrid(rows, cols, Cells(lines, rows, cols, tolerance)));
            }
        }
        return grids.OrderBy(g => g.Y0).ToList();
    }

    /// <summary>
    /// 2b. A table rule runs from a rule of the other direction to another one (or is long
    /// relative to the table); a stamp's ring or a signature stroke crosses rules in the middle
    /// and ends anywhere. Rules not anchored at both ends are dropped, repeatedly (dropping one may
    /// unanchor another), but a long one is kept: a rule broken by a faint scan loses its anchor
    /// on one side without ceasing to be a rule.
    /// </summary>
    private static (List<Rule> H, List<Rule> V) Anchored(List<Rule> h, List<Rule> v, int tolerance)
    {
        var width = h.Count == 0 ? 0 : h.Max(r => r.End) - h.Min(r => r.Start);
        var height = v.Count == 0 ? 0 : v.Max(r => r.End) - v.Min(r => r.Start);
        while (true)
        {
            var keepH = h.Where(a => a.End - a.Start >= width / 2 || (EndsAt(a, a.Start, v, h, tolerance) && EndsAt(a, a.End, v, h, tolerance))).ToList();
            var keepV = v.Where(b => b.End - b.Start >= height / 2 || (EndsAt(b, b.Start, h, v, tolerance) && EndsAt(b, b.End, h, v, tolerance))).ToList();
            if (keepH.Count == h.Count && keepV.Count == v.Count)
            {
                return (h, v);
            }
            (h, v) = (keepH, keepV);
        }
    }

    /// <summary>
    /// True when a rule of the other direction passes through <paramref name="end"/> of
    /// <paramref name="rule"/>, or two other parallel rules end there too (a table's open edge).
    /// </summary>
    private static bool EndsAt(Rule rule, int end, List<Rule> across, List<Rule> parallel, int tolerance) =>
        across.Any(o => Math.Abs(o.Position - end) <= tolerance + o.Thickness
            && rule.Position >= o.Start - tolerance && rule.Position <= o.End + tolerance)
        || parallel.Count(o => o != rule && (Math.Abs(o.Start - end) <= tolerance || Math.Abs(o.End - end) <= tolerance)) >= 2;

    /// <summary>
    /// Where a page break cuts a table without a closing rule, its vertical rules stop together at
    /// the cut: that common end is the table's edge (the first or last row would be lost otherwise).
    /// </summary>
    private static int[] WithOpenEdges(int[] rows, List<Rule> lines, int tolerance)
    {
        var vertical = lines.Where(l => !l.Horizontal).ToList();
        var result = rows.ToList();
        var top = vertical.Where(l => l.Start < rows[0] - 3 * tolerance).Select(l => l.Start).ToList();
        if (top.Count >= 3 && top.Max() - top.Min() <= 2 * tolerance)
        {
            result.Insert(0, (int)top.Average());
        }
        var bottom = vertical.Where(l => l.End > rows[^1] + 3 * tolerance).Select(l => l.End).ToList();
        if (bottom.Count >= 3 && bottom.Max() - bottom.Min() <= 2 * tolerance)
        {
            result.Add((int)bottom.Average());
        }
        return [.. result];
    }

    /// <summary>4. merge grid cells across missing rules (union-find), each group as its bounding cell.</summary>
    private static List<GridCell> Cells(List<Rule> lines, int[] rows, int[] cols, int tolerance)
    {
        int nr = rows.Length - 1, nc = cols.Length - 1;
        var parent = Enumerable.Range(0, nr * nc).ToArray();
        for (var r = 0; r < nr; r++)
        {
            for (var c = 0; c < nc; c++)
            {
                if (c + 1 < nc && Coverage(lines, false, cols[c + 1], rows[r], rows[r + 1], tolerance) < 0.5)
                {
                    parent[Find(parent, r * nc + c)] = Find(parent, r * nc + c + 1);
                }
                if (r + 1 < nr && Coverage(lines, true, rows[r + 1], cols[c], cols[c + 1], tolerance) < 0.5)
                {
                    parent[Find(parent, r * nc + c)] = Find(parent, (r + 1) * nc + c);
                }
            }
        }
        var cells = new List<GridCell>();
        foreach (var group in Enumerable.Range(0, nr * nc).GroupBy(i => Find(parent, i)))
        {
            int r0 = group.Min(i => i / nc), r1 = group.Max(i => i / nc), c0 = group.Min(i => i % nc), c1 = group.Max(i => i % nc);
            cells.Add(new GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, cols[c0], rows[r0], cols[c1 + 1], rows[r1 + 1]));
        }
        return cells.OrderBy(c => c.Row).ThenBy(c => c.Column).ToList();
    }

    /// <summary>Share of [from, to] covered by lines of the given direction at <paramref name="position"/>.</summary>
    private static double Coverage(List<Rule> lines, bool horizontal, int position, int from, int to, int tolerance)
    {
        var covered = 0;
        foreach (var l in lines)
        {
            if (l.Horizontal == horizontal && Math.Abs(l.Position - position) <= tolerance)
            {
                covered += Math.Max(0, Math.Min(l.End, to) - Math.Max(l.Start, from));
            }
        }
        return to > from ? (double)covered / (to - from) : 1;
    }

    private static bool Meet(Rule horizontal, Rule vertical, int tolerance) =>
        vertical.Position >= horizontal.Start - tolerance && vertical.Position <= horizontal.End + tolerance
        && horizontal.Position >= vertical.Start - tolerance && horizontal.Position <= vertical.End + tolerance;

    private static int[] Cluster(IEnumerable<int> positions, int tolerance)
    {
        var sorted = positions.Order().ToList();
        var result = new List<int>();
        var group = new List<int>();
        foreach (var p in sorted)
        {
            if (group.Count > 0 && p - group[^1] > tolerance)
            {
                result.Add((int)group.Average());
                group.Clear();
            }
            group.Add(p);
        }
        if (group.Count > 0)
        {
            result.Add((int)group.Average());
        }
        return [.. result];
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /// <summary>1. long ink runs per scan line, chained over adjacent scan lines into rules.</summary>
    private static List<Rule> Lines(GrayImage image, int threshold, int minLength, int maxGap, int maxThickness, bool horizontal)
    {
        int outer = horizontal ? image.Height : image.Width, inner = horizontal ? image.Width : image.Height;
        var open = new List<(int First, int Last, int Start, int End)>();
        var done = new List<(int First, int Last, int Start, int End)>();
        for (var o = 0; o < outer; o++)
        {
            var runs = new List<(int Start, int End)>();
            int runStart = -1, lastInk = -1;
            for (var i = 0; i <= inner; i++)
            {
                var ink = i < inner && (horizontal ? image[i, o] : image[o, i]) < threshold;
                if (ink)
                {
                    if (runStart < 0 || i - lastInk > maxGap + 1)
                    {
                        if (runStart >= 0 && lastInk - runStart + 1 >= minLength)
                        {
                            runs.Add((runStart, lastInk + 1));
                        }
                        runStart = i;
                    }
                    lastInk = i;
                }
            }
            if (runStart >= 0 && lastInk - runStart + 1 >= minLength)
            {
                runs.Add((runStart, lastInk + 1));
            }
            var next = new List<(int First, int Last, int Start, int End)>();
            foreach (var run in runs)
            {
                var k = open.FindIndex(s => s.Last == o - 1 && Math.Min(s.End, run.End) - Math.Max(s.Start, run.Start) > (run.End - run.Start) / 2);
                if (k >= 0)
                {
                    var s = open[k];
                    open.RemoveAt(k);
                    next.Add((s.First, o, Math.Min(s.Start, run.Start), Math.Max(s.End, run.End)));
                }
                else
                {
                    next.Add((o, o, run.Start, run.End));
                }
            }
            done.AddRange(open);
            open = next;
        }
        done.AddRange(open);
        return done
            .Where(s => s.Last - s.First + 1 <= maxThickness)
            .Select(s => new Rule(horizontal, (s.First + s.Last) / 2, s.Start, s.End, s.Last - s.First + 1))
            .ToList();
    }
}
