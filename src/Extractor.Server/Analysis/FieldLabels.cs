using Extractor.Schema;

namespace Extractor.Server.Analysis;

/// <summary>Chinese labels of the 200 fields as docs/fields.tsv writes them, and a search over them.</summary>
public static class FieldLabels
{
    public static string TableName(TemplateTable t) => t switch
    {
        TemplateTable.Active => "表二",
        TemplateTable.Applications => "表三",
        _ => "表四",
    };

    /// <summary>「一、本年新收政府信息公开申请数量 总计」: the row as printed, then the column.</summary>
    public static string Of(string path) => Template.Find(path) is { } f ? $"{f.RowLabel} {f.ColumnLabel}" : path;

    public static string WithTable(FieldDef f) => $"{TableName(f.Table)} {f.RowLabel} {f.ColumnLabel}";

    /// <summary>
    /// Fields whose label (with table name and path) contains every term of <paramref name="query"/>:
    /// 「本年新收 总计」 finds applications.newReceived.total. Terms are compared normalised (NFKC, no spaces).
    /// </summary>
    public static List<FieldDef> Search(string? query, int max = 50)
    {
        var terms = (query ?? "").Split([' ', '　', '·'], StringSplitOptions.RemoveEmptyEntries).Select(AgencyNames.Normalize).Where(t => t.Length > 0).ToList();
        return Template.Fields
            .Where(f =>
            {
                var hay = AgencyNames.Normalize(WithTable(f) + f.Path);
                return terms.All(t => hay.Contains(t, StringComparison.OrdinalIgnoreCase));
            })
            .Take(max)
            .ToList();
    }
}
