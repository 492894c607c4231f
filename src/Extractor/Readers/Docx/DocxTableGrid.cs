using DocumentFormat.OpenXml;
using Extractor.Model;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Extractor.Readers.Docx;

/// <summary>
/// Expands a Word table into the grid of <see cref="Table"/>, like the HTML reader's TableGrid:
/// gridBefore skips leading grid columns; gridSpan widens a cell; a vMerge continuation cell
/// (vMerge without val="restart") extends the RowSpan of the origin cell above it in the same grid
/// column; the legacy hMerge continuation extends the ColSpan of the cell to its left.
/// </summary>
internal static class DocxTableGrid
{
    private const int MaxSpan = 200;

    private sealed class Origin(int row, int column, string text, int colSpan, string path)
    {
        public int Row { get; } = row;
        public int Column { get; } = column;
        public string Text { get; set; } = text;
        public int RowSpan { get; set; } = 1;
        public int ColSpan { get; set; } = colSpan;
        public string Path { get; } = path;
    }

    public static Table? Build(W.Table table, int tableIndex, int blockIndex)
    {
        var origins = new List<Origin>();
        var rows = RowsOf(table).ToList();
        for (var r = 0; r < rows.Count; r++)
        {
            var column = rows[r].TableRowProperties?.GetFirstChild<W.GridBefore>()?.Val?.Value ?? 0;
            Origin? left = null;
            var index = 0;
            foreach (var tc in CellsOf(rows[r]))
            {
                index++;
                var props = tc.TableCellProperties;
                var span = Math.Clamp(props?.GridSpan?.Val?.Value ?? 1, 1, MaxSpan);
                var text = DocxText.OfCell(tc);
                if (IsContinuation(props?.VerticalMerge) && Above(origins, r, column) is { } owner)
                {
                    owner.RowSpan++;
                    if (text.Length > 0)
                    {
                        owner.Text = (owner.Text + " " + text).Trim();
                    }
                    column += owner.ColSpan;
                    left = null;
                    continue;
                }
                if (IsContinuation(props?.HorizontalMerge) && left is not null)
                {
                    left.ColSpan += span;
                    column += span;
                    continue;
                }
                left = new Origin(r, column, text, span, $"tbl[{tableIndex}]/tr[{r + 1}]/tc[{index}]");
                origins.Add(left);
                column += span;
            }
        }
        if (origins.Count == 0)
        {
            return null;
        }
        var cells = origins
            .Select(o => new Cell(o.Row, o.Column, o.Text, new Provenance(Offset: blockIndex, DomPath: o.Path), o.RowSpan, o.ColSpan))
            .ToList();
        return new Table(cells, new Provenance(Offset: blockIndex, DomPath: $"tbl[{tableIndex}]"), "docx");
    }

    /// <summary>vMerge/hMerge without a value means continue (ECMA-376 17.4.85, 17.4.22).</summary>
    private static bool IsContinuation(W.VerticalMerge? merge) =>
        merge is not null && (merge.Val is null || merge.Val.Value == W.MergedCellValues.Continue);

    private static bool IsContinuation(W.HorizontalMerge? merge) =>
        merge is not null && (merge.Val is null || merge.Val.Value == W.MergedCellValues.Continue);

    /// <summary>The origin whose span ends just above row <paramref name="row"/> and starts in this grid column.</summary>
    private static Origin? Above(List<Origin> origins, int row, int column) =>
        origins.LastOrDefault(o => o.Row < row && o.Row + o.RowSpan == row && o.Column == column);

    /// <summary>Rows, also those wrapped in content controls or custom XML.</summary>
    private static IEnumerable<W.TableRow> RowsOf(W.Table table) =>
        table.Descendants<W.TableRow>().Where(r => r.Ancestors<W.Table>().First() == table);

    private static IEnumerable<W.TableCell> CellsOf(W.TableRow row) =>
        row.Descendants<W.TableCell>().Where(c => c.Ancestors<W.TableRow>().First() == row);
}
