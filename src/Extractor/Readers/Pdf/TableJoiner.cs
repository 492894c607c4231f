using System.Text.RegularExpressions;

namespace Extractor.Readers.Pdf;

/// <summary>
/// Joins a table continued over a page break into one: the fragments are aligned by their outer
/// edges, column boundaries are united, a repeated header is dropped, a row split by the break is
/// rejoined, and a row-spanning parent label cut by the break (（四）无 / 法提供) becomes one cell.
/// </summary>
internal static partial class TableJoiner
{
    /// <summary>How far the outer edges of two fragments may differ and still be one table.</summary>
    private const double EdgeTolerance = 6.0;

    private const double ColumnTolerance = 3.0;

    /// <summary>Row labels of the template start with an enumerator: 一、 （一） 1. 1、.</summary>
    [GeneratedRegex(@"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d+\s*[、.．](?!\d))")]
    private static partial Regex Enumerator();

    public static bool StartsWithEnumerator(string text) => Enumerator().IsMatch(text);

    /// <summary>True when <paramref name="next"/> continues <paramref name="table"/>; then it is merged into <paramref name="table"/>.</summary>
    public static bool TryJoin(GridTable table, GridTable next)
    {
        if (next.Page != table.LastPage + 1 || next.Strategy != table.Strategy)
        {
            return false;
        }
        var dx = next.Xs[0] - table.Xs[0];
        if (Math.Abs((next.Xs[^1] - next.Xs[0]) - (table.Xs[^1] - table.Xs[0])) > EdgeTolerance || Math.Abs(dx) > 60)
        {
            return false;
        }
        var inner = next.Xs.Skip(1).SkipLast(1).ToList();
        var matching = inner.Count(x => table.Xs.Any(t => Math.Abs(t - (x - dx)) <= ColumnTolerance));
        if (inner.Count > 0 && matching < 0.5 * inner.Count)
        {
            return false;
        }
        Append(table, next, dx);
        return true;
    }

    private static void Append(GridTable table, GridTable next, double dx)
    {
        // 1. Align the continuation to the first fragment and unite the column boundaries.
        var moved = next.Cells.Select(c => new GridCell
        {
            Row = c.Row, RowSpan = c.RowSpan, X0 = c.X0 - dx, X1 = c.X1 - dx, Page = c.Page, Box = c.Box, Text = c.Text, Confidence = c.Confidence,
        }).ToList();
        table.Xs = RulingLines.ClusterPositions(table.Xs.Concat(next.Xs.Select(x => x - dx)), ColumnTolerance);

        // 2. Drop a repeated header.
        var repeated = RepeatedHeaderRows(table, moved, next.RowCount);
        moved = DropRows(moved, repeated);
        var rows = next.RowCount - repeated;
        if (rows <= 0)
        {
            return;
        }

        // 3. Rejoin a row split by the break, or continue parent labels cut by it.
        var last = table.RowCount - 1;
        var above = table.Cells.Where(c => c.Row <= last && last < c.Row + c.RowSpan).ToList();
        var first = moved.Where(c => c.Row == 0).OrderBy(c => c.X0).ToList();
        var split = IsSplitRow(above.Where(c => c.Row == last).ToList(), above, first);
        var offset = split ? last : table.RowCount;
        foreach (var cell in moved)
        {
            var partner = cell.Row == 0 ? above.FirstOrDefault(a => SameExtent(a, cell)) : null;
            if (partner is not null && (split || ContinuesParent(partner, cell, above, first)))
            {
                partner.Text = JoinText(partner.Text, cell.Text);
                partner.Confidence = partner.Confidence is { } p && cell.Confidence is { } q ? Math.Min(p, q) : partner.Confidence ?? cell.Confidence;
                partner.RowSpan = offset + cell.RowSpan - partner.Row;
                continue;
            }
            cell.Row += offset;
            table.Cells.Add(cell);
        }
        table.RowCount = offset + rows;
        table.LastPage = next.LastPage;
        table.LastBox = next.LastBox;
    }

    private static int RepeatedHeaderRows(GridTable table, List<GridCell> moved, int rows)
    {
        var k = 0;
        while (k < rows && k < table.RowCount)
        {
            var mine = string.Join("|", table.CellsInRow(k).Select(c => c.Text));
            var theirs = string.Join("|", moved.Where(c => c.Row == k).OrderBy(c => c.X0).Select(c => c.Text));
            if (mine != theirs || mine.Replace("|", "").Length == 0 || table.CellsInRow(k).Any(c => c.IsNumber))
            {
                break;
            }
            k++;
        }
        return k;
    }

    private static List<GridCell> DropRows(List<GridCell> cells, int count)
    {
        if (count == 0)
        {
            return cells;
        }
        var result = new List<GridCell>();
        foreach (var c in cells)
        {
            if (c.Row + c.RowSpan <= count)
            {
                continue;
            }
            var start = Math.Max(c.Row, count);
            c.RowSpan = c.Row + c.RowSpan - start;
            c.Row = start - count;
            result.Add(c);
        }
        return result;
    }

    /// <summary>
    /// The first row after the break is the rest of the last row before it when no cell starts a
    /// new template row (no enumerator), no figure meets another figure or a label in the same
    /// column, and something actually continues (a label, or figures on one side only).
    /// A header row followed by its row of figures (表四) fails the second test. An empty sliver
    /// of a row left at the page foot always takes the row that follows.
    /// </summary>
    private static bool IsSplitRow(List<GridCell> lastRowOwn, List<GridCell> above, List<GridCell> first)
    {
        if (first.Count > 0 && lastRowOwn.Count > 0 && lastRowOwn.All(c => c.IsEmpty))
        {
            return true; // the break left only an empty sliver of the row at the page foot (LibreOffice)
        }
        if (first.Count == 0 || first.Any(c => StartsWithEnumerator(c.Text)))
        {
            return false;
        }
        var continues = false;
        foreach (var b in first.Where(c => !c.IsEmpty))
        {
            var a = above.FirstOrDefault(x => SameExtent(x, b));
            if (a is null || a.IsEmpty)
            {
                continues |= b.IsFigure;
                continue;
            }
            if (a.IsFigure || b.IsFigure)
            {
                return false;
            }
            continues = true;
        }
        return continues && above.Any(a => !a.IsEmpty);
    }

    /// <summary>
    /// A parent label cut by the break: both halves are labels with another label to their right
    /// (the child rows), and the lower half does not start a template row of its own.
    /// </summary>
    private static bool ContinuesParent(GridCell a, GridCell b, List<GridCell> above, List<GridCell> first)
    {
        if (a.IsEmpty || a.IsFigure || b.IsFigure || StartsWithEnumerator(b.Text))
        {
            return false;
        }
        static bool LabelRightOf(GridCell cell, IEnumerable<GridCell> row) =>
            row.Any(c => c.X0 >= cell.X1 - ColumnTolerance && !c.IsEmpty && !c.IsFigure);
        return LabelRightOf(a, above) && LabelRightOf(b, first);
    }

    private static bool SameExtent(GridCell a, GridCell b) =>
        Math.Abs(a.X0 - b.X0) <= ColumnTolerance && Math.Abs(a.X1 - b.X1) <= ColumnTolerance;

    private static string JoinText(string a, string b) =>
        a.Length > 0 && b.Length > 0 && GlyphText.IsWordChar(a[^1]) && GlyphText.IsWordChar(b[0]) ? a + " " + b
            : a + b;
}
