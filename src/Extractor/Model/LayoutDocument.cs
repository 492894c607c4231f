namespace Extractor.Model;

/// <summary>
/// Where a block or cell came from. PDF readers fill <see cref="Page"/> and <see cref="BBox"/>
/// (PDF points: x0, y0, x1, y1); text and HTML readers fill <see cref="Offset"/> (character offset
/// into the decoded text, or the element's position in the DOM) and, for HTML, <see cref="DomPath"/>.
/// </summary>
public sealed record Provenance(int? Page = null, double[]? BBox = null, int? Offset = null, int? Line = null, string? DomPath = null)
{
    public static readonly Provenance None = new();
}

/// <summary>A unit of the document in reading order: a paragraph of text or a table.</summary>
public abstract record Block(Provenance Provenance);

/// <summary>A paragraph or line of running text.</summary>
public sealed record TextBlock(string Text, Provenance Provenance) : Block(Provenance);

/// <summary>A table, as a block in reading order.</summary>
public sealed record TableBlock(Table Table) : Block(Table.Provenance);

/// <summary>
/// A cell at its origin position in the grid. A merged cell appears once, at its top-left
/// position, with <see cref="RowSpan"/>/<see cref="ColSpan"/> greater than one.
/// </summary>
public sealed record Cell(int Row, int Column, string Text, Provenance Provenance, int RowSpan = 1, int ColSpan = 1)
{
    /// <summary>
    /// How sure a recogniser (OCR) was of <see cref="Text"/>, 0–1; null for text read from a text
    /// layer or markup, which is taken as exact. The mapper caps the field's cell confidence by it.
    /// </summary>
    public double? Confidence { get; init; }
}

/// <summary>
/// A table as a grid of cells. <see cref="Strategy"/> says how it was found (html, docx, text-tab,
/// text-space, text-lines, lattice, stream), so the result can report what was done.
/// </summary>
public sealed class Table
{
    private readonly Cell?[,] _grid;

    public Table(IReadOnlyList<Cell> cells, Provenance provenance, string strategy)
    {
        Cells = cells;
        Provenance = provenance;
        Strategy = strategy;
        RowCount = cells.Count == 0 ? 0 : cells.Max(c => c.Row + c.RowSpan);
        ColumnCount = cells.Count == 0 ? 0 : cells.Max(c => c.Column + c.ColSpan);
        _grid = new Cell?[RowCount, ColumnCount];
        foreach (var cell in cells)
        {
            for (var r = cell.Row; r < cell.Row + cell.RowSpan; r++)
            {
                for (var c = cell.Column; c < cell.Column + cell.ColSpan; c++)
                {
                    _grid[r, c] ??= cell;
                }
            }
        }
    }

    public IReadOnlyList<Cell> Cells { get; }
    public Provenance Provenance { get; }
    public string Strategy { get; }
    public int RowCount { get; }
    public int ColumnCount { get; }

    /// <summary>The cell covering grid position (row, column), following spans; null for a hole.</summary>
    public Cell? At(int row, int column) => row < RowCount && column < ColumnCount ? _grid[row, column] : null;

    /// <summary>The cells that start in the given row, left to right.</summary>
    public IEnumerable<Cell> OriginCells(int row) =>
        Cells.Where(c => c.Row == row).OrderBy(c => c.Column);
}

/// <summary>
/// The unified intermediate model every reader produces: blocks (text and tables) in reading
/// order, the page count, and what the reader noticed on the way. Nothing after the readers
/// knows which format a document came from.
/// </summary>
public sealed class LayoutDocument
{
    public required string Format { get; init; }
    public int Pages { get; init; } = 1;
    public List<Block> Blocks { get; } = [];
    public List<string> Warnings { get; } = [];

    /// <summary>Pages that could not be read (no text layer, undecodable fonts): their figures are missing, not zero.</summary>
    public List<int> UnreadablePages { get; } = [];

    /// <summary>
    /// Time the reader spent per stage where it measures them (OCR: render, deskew, grid,
    /// tesseract.chi_sim, tesseract.eng, assemble), summed over pages, which may run in parallel:
    /// thread time, not wall time.
    /// </summary>
    public Dictionary<string, double> TimingsMs { get; } = new(StringComparer.Ordinal);

    public IEnumerable<Table> Tables => Blocks.OfType<TableBlock>().Select(b => b.Table);

    /// <summary>All running text, tables flattened row by row, for segmentation and prose checks.</summary>
    public string PlainText()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var block in Blocks)
        {
            if (block is TextBlock t)
            {
                sb.AppendLine(t.Text);
            }
            else if (block is TableBlock tb)
            {
                for (var r = 0; r < tb.Table.RowCount; r++)
                {
                    sb.AppendLine(string.Join('\t', tb.Table.OriginCells(r).Select(c => c.Text)));
                }
            }
        }
        return sb.ToString();
    }
}
