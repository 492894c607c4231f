using System.Globalization;
using System.Text;

namespace Extractor.Server.Export;

public static class CsvExport
{
    /// <summary>RFC 4180 CSV in UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right.</summary>
    public static byte[] Write(ExportTable table) => Write(table.Headers, table.Rows);

    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', headers.Select(Escape)).Append("\r\n");
        foreach (var row in rows)
        {
            sb.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Cell(object? v) => v switch
    {
        null => "",
        decimal d => d.ToString("G29", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Escape(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Escape(string s)
    {
        // Text from documents (agency names, file names) must not run as a formula when the file is opened.
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            s = "'" + s;
        }
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
    }
}
