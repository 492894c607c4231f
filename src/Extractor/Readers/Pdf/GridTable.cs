namespace Extractor.Readers.Pdf;

/// <summary>
/// A cell while tables are still being built: its rows, its horizontal extent (columns are
/// worked out from <see cref="GridTable.Xs"/> at the end, so fragments from different pages can
/// be joined by position), its box on its page and its text.
/// </summary>
internal sealed class GridCell
{
    public required int Row { get; set; }
    public int RowSpan { get; set; } = 1;
    public required double X0 { get; init; }
    public required double X1 { get; init; }
    public required int Page { get; init; }
    public required Box Box { get; set; }
    public required string Text { get; set; }

    /// <summary>A recogniser's confidence in <see cref="Text"/> (OCR tables joined here too); null for a text layer.</summary>
    public double? Confidence { get; set; }

    public bool IsEmpty => Text.Length == 0;
    public bool IsNumber => GlyphText.IsNumber(Text);

    /// <summary>A figure or a blank mark (/, —, 无): a cell of a figure column, never a piece of a label.</summary>
    public bool IsFigure => GlyphText.IsFigureOrBlank(Text);
}

/// <summary>A table found on a page (or joined over several), before it becomes a <see cref="Model.Table"/>.</summary>
internal sealed class GridTable
{
    public required string Strategy { get; init; }

    /// <summary>Column boundaries, left to right (columns = Xs.Count - 1).</summary>
    public required List<double> Xs { get; set; }
    public required int RowCount { get; set; }
    public required List<GridCell> Cells { get; init; }

    /// <summary>Page and box of the first fragment: where the table starts.</summary>
    public required int Page { get; init; }
    public required Box Box { get; init; }

    /// <summary>Page and box of the last fragment: where a continuation would have to follow.</summary>
    public int LastPage { get; set; }
    public Box LastBox { get; set; }

    public IEnumerable<GridCell> CellsInRow(int row) => Cells.Where(c => c.Row == row).OrderBy(c => c.X0);

    /// <summary>The cell covering a row at a horizontal position, following row spans.</summary>
    public GridCell? CellAt(int row, double x) =>
        Cells.FirstOrDefault(c => c.Row <= row && row < c.Row + c.RowSpan && c.X0 - 1 <= x && x <= c.X1 + 1);

    /// <summary>
    /// Removes rows whose own cells are all empty: slivers a page break leaves at the foot or head
    /// of a fragment (LibreOffice), which carry no label and no figure.
    /// </summary>
    public void RemoveEmptyRows()
    {
        for (var r = RowCount - 1; r >= 0; r--)
        {
            var own = Cells.Where(c => c.Row == r).ToList();
            if (own.Count == 0 || own.Any(c => !c.IsEmpty || c.RowSpan > 1))
            {
                continue;
            }
            Cells.RemoveAll(c => c.Row == r);
            foreach (var c in Cells)
            {
                if (c.Row > r)
                {
                    c.Row--;
                }
                else if (c.Row + c.RowSpan > r)
                {
                    c.RowSpan--;
                }
            }
            RowCount--;
        }
    }

    /// <summary>Column index of a boundary position: the nearest boundary in <see cref="Xs"/>.</summary>
    public int ColumnOf(double x)
    {
        var best = 0;
        for (var i = 1; i < Xs.Count; i++)
        {
            if (Math.Abs(Xs[i] - x) < Math.Abs(Xs[best] - x))
            {
                best = i;
            }
        }
        return best;
    }
}

/// <summary>Tables found on one page and the glyphs they took, which are then no longer prose.</summary>
internal sealed record TableDetection(List<GridTable> Tables, HashSet<Glyph> UsedGlyphs)
{
    public static TableDetection Empty => new([], []);
}

/// <summary>
/// A table-finding strategy (camelot's lattice and stream). The reader picks one per page from
/// the ruling lines found and records a fallback as a warning.
/// </summary>
internal interface ITableDetector
{
    /// <summary>lattice or stream: the value of <see cref="Model.Table.Strategy"/>.</summary>
    string Strategy { get; }

    /// <summary>Finds tables among <paramref name="glyphs"/> (those not yet taken) on the page.</summary>
    TableDetection Detect(PageContent page, IReadOnlyList<Glyph> glyphs);
}
