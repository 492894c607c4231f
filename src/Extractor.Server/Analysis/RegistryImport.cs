using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Extractor.Server.Analysis;

/// <summary>One agency as an import file gives it.</summary>
public sealed record RegistryRow(int Line, string Name, IReadOnlyList<string> Aliases, string Province, string City, string County, string Township, string Level);

/// <summary>
/// Reads a registry file, CSV (UTF-8, with or without BOM) or XLSX (first sheet). The first row names the columns,
/// in Chinese or English: 名称/name, 别名/aliases (several separated by ；;、|), 省/province, 市/city, 县/county,
/// 乡镇/township, 级别/level. Unknown columns are ignored; a file without a name column is refused.
/// </summary>
public static class RegistryImport
{
    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["名称"] = "name", ["机关"] = "name", ["机关名称"] = "name", ["name"] = "name",
        ["别名"] = "aliases", ["aliases"] = "aliases", ["alias"] = "aliases",
        ["省"] = "province", ["省份"] = "province", ["province"] = "province",
        ["市"] = "city", ["city"] = "city",
        ["县"] = "county", ["区县"] = "county", ["县区"] = "county", ["county"] = "county",
        ["乡镇"] = "township", ["乡镇街道"] = "township", ["township"] = "township",
        ["级别"] = "level", ["层级"] = "level", ["level"] = "level",
    };

    public static List<RegistryRow> Read(string fileName, byte[] content)
    {
        var isXlsx = content.Length >= 4 && content[0] == 'P' && content[1] == 'K';
        var table = isXlsx ? ReadXlsx(fileName, content) : ReadCsv(content);
        if (table.Count == 0)
        {
            throw new FormatException($"{fileName}: the file is empty");
        }
        var header = table[0].Select(h => Columns.GetValueOrDefault(h.Trim()) ?? "").ToList();
        var nameAt = header.IndexOf("name");
        if (nameAt < 0)
        {
            throw new FormatException($"{fileName}: no name column (名称 or name) in the first row: {string.Join(", ", table[0])}");
        }
        string Get(List<string> row, string key)
        {
            var i = header.IndexOf(key);
            return i >= 0 && i < row.Count ? row[i].Trim() : "";
        }
        var rows = new List<RegistryRow>();
        for (var r = 1; r < table.Count; r++)
        {
            var row = table[r];
            var name = Get(row, "name");
            if (name.Length == 0)
            {
                continue;
            }
            var aliases = Get(row, "aliases").Split(['；', ';', '、', '|', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            rows.Add(new RegistryRow(r + 1, name, aliases, Get(row, "province"), Get(row, "city"), Get(row, "county"), Get(row, "township"), Get(row, "level")));
        }
        return rows;
    }

    /// <summary>RFC 4180: quoted fields with doubled quotes, commas and line breaks inside quotes.</summary>
    internal static List<List<string>> ReadCsv(byte[] content)
    {
        var text = new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': row.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n': row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; break;
                default: cell.Append(c); break;
            }
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }
        return rows.Where(r => r.Any(x => x.Length > 0)).ToList();
    }

    private static List<List<string>> ReadXlsx(string fileName, byte[] content)
    {
        try
        {
            using var doc = SpreadsheetDocument.Open(new MemoryStream(content), false);
            var wb = doc.WorkbookPart ?? throw new FormatException($"{fileName}: no workbook in the XLSX file");
            var first = wb.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new FormatException($"{fileName}: the workbook has no sheet");
            var part = (WorksheetPart)wb.GetPartById(first.Id!.Value!);
            var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var rows = new List<List<string>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var list = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var col = ColumnIndex(cell.CellReference?.Value);
                    while (col >= 0 && list.Count < col)
                    {
                        list.Add("");
                    }
                    var type = cell.DataType?.Value;
                    var v = type == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var si) && si < shared.Count ? shared[si]
                        : type == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                        : cell.CellValue?.Text ?? "";
                    list.Add(v);
                }
                rows.Add(list);
            }
            return rows.Where(r => r.Any(x => x.Length > 0)).ToList();
        }
        catch (Exception ex) when (!ex.Message.StartsWith(fileName + ":", StringComparison.Ordinal))
        {
            // The Open XML SDK's own errors (a damaged zip is a FileFormatException) do not say which file.
            throw new FormatException($"{fileName}: not a readable XLSX file ({ex.Message})", ex);
        }
    }

    private static int ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return -1;
        }
        var n = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            n = n * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return n - 1;
    }
}
