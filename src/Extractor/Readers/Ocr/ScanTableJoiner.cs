using Extractor.Model;
using Extractor.Readers.Pdf;
using PdfBox = Extractor.Readers.Pdf.Box;
using PdfGridCell = Extractor.Readers.Pdf.GridCell;

namespace Extractor.Readers.Ocr;

/// <summary>
/// Joins OCR tables continued over a page break with the PDF reader's <see cref="TableJoiner"/>
/// (one joiner for both: a repeated header, a row split by the break and a parent label cut by it
/// are the same problem in pixels as in a text layer). OCR cells already carry page points, so
/// they convert to the joiner's cells and back without a page frame; confidences go along.
/// </summary>
internal static class ScanTableJoiner
{
    private const double ColumnGap = 3.0;

    /// <summary>Blocks in reading order over all pages; the last table of a page and the first of the next are joined when they continue each other.</summary>
    public static List<Block> Join(IReadOnlyList<Block> blocks)
    {
        var result = new List<Block>();
        GridTable? open = null;
        var openIndex = -1;
        foreach (var block in blocks)
        {
            if (block is TableBlock { Table: var table } && table.Provenance.Page is { } page)
            {
                var grid = ToGrid(table, page);
                if (open is not null && page == open.LastPage + 1 && !TablesAfter(result, openIndex, open.LastPage) && TableJoiner.TryJoin(open, grid))
                {
                    result[openIndex] = new TableBlock(ToTable(open, ((TableBlock)result[openIndex]).Table));
                    continue;
                }
                result.Add(block);
                (open, openIndex) = (grid, result.Count - 1);
                continue;
            }
            result.Add(block);
        }
        return result;
    }

    /// <summary>
    /// Only the last table of a page continues on the next, and only when nothing but page furniture
    /// (a line without Chinese, like a page number) follows it.
    /// </summary>
    private static bool TablesAfter(List<Block> result, int index, int page) =>
        result.Skip(index + 1).Any(b => b is TableBlock || (b is TextBlock t && t.Provenance.Page == page && Extractor.Text.TextNormalizer.HasHan(t.Text)));

    private static GridTable ToGrid(Table table, int page)
    {
        var cells = table.Cells.Select(c => new PdfGridCell
        {
            Row = c.Row,
            RowSpan = c.RowSpan,
            X0 = c.Provenance.BBox![0],
            X1 = c.Provenance.BBox[2],
            Page = c.Provenance.Page ?? page,
            Box = ToBox(c.Provenance.BBox),
            Text = c.Text,
            Confidence = c.Confidence,
        }).ToList();
        var box = ToBox(table.Provenance.BBox!);
        return new GridTable
        {
            Strategy = table.Strategy,
            Xs = RulingLines.ClusterPositions(cells.SelectMany(c => new[] { c.X0, c.X1 }), ColumnGap),
            RowCount = table.RowCount,
            Cells = cells,
            Page = page,
            Box = box,
            LastPage = page,
            LastBox = box,
        };
    }

    private static Table ToTable(GridTable grid, Table first)
    {
        var cells = grid.Cells.OrderBy(c => c.Row).ThenBy(c => c.X0).Select(c =>
        {
            var c0 = grid.ColumnOf(c.X0);
            var c1 = grid.ColumnOf(c.X1);
            var box = new[] { c.Box.X0, c.Box.Y0, c.Box.X1, c.Box.Y1 };
            return new Cell(c.Row, c0, c.Text, new Provenance(Page: c.Page, BBox: box), c.RowSpan, Math.Max(1, c1 - c0)) { Confidence = c.Confidence };
        }).ToList();
        return new Table(cells, first.Provenance, grid.Strategy);
    }

    private static PdfBox ToBox(double[] b) => new(b[0], b[1], b[2], b[3]);
}
