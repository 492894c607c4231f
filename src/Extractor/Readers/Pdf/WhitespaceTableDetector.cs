using System.Text.RegularExpressions;

namespace Extractor.Readers.Pdf;

/// <summary>
/// Stream strategy: a table without rules, from aligned text. Lines are cut into chunks at wide
/// gaps; lines holding figures anchor the rows; the figures' x-extents, merged over all rows,
/// give the columns (centred or right-aligned numbers both overlap their column); what lies left
/// of the first figure column is the row label; label-only lines join the nearest row or stand as
/// a parent label; chunks above the first row are the header.
/// </summary>
internal sealed partial class WhitespaceTableDetector : ITableDetector
{
    public static readonly WhitespaceTableDetector Instance = new();

    /// <summary>A gap wider than this × font size separates two columns.</summary>
    private const double ColumnGap = 1.2;

    /// <summary>Figure lines further apart than this × font size belong to different tables.</summary>
    private const double MaxRowDistance = 6.0;

    /// <summary>Lines of a header or table lie closer than this × font size.</summary>
    private const double MaxLineGap = 3.5;

    private const int MaxHeaderLines = 8;

    public string Strategy => "stream";

    /// <summary>A line cut into chunks at wide gaps, with the number of chunks that are figures.</summary>
    private sealed record StreamLine(TextLine Line, List<TextLine> Chunks)
    {
        public int Figures { get; } = Chunks.Count(c => GlyphText.IsFigureOrBlank(c.Text()));

        /// <summary>
        /// A label and its figures, or several figures: a row of a table. A lone 无 after a label is
        /// prose as often as a blank cell (六、其他需要报告的事项 无): it needs a figure beside it.
        /// </summary>
        public bool IsFigureLine => Figures >= 2
            || (Figures == 1 && Chunks.Count >= 2 && !GlyphText.IsFigureOrBlank(Chunks[0].Text()) && Chunks.Any(c => GlyphText.IsFigureOrBlank(c.Text()) && c.Text().Trim() != "无"));

        public double Size => Line.Size;
        public double Baseline => Line.Baseline;
    }

    /// <summary>Cheap test run on every page without frames: is there a line with a label and a figure set apart?</summary>
    public static bool HasNumberColumns(IReadOnlyList<TextLine> lines) =>
        lines.Any(l => l.Glyphs.Any(g => char.IsAsciiDigit(g.Text[0])) && new StreamLine(l, StreamChunks(l)).IsFigureLine);

    /// <summary>A label glyph and a figure after it further apart than this × font size are two cells.</summary>
    private const double LabelFigureGap = 0.4;

    /// <summary>
    /// The line's chunks, with a figure or blank mark that ends a label chunk split off: a left-aligned
    /// label filling its cell leaves only the cell padding before the next column's figure
    /// (行政机关不再处理其政府信息公开 1, 属于三类内部事务信息 /). Ideographs of one label touch;
    /// a gap between a label glyph and a trailing figure is a cell boundary.
    /// </summary>
    private static List<TextLine> StreamChunks(TextLine line)
    {
        var result = new List<TextLine>();
        foreach (var chunk in line.Chunks(ColumnGap))
        {
            var g = chunk.Glyphs;
            var k = g.Count;
            while (k > 0 && (char.IsAsciiDigit(g[k - 1].Text[0]) || g[k - 1].Text[0] is >= '０' and <= '９' or ',' or '.'))
            {
                k--;
            }
            if (k == g.Count && g.Count >= 2 && GlyphText.IsBlankMark(g[^1].Text))
            {
                k = g.Count - 1;
            }
            if (k > 0 && k < g.Count && GlyphText.IsCjk(g[k - 1].Text[^1])
                && g[k].X0 - g[k - 1].X1 > LabelFigureGap * Math.Max(g[k].Size, g[k - 1].Size)
                && GlyphText.IsFigureOrBlank(new TextLine(g.GetRange(k, g.Count - k)).Text()))
            {
                result.Add(new TextLine(g.GetRange(0, k)));
                result.Add(new TextLine(g.GetRange(k, g.Count - k)));
            }
            else
            {
                result.Add(chunk);
            }
        }
        return result;
    }

    public TableDetection Detect(PageContent page, IReadOnlyList<Glyph> glyphs)
    {
        var result = TableDetection.Empty;
        var lines = LineBuilder.Build(glyphs).Select(l => new StreamLine(l, StreamChunks(l))).ToList();
        var i = 0;
        while (i < lines.Count)
        {
            if (!lines[i].IsFigureLine)
            {
                i++;
                continue;
            }
            // 1. A run of figure lines close to each other; label-only lines between them belong to
            //    the run unless they look like a new header (a chunk over the figure columns).
            var figureLeft = FigureLeft(lines[i]);
            int start = i, end = i, k = i + 1;
            while (k < lines.Count && lines[end].Baseline - lines[k].Baseline <= MaxRowDistance * lines[k].Size)
            {
                if (lines[k].IsFigureLine)
                {
                    end = k;
                    figureLeft = Math.Min(figureLeft, FigureLeft(lines[k]));
                }
                else if (StartsNewTable(lines[k], figureLeft))
                {
                    break;
                }
                k++;
            }

            // 1a. A numbered label wrapped over two lines with its figures on the second
            //     (5.要求行政机关确认或重新出具已 / 获取信息 0 8 …) starts the run, as at the top of a
            //     page where 表三 continues without its header.
            if (start > 0 && IsWrappedLabelStart(lines[start - 1], lines[start], figureLeft))
            {
                start--;
            }

            // 2. Header: lines just above that have several chunks or sit over the figure columns.
            var head = start;
            while (head > 0 && start - head < MaxHeaderLines && !lines[head - 1].IsFigureLine
                && lines[head - 1].Baseline - lines[head].Baseline < MaxLineGap * lines[head].Size
                && (lines[head - 1].Chunks.Count >= 2 || IsHeaderWord(lines[head - 1], figureLeft)))
            {
                head--;
            }
            var figureLines = Enumerable.Range(start, end - start + 1).Count(x => lines[x].IsFigureLine);
            // A lone row at the head of a later page is the rest of a table the break cut (表二's
            // 行政事业性收费 below its header on the page before).
            var continuation = head == 0 && page.Number > 1;
            if (figureLines >= 2 || head < start || lines[start].Figures >= 3 || continuation)
            {
                var table = Build(page, lines.GetRange(head, end - head + 1), start - head);
                if (table is not null)
                {
                    result.Tables.Add(table);
                    result.UsedGlyphs.UnionWith(lines.GetRange(head, end - head + 1).SelectMany(l => l.Line.Glyphs));
                }
            }
            i = end + 1;
        }
        return result;
    }

    /// <summary>
    /// A label-only line inside a run of figure lines that is no row label but the head of the next
    /// table: a column header reaching over the figure columns (信息内容 本年处理决定数量, centred
    /// over a one-figure column that starts right of the header's left edge), or a caption citing
    /// an article of the Regulations (第二十条第（六）项: 表二's small tables, 国办公开办函〔2021〕30号).
    /// Row labels, wrapped or not, end left of the figures. 表二's small tables sit this close
    /// together in a borderless PDF; without the break they read as one table and their rows mix.
    /// </summary>
    private static bool StartsNewTable(StreamLine line, double figureLeft) =>
        (line.Chunks.Count >= 2 && line.Chunks.Any(c => c.Box.X0 >= figureLeft - line.Size || c.Box.X1 > figureLeft + line.Size / 2))
            || ArticleCaption().IsMatch(line.Line.Text().Replace(" ", ""));

    [GeneratedRegex(@"^第[一二三四五六七八九十]+条(第?[（(][一二三四五六七八九十]+[）)]项)?$")]
    private static partial Regex ArticleCaption();

    private static bool IsWrappedLabelStart(StreamLine above, StreamLine first, double figureLeft) =>
        !above.IsFigureLine && above.Chunks.Count == 1 && above.Line.Box.X1 < figureLeft
            && above.Baseline - first.Baseline < 1.6 * first.Size
            && TableJoiner.StartsWithEnumerator(above.Line.Text())
            && !TableJoiner.StartsWithEnumerator(first.Chunks[0].Text());

    /// <summary>A short header word over the figure columns (申请人情况, 组织), not a section heading.</summary>
    private static bool IsHeaderWord(StreamLine line, double figureLeft)
    {
        var text = line.Line.Text();
        return text.Length <= 12 && !TableJoiner.StartsWithEnumerator(text) && line.Line.Box.CenterX >= figureLeft - line.Size;
    }

    private static double FigureLeft(StreamLine line) =>
        line.Chunks.Where(c => GlyphText.IsFigureOrBlank(c.Text())).Min(c => c.Box.X0);

    private static GridTable? Build(PageContent page, List<StreamLine> lines, int headerLines)
    {
        // 3. Columns: x-extents of all figures, merged where they overlap.
        var figures = lines.Skip(headerLines).SelectMany(l => l.Chunks).Where(c => GlyphText.IsFigureOrBlank(c.Text())).ToList();
        var columns = RulingLines.UnionIntervals(figures.Select(f => (f.Box.X0, f.Box.X1)), 1.0);
        if (columns.Count < 1)
        {
            return null;
        }
        columns = AddHeaderOnlyColumns(columns, lines.Take(headerLines));
        lines = [.. lines.Take(headerLines), .. lines.Skip(headerLines).Select(l => SplitAtFigureColumn(l, columns[0].From))];
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

        // 3a. Parent labels (（三）不予 / 公开 beside 4.保护第三方合法权益): where a line holds two label
        //     chunks, the left ones are parent fragments; what ends before the last of them is a
        //     parent column, kept out of the row labels.
        var parentEdge = double.NaN;
        if (xs.Count > 2)
        {
            var labelRight = xs[1];
            var parentEnds = lines.Skip(headerLines)
                .Select(l => l.Chunks.Where(c => c.Box.X1 <= labelRight + 1 && !GlyphText.IsFigureOrBlank(c.Text())).ToList())
                .Where(c => c.Count >= 2)
                .Select(c => c.Take(c.Count - 1).Max(x => x.Box.X1))
                .ToList();
            if (parentEnds.Count > 0 && parentEnds.Max() + 1 - left >= 2 * lines[0].Size && parentEnds.Max() + 1 < labelRight)
            {
                parentEdge = parentEnds.Max() + 1;
                xs.Insert(1, parentEdge);
            }
        }

        // 4. Rows: one per header line and figure line; a label-only line (a wrapped label, a piece
        //    of a parent label) joins the nearest figure line. A row of a label without figures is
        //    never made up: it would read as a row of blank cells, that is zeros.
        var rows = new List<List<TextLine>>();
        var anchors = new List<double>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i < headerLines || lines[i].IsFigureLine)
            {
                rows.Add([.. lines[i].Chunks]);
                anchors.Add(lines[i].Baseline);
            }
        }
        for (var i = headerLines; i < lines.Count; i++)
        {
            if (lines[i].IsFigureLine)
            {
                continue;
            }
            var baseline = lines[i].Baseline;
            var nearest = Enumerable.Range(headerLines, rows.Count - headerLines).OrderBy(r => Math.Abs(anchors[r] - baseline)).First();
            rows[nearest].AddRange(lines[i].Chunks);
        }

        // 5. Cells: chunks to the columns their centres fall in; a header chunk spans the columns it covers.
        var cells = new List<GridCell>();
        for (var r = 0; r < rows.Count; r++)
        {
            var byColumn = new Dictionary<(int From, int To), List<TextLine>>();
            foreach (var chunk in rows[r])
            {
                var from = Column(xs, chunk.Box.CenterX);
                if (!double.IsNaN(parentEdge) && r >= headerLines && chunk.Box.X0 < xs[2] && !GlyphText.IsFigureOrBlank(chunk.Text()))
                {
                    from = chunk.Box.X1 <= parentEdge + 2 ? 0 : 1;
                }
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

    /// <summary>
    /// A label chunk whose trailing figure stands in the figure columns the other rows show: a label
    /// filling its left-aligned cell, closer to the figure than the 0.4 em that tells a cell
    /// boundary from autospace in prose (…不再处理其 2 at 0.27 em). Inside a table the columns decide.
    /// </summary>
    private static StreamLine SplitAtFigureColumn(StreamLine line, double figureLeft)
    {
        var chunks = new List<TextLine>();
        var changed = false;
        foreach (var chunk in line.Chunks)
        {
            var g = chunk.Glyphs;
            var k = g.Count;
            while (k > 0 && (char.IsAsciiDigit(g[k - 1].Text[0]) || g[k - 1].Text[0] is ',' or '.'))
            {
                k--;
            }
            if (k > 0 && k < g.Count && g[k].X0 >= figureLeft - 1 && GlyphText.IsCjk(g[k - 1].Text[^1])
                && g[k].X0 - g[k - 1].X1 > 0.1 * g[k].Size && GlyphText.IsNumber(new TextLine(g.GetRange(k, g.Count - k)).Text()))
            {
                chunks.Add(new TextLine(g.GetRange(0, k)));
                chunks.Add(new TextLine(g.GetRange(k, g.Count - k)));
                changed = true;
            }
            else
            {
                chunks.Add(chunk);
            }
        }
        return changed ? new StreamLine(line.Line, chunks) : line;
    }

    /// <summary>
    /// A column whose every cell is blank and printed empty has no figure to show it: in 表四's one
    /// row of figures a blank 尚未审结 would vanish and its neighbours shift. A short header chunk over
    /// the figure area that touches no figure column stands for such a column. Wide headers
    /// (申请人情况, 法人或其他组织) always overlap the columns they head, so they add none.
    /// </summary>
    private static List<(double From, double To)> AddHeaderOnlyColumns(List<(double From, double To)> columns, IEnumerable<StreamLine> header)
    {
        var extra = header.SelectMany(l => l.Chunks.Select(c => (Chunk: c, l.Size)))
            .Where(x => x.Chunk.Box.X0 >= columns[0].From - x.Size && x.Chunk.Box.Width <= 6 * x.Size
                && !columns.Any(col => x.Chunk.Box.X0 < col.To + 1 && col.From - 1 < x.Chunk.Box.X1))
            .Select(x => (x.Chunk.Box.X0, x.Chunk.Box.X1))
            .ToList();
        if (extra.Count == 0)
        {
            return columns;
        }
        return RulingLines.UnionIntervals(columns.Concat(extra), 1.0);
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
