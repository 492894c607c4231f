using Extractor.Model;

namespace Extractor.Tests.Pdf;

/// <summary>Looks up rows of reconstructed tables the way a reader of the report would: by label.</summary>
internal static class PdfTableAssertions
{
    /// <summary>The row whose own cells hold a label containing <paramref name="labelPart"/>: (table, row).</summary>
    public static (Table Table, int Row)? FindRow(LayoutDocument doc, string labelPart)
    {
        foreach (var table in doc.Tables)
        {
            for (var r = 0; r < table.RowCount; r++)
            {
                if (table.OriginCells(r).Any(c => c.Text.Contains(labelPart, StringComparison.Ordinal)))
                {
                    return (table, r);
                }
            }
        }
        return null;
    }

    /// <summary>The figures of a row, left to right, as printed (blank cells as null).</summary>
    public static List<string> Figures(Table table, int row, int firstFigureColumn) =>
        Enumerable.Range(firstFigureColumn, table.ColumnCount - firstFigureColumn)
            .Select(c => table.At(row, c))
            .Where(c => c is not null && c.Row <= row)
            .Distinct()
            .Select(c => c!.Text)
            .ToList();

    /// <summary>The first column holding a figure in the row: where the label cells end.</summary>
    public static int FirstFigureColumn(Table table, int row)
    {
        for (var c = 0; c < table.ColumnCount; c++)
        {
            var cell = table.At(row, c);
            if (cell is not null && cell.Text.Length > 0 && cell.Text.All(ch => char.IsAsciiDigit(ch) || ch == '.'))
            {
                return c;
            }
        }
        return table.ColumnCount;
    }
}
