namespace Extractor.Readers.Pdf;

/// <summary>
/// Stream strategy: a table without rules, from aligned text. Lines are cut into chunks at wide
/// gaps; lines holding figures anchor the rows; the figures' x-extents, merged over all rows,
/// give the columns (centred or right-aligned numbers both overlap their column); what lies left
/// of the first figure column is the row label; label-only lines join the nearest row or stand as
/// a parent label; chunks above the first row are the header.
/// </summary>
internal sealed class WhitespaceTableDetector : ITableDetector
{
    public static readonly WhitespaceTableDetector Instance = new();

    /// <summary>A gap wider than this × font size separates two columns.</summary>
    private const double ColumnGap = 1.2;

    /// <summary>At least this many lines with two or more figures make a table.</summary>
    private const int MinFigureRows = 3;

    public string Strategy => "stream";

    /// <summary>Cheap test run on every page without frames: are there lines with two or more separate figures?</summary>
    public static bool HasNumberColumns(IReadOnlyList<Glyph> glyphs)
    {
        if (glyphs.Count(g => char.IsAsciiDigit(g.Text[0])) < 2 * MinFigureRows)
        {
            return false;
        }
        return LineBuilder.Build(glyphs).Count(l => l.Chunks(ColumnGap).Count(c => GlyphText.IsNumber(c.Text())) >= 2) >= MinFigureRows;
    }

    public TableDetection Detect(PageContent page, IReadOnlyList<Glyph> glyphs)
    {
        var result = TableDetection.Empty;
        var lines = LineBuilder.Build(glyphs).Select(l => (Line: l, Chunks: l.Chunks(ColumnGap))).ToList();
        bool IsFigureRow(int i) => lines[i].Chunks.Count(c => GlyphText.IsNumber(c.Text())) >= 2;

        var i = 0;
        while (i < lines.Count)
        {
            if (!IsFigureRow(i))
            {
                i++;
                continue;
            }
            // 1. A run of figure rows, allowing up to three label-only lines between two of them.
            int start = i, end = i, k = i + 1, gap = 0;
            while (k < lines.Count && gap <= 3
                && lines[k - 1].Line.Baseline - lines[k].Line.Baseline < 3.5 * lines[k].Line.Size)
            {
                if (IsFigureRow(k))
                {
                    end = k;
                    gap = 0;
                }
                else
                {
                    gap++;
                }
                k++;
            }
            var figureRows = Enumerable.Range(start, end - start + 1).Count(IsFigureRow);
            if (figureRows >= MinFigureRows)
            {
                // 2. Header: up to three lines of several chunks right above the first figure row.
                var head = start;
                while (head > 0 && start - head < 3 && lines[head - 1].Chunks.Count >= 2 && !IsFigureRow(head - 1)
                    && lines[head - 1].Line.Baseline - lines[head].Line.Baseline < 3.5 * lines[head].Line.Size)
                {
                    head--;
                }
                var table = Build(page, lines.GetRange(head, end - head + 1), start - head);
                if (table is not null)
                {
                    result.Tables.Add(table);
                    foreach (var (line, _) in lines.GetRange(head, end - head + 1))
                    {
                        result.UsedGlyphs.UnionWith(line.Glyphs);
                    }
                }
            }
            i = end + 1;
        }
        return result;
    }

    private static GridTable? Build(PageContent page, List<(TextLine Line, List<TextLine> Chunks)> lines, int headerLines)
    {
        // 3. Columns: x-extents of all figures, merged where they overlap.
        var figures = lines.Skip(headerLines).SelectMany(l => l.Chunks).Where(c => GlyphText.IsNumber(c.Text())).ToList();
        var columns = RulingLines.UnionIntervals(figures.Select(f => (f.Box.X0, f.Box.X1)), 1.0);
        if (columns.Count < 2)
        {
            return null;
        }
        var left = lines.Min(l => l.Line.Box.X0);
        var right = Math.Max(columns[^1].To, lines.Max(l => l.Line.Box.X1));
        var xs = new List<double> { left };
        for (var c = 0; c + 1 < columns.Count; c++)
        {
            xs.Add((columns[c].To + columns[c + 1].From) / 2);
        }
        xs.Insert(1, columns[0].From - 1);
        xs.Add(right);
        if (xs[1] - xs[0] < 4)
        {
            xs.RemoveAt(1); // no label column: figures start at the left edge
        }

        // 4. Rows: one per figure line; label-only lines join the nearest figure line when close, else stand alone.
        var rows = new List<List<TextLine>>();
        var anchors = new List<double>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i < headerLines || lines[i].Chunks.Count(c => GlyphText.IsNumber(c.Text())) >= 2)
            {
                rows.Add([.. lines[i].Chunks]);
                anchors.Add(lines[i].Line.Baseline);
            }
        }
        for (var i = headerLines; i < lines.Count; i++)
        {
            if (lines[i].Chunks.Count(c => GlyphText.IsNumber(c.Text())) >= 2)
            {
                continue;
            }
            var baseline = lines[i].Line.Baseline;
            var nearest = Enumerable.Range(headerLines, rows.Count - headerLines).OrderBy(r => Math.Abs(anchors[r] - baseline)).First();
            if (Math.Abs(anchors[nearest] - baseline) <= 1.3 * lines[i].Line.Size)
            {
                rows[nearest].AddRange(lines[i].Chunks);
            }
            else
            {
                var at = anchors.FindIndex(headerLines, a => a < baseline);
                at = at < 0 ? rows.Count : at;
                rows.Insert(at, [.. lines[i].Chunks]);
                anchors.Insert(at, baseline);
            }
        }

        // 5. Cells: chunks to the columns their centres fall in; a header chunk spans the columns it covers.
        var cells = new List<GridCell>();
        for (var r = 0; r < rows.Count; r++)
        {
            var byColumn = new Dictionary<(int From, int To), List<TextLine>>();
            foreach (var chunk in rows[r])
            {
                var from = Column(xs, chunk.Box.CenterX);
                var to = from;
                if (r < headerLines && from > 0)
                {
                    // A header such as 法人或其他组织 spans the figure columns whose centres it covers.
                    var covered = Enumerable.Range(1, xs.Count - 2).Where(c => chunk.Box.X0 <= (xs[c] + xs[c + 1]) / 2 && (xs[c] + xs[c + 1]) / 2 <= chunk.Box.X1).ToList();
                    if (covered.Count > 1)
                    {
                        (from, to) = (covered[0], covered[^1]);
                    }
                }
                if (!byColumn.TryGetValue((from, to), out var list))
                {
                    byColumn[(from, to)] = list = [];
                }
                list.Add(chunk);
            }
            for (var c = 0; c + 1 < xs.Count; c++)
            {
                var key = byColumn.Keys.FirstOrDefault(k => k.From <= c && c <= k.To, ((int From, int To))(-1, -1));
                if (key.From != c && key.From != -1)
                {
                    continue; // inside a spanning header cell
                }
                var chunks = key.From == -1 ? [] : byColumn[key];
                var to = key.From == -1 ? c : key.To;
                var glyphs = chunks.SelectMany(ch => ch.Glyphs).ToList();
                var box = glyphs.Count > 0 ? Box.Bounding(glyphs, g => g.Box) : new Box(xs[c], anchors[r], xs[to + 1], anchors[r]);
                cells.Add(new GridCell
                {
                    Row = r, X0 = xs[c], X1 = xs[to + 1], Page = page.Number, Box = box,
                    Text = LineBuilder.JoinLines(LineBuilder.Build(glyphs)),
                });
                c = to;
            }
        }
        var tableBox = Box.Bounding(lines, l => l.Line.Box);
        var table = new GridTable
        {
            Strategy = "stream", Xs = xs, RowCount = rows.Count, Cells = cells,
            Page = page.Number, Box = tableBox, LastPage = page.Number, LastBox = tableBox,
        };
        table.RemoveEmptyRows();
        return table;
    }

    private static int Column(List<double> xs, double x)
    {
        for (var c = 0; c + 1 < xs.Count; c++)
        {
            if (x < xs[c + 1])
            {
                return c;
            }
        }
        return xs.Count - 2;
    }
}
