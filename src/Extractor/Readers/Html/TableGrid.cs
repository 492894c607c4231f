using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Extractor.Model;
using Extractor.Text;

namespace Extractor.Readers.Html;

/// <summary>Expands an HTML table into the grid of <see cref="Table"/>: each cell at its origin with its spans.</summary>
internal static class TableGrid
{
    private const int MaxSpan = 200;

    public static Table? Build(IHtmlTableElement table, int tableIndex, int elementIndex)
    {
        var cells = new List<Cell>();
        var occupied = new HashSet<(int Row, int Column)>();
        var rows = table.Rows.ToList();
        for (var r = 0; r < rows.Count; r++)
        {
            var column = 0;
            var cellIndex = 0;
            foreach (var cell in rows[r].Cells)
            {
                cellIndex++;
                while (occupied.Contains((r, column)))
                {
                    column++;
                }
                var rowSpan = Math.Clamp(cell.RowSpan == 0 ? rows.Count - r : cell.RowSpan, 1, Math.Min(MaxSpan, rows.Count - r));
                var colSpan = Math.Clamp(cell.ColumnSpan, 1, MaxSpan);
                for (var dr = 0; dr < rowSpan; dr++)
                {
                    for (var dc = 0; dc < colSpan; dc++)
                    {
                        occupied.Add((r + dr, column + dc));
                    }
                }
                var text = CellText.Clean(TextOf(cell));
                var path = $"table[{tableIndex}]/tr[{r + 1}]/{cell.TagName.ToLowerInvariant()}[{cellIndex}]";
                cells.Add(new Cell(r, column, text, new Provenance(Offset: elementIndex, DomPath: path), rowSpan, colSpan));
                column += colSpan;
            }
        }
        return cells.Count == 0 ? null : new Table(cells, new Provenance(Offset: elementIndex, DomPath: $"table[{tableIndex}]"), "html");
    }

    /// <summary>Text of a cell; paragraphs and line breaks inside it are joined.</summary>
    private static string TextOf(IElement cell)
    {
        var parts = new List<string>();
        Collect(cell, parts);
        return string.Join(" ", parts);
    }

    private static void Collect(INode node, List<string> parts)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    parts.Add(text.Data);
                    break;
                case IElement e when e.TagName is "SCRIPT" or "STYLE":
                    break;
                case IElement e when e.TagName == "BR":
                    parts.Add(" ");
                    break;
                default:
                    Collect(child, parts);
                    break;
            }
        }
    }
}
