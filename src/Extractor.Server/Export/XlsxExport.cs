using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Extractor.Server.Export;

public static class XlsxExport
{
    /// <summary>One worksheet, header row frozen; numbers as numbers, text as inline strings (no shared-string table to keep in step).</summary>
    public static byte[] Write(ExportTable table)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(MakeRow(1, table.Headers.Cast<object?>().ToArray()));
            var r = 2u;
            foreach (var row in table.Rows)
            {
                data.Append(MakeRow(r++, row));
            }
            var view = new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 });
            sheetPart.Worksheet = new Worksheet(view, data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "reports" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row MakeRow(uint index, object?[] values)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < values.Length; c++)
        {
            var reference = ColumnName(c) + index.ToString(CultureInfo.InvariantCulture);
            switch (values[c])
            {
                case null:
                    continue;
                case decimal d:
                    row.Append(new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d.ToString("G29", CultureInfo.InvariantCulture)) });
                    break;
                case int i:
                    row.Append(new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)) });
                    break;
                default:
                    row.Append(new Cell
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Convert.ToString(values[c], CultureInfo.InvariantCulture) ?? "")),
                    });
                    break;
            }
        }
        return row;
    }

    /// <summary>0 → A, 25 → Z, 26 → AA: spreadsheet column letters.</summary>
    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }
}
